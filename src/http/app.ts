// The HTTP app of `concord serve`: health, metrics, MCP at /mcp, the API under /api and the dashboard at /, behind the guards.
import { Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import type { Workspace } from '../app/workspace.js';
import { LIMITS } from '../core/limits.js';
import { VERSION } from '../core/version.js';
import type { ToolSet } from '../mcp/tool-sets.js';
import { createApi, type ApiOptions } from './api.js';
import { errorResponse } from './errors.js';
import { guard, type GuardOptions } from './guard.js';
import { mcpSessions, type SessionLimits } from './mcp-route.js';
import { metricsRoute, observeRequests } from './observe.js';
import { dashboard } from './static.js';

export interface HttpAppOptions extends GuardOptions {
  /** The MCP tool set of a session that does not ask for one (`/mcp?tools=core`). */
  tools?: ToolSet;
  api?: ApiOptions;
  /** Where the dashboard's built files are (default: dist/web of this package). */
  webDir?: string;
}

export function createHttpApp(ws: Workspace, options: HttpAppOptions, sessionLimits?: Partial<SessionLimits>) {
  const app = new Hono();
  const mcp = mcpSessions(ws, options.tools ?? 'full', sessionLimits, options.api?.wake);
  const api = createApi(ws, options.api);
  const web = dashboard(options.webDir);
  app.use('*', observeRequests());
  app.use('*', guard({ ...options, isPublic: web.has }));
  app.get('/health', (c) => c.json({ ok: true, version: VERSION }));
  app.get('/metrics', (c) => metricsRoute(c, ws));
  // Every route: refused from Content-Length before any of the body is read (a chunked one once it passes the cap).
  const tooLarge = `request body over ${LIMITS.inputBytes} bytes, the limit of a request to Concord`;
  app.use(
    '*',
    bodyLimit({
      maxSize: LIMITS.inputBytes,
      onError: (c) =>
        c.req.path.startsWith('/api/')
          ? errorResponse(413, { code: 'PAYLOAD_TOO_LARGE', message: tooLarge, hint: 'an input is a few fields; see docs/settings.md, Limits' })
          : c.json({ jsonrpc: '2.0', error: { code: -32600, message: tooLarge }, id: null }, 413),
    }),
  );
  app.all('/mcp', (c) => mcp.handle(c));
  // The dashboard's files, before the API's catch-all under /api/* (which they never match).
  app.on(['GET', 'HEAD'], '*', async (c, next) => web(c) ?? (await next()));
  app.route('/', api.app);
  return {
    app,
    close: async () => {
      api.close();
      await mcp.close();
    },
  };
}
