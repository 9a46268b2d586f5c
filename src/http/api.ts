// The HTTP API under /api: a route for every operation (made from the manifest, src/ops), the OpenAPI
// document, the event stream and inbound webhooks; errors through the one mapping of errors.ts.
import { Hono, type Context } from 'hono';
import { parseInput } from '../app/input.js';
import { receiveWebhook } from '../app/scheduling/index.js';
import { leftOut, leftOutText } from '../app/left-out.js';
import type { Workspace } from '../app/workspace.js';
import { ConcordError } from '../core/errors.js';
import { OPERATIONS } from '../ops/index.js';
import { answerOf, type Operation, routeOf } from '../ops/operation.js';
import { errorResponse, onHttpError } from './errors.js';
import { HTTP_HINTS } from './hints.js';
import { eventStreams, type EventStreamOptions } from './events.js';
import { openApiDocument } from './openapi.js';
import { requestInput } from './request-input.js';

export interface ApiOptions {
  /** Wakes the scheduler of this server (after a trigger, a webhook): set by `concord serve`. */
  wake?: () => void;
  /** Called with a bug (an error that is not a ConcordError), after it was answered with a 500. */
  report?: (e: Error) => void;
  events?: Partial<EventStreamOptions>;
}

/** On the answer of a read that left invalid records out: `2 invalid record(s) ... left out of this answer; run GET /api/lint to see where`. */
export const PARTIAL_HEADER = 'X-Concord-Partial';

const ACTOR = /^[^\p{Cc}]{1,200}$/u;

/** The workspace as this request's caller: `X-Concord-Actor` names who makes changes (else the server's actor). */
function callerOf(ws: Workspace, c: Context): Workspace {
  const actor = c.req.header('x-concord-actor')?.trim();
  const session = c.req.header('x-concord-session')?.trim();
  for (const [name, value] of [['X-Concord-Actor', actor], ['X-Concord-Session', session]] as const) {
    if (value !== undefined && !ACTOR.test(value)) throw new ConcordError('INVALID_INPUT', `the ${name} header must be 1 to 200 characters without control characters`);
  }
  return actor || session ? ws.as(actor || ws.actor(), 'http', session || undefined) : ws;
}

/** Hono's `:param` form of `/api/todos/{id}`. */
const honoPath = (path: string) => path.replace(/\{(\w+)\}/g, ':$1');

/** `/api/todos/stale` before `/api/todos/{id}`: with fewer parameters first, a fixed word wins over a parameter. */
const byParams = (a: Operation, b: Operation) => routeOf(a).params.length - routeOf(b).params.length;

export interface Api {
  app: Hono;
  close: () => void;
}

export function createApi(ws: Workspace, options: ApiOptions = {}): Api {
  const api = new Hono();
  const report = options.report ?? ((e: Error) => process.stderr.write(`concord: internal error in the HTTP API: ${e.stack ?? e.message}\n`));
  const events = eventStreams(ws, options.events);
  let openapi: unknown;

  api.get('/api/openapi.json', (c) => c.json((openapi ??= openApiDocument(OPERATIONS))));
  api.get('/api/events', (c) => events.handle(c));
  api.post('/api/hooks/in/:name', async (c) => {
    const headers = Object.fromEntries(Object.entries(c.req.header()).map(([k, v]) => [k.toLowerCase(), v]));
    const r = await receiveWebhook(callerOf(ws, c), c.req.param('name'), { body: await c.req.text(), headers });
    options.wake?.();
    return c.json(r, 202);
  });

  for (const op of [...OPERATIONS].sort(byParams)) {
    const { method, path, params } = routeOf(op);
    const input = op.input.strict();
    api.on(method, honoPath(path), async (c) => {
      const parsed = parseInput(input, await requestInput(op, c, method, params), op.label ?? op.id);
      const caller = callerOf(ws, c);
      const result = await op.run(caller, parsed, { signal: c.req.raw.signal, ...(options.wake ? { wake: options.wake } : {}) });
      const answer = answerOf(op, result, parsed);
      const failed = op.failure?.(answer as never);
      if (failed) throw failed;
      // A read that could not see every record says so (the CLI exits 1): the count, and what to do.
      const partial = op.effect === 'read' ? leftOut(caller) : undefined;
      if (partial) c.header(PARTIAL_HEADER, leftOutText(partial, HTTP_HINTS, `${partial.errors} invalid record(s) or syntax error(s) left out of this answer`));
      return c.json(answer as object, op.effect === 'create' ? 201 : 200);
    });
  }

  const patterns = OPERATIONS.map((op) => ({ ...routeOf(op), re: new RegExp(`^${routeOf(op).path.replace(/\{\w+\}/g, '[^/]+')}$`) }));
  api.all('/api/*', (c) => {
    const allowed = [...new Set(patterns.filter((p) => p.re.test(c.req.path)).map((p) => p.method))];
    if (allowed.length) return errorResponse(405, { code: 'METHOD_NOT_ALLOWED', message: `${c.req.method} is not served at ${c.req.path}; use ${allowed.join(' or ')}` }, { allow: allowed.join(', ') });
    return errorResponse(404, { code: 'NOT_FOUND', message: `no route ${c.req.method} ${c.req.path}`, hint: 'the routes are listed in /api/openapi.json' });
  });
  api.onError(onHttpError(report));
  return { app: api, close: () => events.close() };
}
