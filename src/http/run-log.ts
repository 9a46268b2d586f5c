// GET /api/runs/{id}/log/stream: the live log of a run as server-sent events, read from its attempt logs as
// they grow (what `concord run logs --follow` prints). Events: `log` (a chunk of text; its id is
// `attempt:next_offset`, so a client that reconnects with Last-Event-ID goes on where it stopped; secrets
// redacted across chunks, app/runs/log-redact.ts), `run`
// (its status or attempt changed), and `end` (the run is over and its log read to the end; the stream closes).
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { readRunLog } from '../app/runs/queries.js';
import type { Workspace } from '../app/workspace.js';
import { ConcordError } from '../core/errors.js';
import { LIMITS } from '../core/limits.js';
import { runNotFound } from '../core/runs/queue.js';
import { isLiveRun } from '../core/runs/states.js';

export interface RunLogStreamOptions {
  /** How often a stream looks for new output and a new status. */
  pollMs: number;
  /** A comment line this often keeps idle connections open through proxies. */
  heartbeatMs: number;
  maxStreams: number;
}

const DEFAULTS: RunLogStreamOptions = { pollMs: 250, heartbeatMs: 15_000, maxStreams: LIMITS.eventStreams };
const CHUNK = 65_536;

/** Where to start: Last-Event-ID (or ?attempt=&offset=), else the start of the latest attempt. */
function startOf(c: Context): { attempt?: number; offset: number } {
  const last = c.req.header('last-event-id');
  const [a, o] = last ? last.split(':') : [c.req.query('attempt'), c.req.query('offset')];
  const attempt = a === undefined || a === '' ? undefined : Number(a);
  const offset = o === undefined || o === '' ? 0 : Number(o);
  if ((attempt !== undefined && !(Number.isInteger(attempt) && attempt > 0)) || !(Number.isInteger(offset) && offset >= 0)) {
    throw new ConcordError('INVALID_INPUT', `the log position must be an attempt (1, 2, …) and a byte offset, not ${JSON.stringify(last ?? `${a ?? ''}:${o ?? ''}`)}`, {
      hint: 'send the id of the last log event you received (attempt:offset) as Last-Event-ID, or ?attempt=&offset=',
    });
  }
  return { ...(attempt !== undefined ? { attempt } : {}), offset };
}

export function runLogStreams(ws: Workspace, options: Partial<RunLogStreamOptions> = {}) {
  const o = { ...DEFAULTS, ...options };
  const enders = new Set<() => void>();
  let stopped = false;
  return {
    async handle(c: Context, id: string): Promise<Response> {
      if (stopped) throw new ConcordError('SERVER_BUSY', 'the server is stopping', { hint: 'reconnect to it once it is back, with Last-Event-ID' });
      if (enders.size >= o.maxStreams) throw new ConcordError('SERVER_BUSY', `${enders.size} log streams are open, the most this server keeps at once`, { hint: 'close unused streams, or retry shortly' });
      const first = await ws.runs.get(id);
      if (!first) throw runNotFound(id);
      const start = startOf(c);
      let attempt = start.attempt ?? Math.max(first.attempt, 1);
      let offset = start.offset;
      return streamSSE(c, async (stream) => {
        let closed = false;
        let wake: (() => void) | undefined;
        const end = () => {
          closed = true;
          wake?.();
        };
        stream.onAbort(end);
        enders.add(end);
        let seen = '';
        let quiet = 0;
        try {
          await stream.write('retry: 1000\n\n');
          while (!closed) {
            const run = (await ws.runs.get(id))!;
            const state = `${run.status}:${run.attempt}`;
            if (state !== seen) {
              seen = state;
              await stream.writeSSE({ event: 'run', data: JSON.stringify({ id: run.id, status: run.status, attempt: run.attempt }) });
            }
            const log = await readRunLog(ws, { id, attempt, offset, limit: CHUNK });
            if (log.next_offset > offset) {
              offset = log.next_offset;
              quiet = 0;
              // (A slice that was all the end of a secret redacted before it says nothing: it only moves on.)
              if (log.text) await stream.writeSSE({ id: `${attempt}:${offset}`, event: 'log', data: JSON.stringify({ attempt, offset: log.offset, text: log.text }) });
              continue;
            }
            // The log of this attempt is read to its end: a later attempt starts its own log.
            if (run.attempt > attempt) {
              attempt++;
              offset = 0;
              continue;
            }
            if (!isLiveRun(run.status)) {
              await stream.writeSSE({ event: 'end', data: JSON.stringify({ id: run.id, status: run.status, attempt: run.attempt }) });
              break;
            }
            await new Promise<void>((resolve) => {
              const t = setTimeout((wake = resolve), o.pollMs);
              wake = () => (clearTimeout(t), resolve());
            });
            quiet += o.pollMs;
            if (quiet >= o.heartbeatMs && !closed) {
              quiet = 0;
              await stream.write(': keep-alive\n\n');
            }
          }
        } finally {
          enders.delete(end);
        }
      });
    },
    close() {
      stopped = true;
      for (const end of [...enders]) end();
    },
  };
}
