// The fleet's coordinator (`concord serve --database-url`): the only writer of ecosystem.yaml.
//
// Workers on other hosts see only PostgreSQL. The coordinator makes each queued run ready for them (it
// takes the todo for the run, with the lease model that MCP agents' claims use, so an agent and a
// worker never hold one todo; it writes down what a worker needs: the prompt, the acceptance commands,
// the executor's settings; then it adds the graphile-worker job), applies what workers did (the
// transitions, in order) to the todo and the history through the normal write pipeline, renews the
// todos' leases while their runs live, and reaps dead workers (reaper.ts).
import type { Logger } from 'pino';
import { runContext } from '../app/runs/context.js';
import { eventFor, recordEvents, startedEvent } from '../app/runs/events.js';
import { poolsOf } from '../app/runs/pools.js';
import { acquireRunLease, isStaleLease, renewRunLease } from '../app/runs/todo-lease.js';
import { updateTodo } from '../app/todos.js';
import type { Workspace } from '../app/workspace.js';
import type { Lease } from '../core/claims.js';
import { ConcordError } from '../core/errors.js';
import type { RunRecord, Transition } from '../core/runs/queue.js';
import type { RunStatus } from '../core/runs/states.js';
import { noteFor } from '../exec/run-one.js';
import { addRunJob, type RunJobContext, migrateJobs, publishSettings } from './jobs.js';
import { type Db, isConnectionError } from './pg.js';
import { PgRunQueue, type Row, toRecord } from './pg-queue.js';
import { reapRuns } from './reaper.js';

export interface Coordinator {
  /** One pass: apply, prepare, renew, reap. */
  tick(): Promise<number>;
  stop(): Promise<void>;
}

interface TransitionRow {
  seq: string;
  run_id: string;
  op: string;
  from_status: RunStatus | null;
  to_status: RunStatus;
  delay_ms: number | null;
  /** The run's row as stored after the change. */
  run: Row;
}

const REFUSALS = ['ALREADY_CLAIMED', 'TODO_BLOCKED', 'INVALID_TRANSITION', 'TODO_NOT_FOUND', 'REPO_NOT_FOUND', 'INVALID_INPUT', 'POOL_NOT_FOUND'];
const MARK = 'coordinator';

export function fleetQueue(ws: Workspace): PgRunQueue {
  const q = ws.runs;
  if (!(q instanceof PgRunQueue)) throw new ConcordError('INVALID_SETTINGS', 'the fleet needs PostgreSQL: pass --database-url, or set CONCORD_DATABASE_URL or queue.database_url', { hint: 'see docs/fleet.md' });
  return q;
}

export async function startCoordinator(ws: Workspace, o: { logger?: Logger; pollMs?: number } = {}): Promise<Coordinator> {
  const q = fleetQueue(ws);
  const db: Db = q.db;
  const s = ws.settings.queue;
  const w = ws.as('concord', 'worker');
  const warn = (msg: string) => (o.logger ? o.logger.warn(msg) : ws.warn(msg));
  await migrateJobs(db, q.retryMs);
  await publishSettings(q, s);
  const failing = new Set<string>();
  let lastRenew = 0;
  let lastReap = 0;

  /** The todo lease this coordinator holds for the run (the token is in its own state database). */
  const heldFor = (run: Pick<RunRecord, 'id' | 'todo'>): Lease | undefined => {
    const l = ws.leases.get(run.todo);
    return l && l.run_id === run.id ? l : undefined;
  };

  /** Writes the run's result to its todo: with the run's lease, or without one when it lapsed (the coordinator was down). */
  const giveBack = async (run: RunRecord, status: 'completed' | 'pending', note: string, hours?: number) => {
    const lease = heldFor(run);
    const change = { status, ...(status === 'pending' ? { assignee: null } : {}), ...(hours !== undefined ? { actual_hours: hours } : {}), note };
    try {
      await updateTodo(w, run.todo, { ...change, ...(lease ? { claim_token: lease.token } : {}) });
    } catch (e) {
      if (!lease || !isStaleLease(e)) throw e;
      await updateTodo(w, run.todo, change);
    }
  };

  const apply = async (t: TransitionRow) => {
    const run = toRecord(t.run);
    const tr: Transition = { run, from: t.from_status ?? undefined, to: t.to_status };
    if (t.op === 'start') return recordEvents(w, [startedEvent(w, run)]);
    if (t.op === 'finish') {
      const o = run.outcome!;
      const todo = w.index.record('todos', run.todo)?.record as { actual_hours?: number } | undefined;
      const hours = Math.round(((todo?.actual_hours ?? 0) + (o.duration_ms ?? 0) / 3_600_000) * 1000) / 1000;
      await giveBack(run, t.to_status === 'succeeded' ? 'completed' : 'pending', noteFor(run, run.attempt, o, t.to_status), hours);
      const e = eventFor(w, tr, 'finish', t.delay_ms !== null ? { delay_ms: t.delay_ms } : {});
      return recordEvents(w, e ? [e] : []);
    }
    if (t.op === 'release') return giveBack(run, 'pending', `run ${run.id} handed back: the worker stopped`);
    if (t.op === 'reclaim' || t.op === 'cancel') {
      const e = eventFor(w, tr, t.op === 'reclaim' ? 'reclaim' : 'cancel');
      await recordEvents(w, e ? [e] : []);
      // Ended for good: the todo is work to do again. Back to the queue: the lease stays with the run.
      if (t.to_status !== 'queued' && heldFor(run)) await giveBack(run, 'pending', `run ${run.id} ended: ${run.outcome?.reason ?? t.to_status}`);
    }
  };

  const applyAll = async (): Promise<number> => {
    const [mark] = await q.query<{ value: string }>('SELECT value FROM concord.marks WHERE name = $1', [MARK]);
    const rows = await q.query<TransitionRow>('SELECT * FROM concord.transitions WHERE seq > $1 ORDER BY seq LIMIT 200', [mark?.value ?? 0]);
    for (const t of rows) {
      try {
        await apply(t);
      } catch (e) {
        if (isConnectionError(e)) throw e;
        warn(`run ${t.run_id}: its ${t.op} could not be applied to ${String(t.run['todo_id'])} (${(e as Error).message})`);
      }
      await q.query('INSERT INTO concord.marks (name, value) VALUES ($1, $2) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value', [MARK, t.seq]);
    }
    return rows.length;
  };

  /** Takes the todo of each queued run that waits for it, writes what a worker needs, and adds its job. */
  const prepareAll = async (): Promise<number> => {
    const rows = await q.query("SELECT * FROM concord.runs WHERE status = 'queued' AND context IS NULL ORDER BY seq LIMIT 100");
    let n = 0;
    for (const row of rows) {
      const run = toRecord(row);
      try {
        const pool = poolsOf(ws.settings).find((p) => p.name === run.pool);
        if (!pool) throw new ConcordError('POOL_NOT_FOUND', `pool ${run.pool} of run ${run.id} is no longer in concord.yaml`);
        const ctx = await runContext(w, run);
        if (!heldFor(run)) await acquireRunLease(w, { todo: run.todo, run: run.id, fence: Date.now(), agent: run.executor, lease_seconds: s.lease_seconds });
        const context: RunJobContext = {
          prompt: ctx.prompt,
          acceptance: ctx.acceptance,
          code_work: ctx.codeWork,
          repo_dir: ctx.repoDir,
          todo: { id: ctx.todo.id, task: ctx.todo.task, ...(ctx.todo.repo ? { repo: ctx.todo.repo } : {}) },
          executors: ws.settings.executors,
          isolation: pool.isolation,
          limits: pool.limits,
          command_dir: ws.dir,
          ecosystem: ws.file,
        };
        if (await addRunJob(q, run, context)) n++;
        failing.delete(run.id);
      } catch (e) {
        if (isConnectionError(e)) throw e;
        if (e instanceof ConcordError && REFUSALS.includes(e.code)) {
          // The todo changed since it was queued (claimed by an agent, finished, blocked, removed): no work.
          warn(`run ${run.id} not started: ${e.message}`);
          await q.cancel(run.id, new Date()).catch(() => undefined);
        } else if (!failing.has(run.id)) {
          failing.add(run.id);
          warn(`run ${run.id} could not be prepared yet: ${(e as Error).message}`);
        }
      }
    }
    return n;
  };

  const renewAll = async () => {
    const live = await q.query<{ id: string; todo_id: string }>("SELECT id, todo_id FROM concord.runs WHERE status IN ('queued', 'dispatching', 'running') AND context IS NOT NULL");
    for (const r of live) {
      const lease = heldFor({ id: r.id, todo: r.todo_id });
      if (lease) await renewRunLease(w, { todo: r.todo_id, token: lease.token, lease_seconds: s.lease_seconds }).catch(() => undefined);
    }
  };

  let running: Promise<number> | undefined;
  const tick = async (): Promise<number> => {
    let n = (await applyAll()) + (await prepareAll());
    if (Date.now() - lastReap > (s.lease_seconds * 1000) / 4) {
      lastReap = Date.now();
      n += await reapRuns(q, s.retry, s.lease_seconds * 1000, warn);
    }
    if (Date.now() - lastRenew > (s.heartbeat_seconds * 1000) / 2) {
      lastRenew = Date.now();
      await renewAll();
    }
    return n;
  };
  let stopped = false;
  let wake: (() => void) | undefined;
  const loop = (async () => {
    while (!stopped) {
      try {
        running = tick();
        const n = await running;
        if (n > 0) continue;
      } catch (e) {
        if (!isConnectionError(e) && !(e instanceof ConcordError && e.code === 'DATABASE_UNAVAILABLE')) warn(`coordinator: ${(e as Error).message}`);
      }
      await new Promise<void>((r) => {
        const t = setTimeout(r, o.pollMs ?? 50);
        wake = () => {
          clearTimeout(t);
          r();
        };
      });
    }
  })();
  return {
    tick: () => (running = tick()),
    async stop() {
      stopped = true;
      wake?.();
      await loop;
    },
  };
}
