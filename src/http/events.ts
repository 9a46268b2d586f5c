// GET /api/events: every history event as a server-sent event, live, from the event log in the state DB.
// Resumable: each event's id is its sequence number, and a client that reconnects with Last-Event-ID (or
// asks with ?after=) gets every event after it, so nothing is lost across a disconnect. One poller per
// server looks for new events (a MAX(seq) on its own connection: a write still open on the shared one is
// never seen before it commits); each stream then reads what it has not sent, in batches.
import type { Context } from 'hono';
import { streamSSE } from 'hono/streaming';
import { toHistoryEvent } from '../app/history.js';
import { loadSnapshot } from '../app/snapshot.js';
import type { Workspace } from '../app/workspace.js';
import { ConcordError } from '../core/errors.js';
import { checkTypePattern, expandTypePatterns } from '../core/event-match.js';
import { LIMITS } from '../core/limits.js';

export interface EventStreamOptions {
  /** How often the poller looks for new events while any stream is open. */
  pollMs: number;
  /** A comment line this often keeps idle connections open through proxies (and finds dead ones). */
  heartbeatMs: number;
  /** How often the file is looked at, so hand edits and `git pull`s become events without a request. */
  fileCheckMs: number;
  maxStreams: number;
}

const DEFAULTS: EventStreamOptions = { pollMs: 200, heartbeatMs: 15_000, fileCheckMs: 1_000, maxStreams: LIMITS.eventStreams };
const BATCH = 500;

export interface EventStreams {
  handle: (c: Context) => Response | Promise<Response>;
  readonly open: number;
  close: () => void;
}

/** `type=todo:*,*:status_changed&repo=api` -> the event query's filters. */
type EventQuery = NonNullable<Parameters<Workspace['events']['list']>[0]>;

function filtersOf(c: Context): Pick<EventQuery, 'types' | 'repo' | 'entity'> {
  const patterns = c.req.queries('type')?.flatMap((t) => t.split(',')).map((t) => t.trim()).filter(Boolean);
  for (const p of patterns ?? []) {
    const problem = checkTypePattern(p);
    if (problem) throw new ConcordError('INVALID_INPUT', `type ${problem}`, { hint: 'give event types or globs: todo:*, *:status_changed' });
  }
  const repo = c.req.query('repo');
  const entity = c.req.query('id');
  return { ...(patterns?.length ? { types: expandTypePatterns(patterns) } : {}), ...(repo ? { repo } : {}), ...(entity ? { entity } : {}) };
}

function startOf(c: Context): number | undefined {
  const given = c.req.header('last-event-id') ?? c.req.query('after');
  if (given === undefined || given === '') return undefined;
  const n = Number(given);
  if (!Number.isInteger(n) || n < 0) throw new ConcordError('INVALID_INPUT', `Last-Event-ID (or after) must be an event's sequence number, not ${JSON.stringify(given)}`, { hint: 'send the id of the last event you received, or leave it out for new events only' });
  return n;
}

export function eventStreams(ws: Workspace, options: Partial<EventStreamOptions> = {}): EventStreams {
  const o = { ...DEFAULTS, ...options };
  // Reads on a connection of its own: only committed events.
  const reader = ws.detached(ws.actor(), ws.surface);
  const waiters = new Set<() => void>();
  /** Ends each open stream (the server is stopping). */
  const enders = new Set<() => void>();
  let latest = 0;
  let streams = 0;
  let timer: NodeJS.Timeout | undefined;
  let lastFileCheck = 0;
  let stopped = false;

  const poll = async () => {
    timer = undefined;
    if (stopped) return;
    if (Date.now() - lastFileCheck >= o.fileCheckMs) {
      lastFileCheck = Date.now();
      // A hand edit is recorded when the file is read: read it, as any request would.
      await loadSnapshot(ws).catch(() => undefined);
    }
    const seq = reader.events.lastSeq();
    if (seq !== latest) {
      latest = seq;
      for (const wake of [...waiters]) wake();
    }
    if (streams > 0) schedule();
  };
  const schedule = () => {
    timer ??= setTimeout(() => void poll(), o.pollMs);
    timer.unref?.();
  };
  /** Resolves when an event after `seq` is known, or after `ms`. */
  const changed = (seq: number, ms: number) =>
    new Promise<void>((resolve) => {
      if (latest > seq) return resolve();
      const done = () => {
        clearTimeout(t);
        waiters.delete(done);
        resolve();
      };
      const t = setTimeout(done, ms);
      waiters.add(done);
    });

  return {
    get open() {
      return streams;
    },
    handle(c) {
      if (stopped) throw new ConcordError('SERVER_BUSY', 'the server is stopping', { hint: 'reconnect to it once it is back, with Last-Event-ID' });
      if (streams >= o.maxStreams) throw new ConcordError('SERVER_BUSY', `${streams} event streams are open, the most this server keeps at once`, { hint: 'close unused streams, or retry shortly' });
      const filters = filtersOf(c);
      const after = startOf(c);
      latest = reader.events.lastSeq();
      let last = after === undefined ? latest : Math.min(after, latest);
      streams++;
      schedule();
      return streamSSE(c, async (stream) => {
        let closed = false;
        const end = () => {
          closed = true;
          for (const wake of [...waiters]) wake();
        };
        stream.onAbort(end);
        enders.add(end);
        try {
          // `retry`: how long a client waits before reconnecting (with Last-Event-ID) after a drop.
          await stream.write('retry: 1000\n\n');
          while (!closed) {
            const upto = reader.events.lastSeq();
            while (!closed && last < upto) {
              const batch = reader.events.list({ ...filters, afterSeq: last, beforeSeq: upto + 1, ascending: true, limit: BATCH });
              for (const e of batch) {
                if (closed) break;
                await stream.writeSSE({ id: String(e.seq), event: e.type, data: JSON.stringify(toHistoryEvent(e)) });
                last = e.seq;
              }
              // Filtered out or not, everything up to `upto` has been looked at.
              if (batch.length < BATCH && !closed) last = upto;
            }
            if (closed) break;
            const before = latest;
            await changed(last, o.heartbeatMs);
            if (!closed && latest === before && latest <= last) await stream.write(': keep-alive\n\n');
          }
        } finally {
          enders.delete(end);
          streams--;
        }
      });
    },
    close() {
      stopped = true;
      if (timer) clearTimeout(timer);
      for (const end of [...enders]) end();
      reader.close();
    },
  };
}
