// HTTP observability of `concord serve`: a latency histogram and a span per request, and the /metrics route.
import type { Context, MiddlewareHandler } from 'hono';
import { refreshRunMetrics } from '../app/run-metrics.js';
import type { Workspace } from '../app/workspace.js';
import { httpRequestDuration } from '../obs/metrics.js';
import { metricsRegistry } from '../obs/registry.js';
import { withSpan } from '../obs/tracing.js';

/** Times every request; the route label is Hono's pattern (`/mcp`), never the raw path, to bound its values. */
export function observeRequests(): MiddlewareHandler {
  return async (c, next) => {
    const started = performance.now();
    await withSpan(`HTTP ${c.req.method}`, { 'http.request.method': c.req.method, 'url.path': c.req.path }, async (span) => {
      await next();
      span.setAttributes({ 'http.route': routeOf(c), 'http.response.status_code': c.res.status });
    });
    httpRequestDuration.observe({ method: c.req.method, route: routeOf(c), status: String(c.res.status) }, (performance.now() - started) / 1000);
  };
}

function routeOf(c: Context): string {
  // An unmatched path is one label value, whatever was asked for.
  return c.res.status === 404 && c.req.routePath === '/*' ? 'unmatched' : c.req.routePath;
}

/** Prometheus text format; 404 while metrics are off (observability.metrics.enabled: false). */
export async function metricsRoute(c: Context, ws: Workspace): Promise<Response> {
  const registry = metricsRegistry();
  if (!registry || !ws.settings.observability.metrics.enabled) return c.json({ error: { code: 'NOT_FOUND', message: 'metrics are off; set observability.metrics.enabled: true in concord.yaml' } }, 404);
  await refreshRunMetrics(ws);
  return new Response(await registry.metrics(), { headers: { 'content-type': registry.contentType } });
}
