// Starting and stopping the HTTP server of `concord serve`.
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import type { Workspace } from '../app/workspace.js';
import { ConcordError } from '../core/errors.js';
import type { ToolSet } from '../mcp/tool-sets.js';
import type { ApiOptions } from './api.js';
import { createHttpApp } from './app.js';
import { isLoopback } from './guard.js';

export interface RunningServer {
  url: string;
  port: number;
  close: () => Promise<void>;
}

/**
 * Listens on the workspace's server settings. Refuses to listen beyond loopback without a bearer token:
 * anyone on the network could otherwise change ecosystem.yaml.
 */
export async function startHttpServer(ws: Workspace, options: { tools?: ToolSet; api?: ApiOptions } = {}): Promise<RunningServer> {
  const { host, port, token, allowed_origins } = ws.settings.server;
  if (!isLoopback(host) && !token) {
    throw new ConcordError('INVALID_SETTINGS', `refusing to listen on ${host} without a bearer token: anyone who can reach it could change the ecosystem`, {
      hint: 'set CONCORD_SERVER_TOKEN (at least 16 characters), or listen on 127.0.0.1',
    });
  }
  // Origins and host names are filled in once the port is known (port 0 picks one).
  const allowedOrigins: string[] = [];
  const allowedHosts: string[] = isLoopback(host) ? ['127.0.0.1', 'localhost', '[::1]'] : [];
  const app = createHttpApp(ws, { token, allowedOrigins, allowedHosts, ...options });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const s = serve({ fetch: app.app.fetch, hostname: host, port }, () => resolve(s));
    s.once('error', (e: NodeJS.ErrnoException) =>
      reject(new ConcordError('IO_ERROR', `cannot listen on ${host}:${port}: ${e.code === 'EADDRINUSE' ? 'the port is in use' : e.message}`, { hint: 'choose another port with --port (0 picks a free one)' })),
    );
  });
  // Node closes an idle keep-alive socket after 5 s, about when clients reuse it (undici keeps one 4 s): on a
  // busy machine the two cross and the client's next request meets a reset (the API bench saw 11 of 200
  // writes fail so). Idle sockets are kept longer than clients keep them, so the client always closes first.
  (server as unknown as { keepAliveTimeout: number }).keepAliveTimeout = 30_000;
  const actual = (server.address() as AddressInfo).port;
  const shown = host.includes(':') ? `[${host}]` : host;
  const own = isLoopback(host) ? [`http://127.0.0.1:${actual}`, `http://localhost:${actual}`, `http://[::1]:${actual}`] : [`http://${shown}:${actual}`];
  allowedOrigins.push(...own, ...allowed_origins);
  return {
    url: `http://${shown}:${actual}`,
    port: actual,
    close: async () => {
      await app.close();
      const http = server as unknown as { closeIdleConnections?: () => void; closeAllConnections?: () => void };
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      // Idle keep-alive sockets would hold close() for seconds; busy ones get a second to finish.
      http.closeIdleConnections?.();
      const force = setTimeout(() => http.closeAllConnections?.(), 1000);
      await closed;
      clearTimeout(force);
    },
  };
}
