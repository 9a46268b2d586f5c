// The fleet's coordinator (`concord serve --database-url`): the only writer of ecosystem.yaml.
//
// Workers on other hosts see only PostgreSQL. The coordinator makes each queued run ready for them (it
// takes the todo for the run, with the lease model that MCP agents' claims use, so an agent and a
// worker never hold one todo; it writes down what a worker needs: the prompt, the acceptance commands,
// the executor's settings; then it adds the graphile-worker job), applies what workers did (the
// transitions, in order) to the todo and the history through the normal write pipeline, renews the
// todos' leases while their runs live, and reaps dead workers (reaper.ts).
import os from 'node:os';
import type { Logger } from 'pino';
import { runContext } from '../app/runs/context.js';
import { eventFor, recordEvents, startedEvent } from '../app/runs/events.js';
import { poolsOf } from '../app/runs/pools.js';
import { acquireRunLease, isStaleLease, renewRunLease } from '../app/runs/todo-lease.js';
import { updateTodo } from '../app/todos.js';
import type { Workspace } from '../app/workspace.js';
import type { Lease } from '../core/claims.js';
import { ConcordError } from '../core/errors.js';
import type { AnyDomainEvent } from '../core/events.js';
import type { RunRecord, Transition } from '../core/runs/queue.js';
import type { RunStatus } from '../core/runs/states.js';
import { completedByThisRun, MAX_NOTE, noteFor } from '../exec/run-one.js';
import { addRunJob, migrateJobs, publishSettings, readdLostJobs, type RunJobContext, slotsOf } from './jobs.js';
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

  /** Whether the todo already has this status and, as its last note, this note. */
  const written = (todo: string, status: string, note: string): boolean => {
    const r = w.index.record('todos', todo)?.record as { status?: string; notes?: { text: string }[] } | undefined;
    return r?.status === status && r.notes?.at(-1)?.text === note.slice(0, MAX_NOTE);
  };

  /**
   * Writes the run's result to its todo: with the run's lease, or without one when it lapsed (the coordinator
   * was down). A result already in the file (the same transition applied again: its `applied` mark was lost
   * in a PostgreSQL restart) is not written twice.
   */
  const giveBack = async (run: Pick<RunRecord, 'id' | 'todo'>, status: 'completed' | 'pending', note: string, hours?: number) => {
    if (written(run.todo, status, note) || (status === 'completed' && completedByThisRun(w, run))) return;
    const lease = heldFor(run);
    const change = { status, ...(status === 'pending' ? { assignee: null } : {}), ...(hours !== undefined ? { actual_hours: hours } : {}), note };
    try {
      await updateTodo(w, run.todo, { ...change, ...(lease ? { claim_token: lease.token } : {}) });
    } catch (e) {
      if (!lease || !isStaleLease(e)) throw e;
      await updateTodo(w, run.todo, change);
    }
  };

  /** Records the run's event unless the history has it already (a transition applied again). A run succeeds once. */
  const record = async (e: AnyDomainEvent | undefined) => {
    if (!e) return;
    const d = e.data as { run?: string; attempt?: number };
    const seen = w.events.list({ entity: e.entity.id, types: [e.type], limit: 50 }).some((x) => {
      const y = x.data as { run?: string; attempt?: number };
      return y.run === d.run && (e.type === 'run:succeeded' || y.attempt === d.attempt);
    });
    if (!seen) await recordEvents(w, [e]);
  };

  const apply = async (t: TransitionRow) => {
    const run = toRecord(t.run);
    const tr: Transition = { run, from: t.from_status ?? undefined, to: t.to_status };
    if (t.op === 'start') return record(startedEvent(w, run));
    if (t.op === 'finish') {
      const o = run.outcome!;
      const todo = w.index.record('todos', run.todo)?.record as { actual_hours?: number } | undefined;
      const hours = Math.round(((todo?.actual_hours ?? 0) + (o.duration_ms ?? 0) / 3_600_000) * 1000) / 1000;
      await giveBack(run, t.to_status === 'succeeded' ? 'completed' : 'pending', noteFor(run, run.attempt, o, t.to_status), hours);
      return record(eventFor(w, tr, 'finish', t.delay_ms !== null ? { delay_ms: t.delay_ms } : {}));
    }
    if (t.op === 'release') return giveBack(run, 'pending', `run ${run.id} handed back: the worker stopped`);
    if (t.op === 'reclaim' || t.op === 'cancel') {
      await record(eventFor(w, tr, t.op === 'reclaim' ? 'reclaim' : 'cancel'));
      // Ended for good: the todo is work to do again. Back to the queue: the lease stays with the run.
      if (t.to_status !== 'queued' && heldFor(run)) await giveBack(run, 'pending', `run ${run.id} ended: ${run.outcome?.reason ?? t.to_status}`);
    }
  };

  /**
   * Applies the transitions not applied yet, in order (a run's transitions are committed in order, so each
   * run's come in order), and marks them. Applying is idempotent: after a PostgreSQL restart the marks of
   * the last ones may be lost (asynchronous commit) and they come again.
   */
  const applyAll = async (): Promise<number> => {
    const rows = await q.query<TransitionRow>('SELECT * FROM concord.transitions WHERE NOT applied ORDER BY seq LIMIT 200');
    const done: string[] = [];
    try {
      for (const t of rows) {
        try {
          await apply(t);
        } catch (e) {
          if (isConnectionError(e)) throw e;
          warn(`run ${t.run_id}: its ${t.op} could not be applied to ${String(t.run['todo_id'])} (${(e as Error).message})`);
        }
        done.push(t.seq);
      }
    } finally {
      if (done.length) await q.query('UPDATE concord.transitions SET applied = true WHERE seq = ANY($1::bigint[])', [done]);
    }
    return rows.length;
  };

  /**
   * A queued run whose todo this very run completed: its success is in the file, but PostgreSQL lost the
   * record of its end (a restart right after an asynchronous commit) and the reaper queued it again. It is
   * ended as succeeded with an attempt that runs no agent (as src/exec/run-one.ts does after a lost answer);
   * false while it is not due yet.
   */
  const endAsDone = async (run: RunRecord): Promise<boolean> => {
    const none = 1_000_000_000;
    const claimed = await q.claim({ worker: `coordinator:${os.hostname()}:${process.pid}`, worker_pid: process.pid, host: os.hostname(), pools: [run.pool], selector: 'least_loaded', per_repo: none, repo_limits: {}, max_running: none, lease_ms: s.lease_seconds * 1000, runs: [run.id] }, new Date());
    if (!claimed) return false;
    const started = await q.start(run.id, claimed.lease.token, {}, new Date());
    const reason = `its todo was completed by an earlier attempt of this run, whose end PostgreSQL lost (a restart); no agent ran in attempt ${started.attempt}`;
    await q.finish(run.id, claimed.lease.token, { outcome: { status: 'succeeded', reason, turns: 0, tokens: { input: 0, output: 0 } } }, new Date());
    warn(`run ${run.id}: ${reason}`);
    return true;
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
        if (await addRunJob(q, run, context, slotsOf(s, run.repo))) n++;
        failing.delete(run.id);
      } catch (e) {
        if (isConnectionError(e)) throw e;
        if (e instanceof ConcordError && e.code === 'INVALID_TRANSITION' && completedByThisRun(w, run)) {
          if (await endAsDone(run)) n++;
        } else if (e instanceof ConcordError && REFUSALS.includes(e.code)) {
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
    await releaseLost();
  };

  /**
   * A todo taken for a run PostgreSQL no longer has: with asynchronous commit, a crash can lose the run's row
   * after the coordinator read it and marked its todo in_progress. Nothing would ever end that run, so once
   * its lease ran out (it is renewed only while the run is in PostgreSQL) the todo is given back, pending.
   */
  const releaseLost = async () => {
    const now = new Date().toISOString();
    const lapsed = ws.leases.all().filter((l) => l.kind === 'run' && l.run_id && l.expires_at <= now);
    if (!lapsed.length) return;
    const known = new Set((await q.query<{ id: string }>('SELECT id FROM concord.runs WHERE id = ANY($1::text[])', [lapsed.map((l) => l.run_id)])).map((r) => r.id));
    for (const l of lapsed) {
      if (known.has(l.run_id!)) continue;
      // A todo no longer in progress (changed by hand in the file) keeps its status; only the lease goes.
      if ((w.index.record('todos', l.todo)?.record as { status?: string } | undefined)?.status !== 'in_progress') {
        ws.leases.delete(l.todo);
        continue;
      }
      try {
        await giveBack({ id: l.run_id!, todo: l.todo }, 'pending', `run ${l.run_id} was lost by PostgreSQL (a crash after its todo was taken): the todo is given back`);
        warn(`run ${l.run_id} is not in PostgreSQL any more (lost in a crash): todo ${l.todo} given back`);
      } catch (e) {
        if (isConnectionError(e)) throw e;
        warn(`run ${l.run_id} is not in PostgreSQL any more, and todo ${l.todo} could not be given back (${(e as Error).message})`);
      }
    }
  };

  let running: Promise<number> | undefined;
  const tick = async (): Promise<number> => {
    let n = (await applyAll()) + (await prepareAll());
    if (Date.now() - lastReap > (s.lease_seconds * 1000) / 4) {
      lastReap = Date.now();
      n += await reapRuns(q, s.retry, s.lease_seconds * 1000, warn, new Date(), s.heartbeat_seconds * 1000);
      const readded = await readdLostJobs(q, (repo) => slotsOf(s, repo));
      if (readded) warn(`${readded} queued run(s) had lost their graphile-worker job (a PostgreSQL restart): added again`);
      n += readded;
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
