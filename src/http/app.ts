// The HTTP app of `concord serve`: health, metrics, MCP at /mcp (the API and dashboard come later), behind the guards.
import { Hono } from 'hono';
import type { Workspace } from '../app/workspace.js';
import { VERSION } from '../core/version.js';
import { guard, type GuardOptions } from './guard.js';
import { mcpSessions } from './mcp-route.js';
import { metricsRoute, observeRequests } from './observe.js';

export function createHttpApp(ws: Workspace, options: GuardOptions) {
  const app = new Hono();
  const mcp = mcpSessions(ws);
  app.use('*', observeRequests());
  app.use('*', guard(options));
  app.get('/health', (c) => c.json({ ok: true, version: VERSION }));
  app.get('/metrics', (c) => metricsRoute(c, ws.settings.observability.metrics.enabled));
  app.all('/mcp', (c) => mcp.handle(c));
  return { app, close: () => mcp.close() };
}
