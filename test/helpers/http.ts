// The HTTP app of `concord serve` in-process (Hono's app.request()), over a temp copy of an ecosystem.
import { afterAll } from 'vitest';
import type { Workspace, WorkspaceOptions } from '../../src/app/workspace.js';
import { createHttpApp, type HttpAppOptions } from '../../src/http/app.js';
import { workspaceWith } from './workspace.js';

/** A JSON answer, checked field by field with expect. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- answers are checked field by field with expect
export type Answer = any;

export interface InProcessApi {
  ws: Workspace;
  file: string;
  dir: string;
  /** A request to the app (path and init as for fetch); JSON bodies are sent as JSON. */
  request: (path: string, init?: Omit<RequestInit, 'body'> & { body?: unknown }) => Promise<Response>;
  /** The JSON of a request, with its status. */
  json: (path: string, init?: Omit<RequestInit, 'body'> & { body?: unknown }) => Promise<{ status: number; body: Answer }>;
  close: () => Promise<void>;
}

const open: InProcessApi[] = [];
afterAll(async () => {
  for (const a of open.splice(0)) await a.close();
});

export function inProcessApi(text: string, options: Partial<HttpAppOptions> = {}, workspace: WorkspaceOptions = {}): InProcessApi {
  const { ws, file, dir } = workspaceWith(text, workspace);
  const view = ws.as('tester', 'http');
  const http = createHttpApp(view, { token: undefined, allowedOrigins: [], allowedHosts: [], ...options });
  const request: InProcessApi['request'] = (path, init = {}) => {
    const { body, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (body !== undefined && typeof body !== 'string' && !headers.has('content-type')) headers.set('content-type', 'application/json');
    return Promise.resolve(http.app.request(path, { ...rest, headers, ...(body === undefined ? {} : { body: typeof body === 'string' ? body : JSON.stringify(body) }) }));
  };
  const api: InProcessApi = {
    ws,
    file,
    dir,
    request,
    json: async (path, init) => {
      const r = await request(path, init);
      return { status: r.status, body: await r.json() };
    },
    close: async () => {
      await http.close();
      ws.close();
    },
  };
  open.push(api);
  return api;
}
