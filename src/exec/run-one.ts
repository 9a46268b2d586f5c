// One claimed run, from its lease to its outcome in ecosystem.yaml: the todo taken (in_progress), a
// worktree, the agent, the verdict, the queue told, the todo given back, the worktree cleaned, run:* events.
import fs from 'node:fs';
import path from 'node:path';
import { runContext } from '../app/runs/context.js';
import { eventFor, recordEvents, startedEvent } from '../app/runs/events.js';
import { acquireRunLease, endRunLease, isStaleLease, renewRunLease } from '../app/runs/todo-lease.js';
import { headCommit } from '../app/runs/verify.js';
import { cleanupWorktree, prepareWorktree, type Worktree } from '../app/runs/worktree.js';
import { knownSecrets } from '../app/secrets.js';
import type { Workspace } from '../app/workspace.js';
import type { Lease } from '../core/claims.js';
import { ConcordError } from '../core/errors.js';
import { resolveExecutor } from '../core/executors/index.js';
import type { RunOutcome, StreamFacts } from '../core/runs/outcome.js';
import { runEnvironment } from '../core/runs/prompt.js';
import type { ClaimedRun, RunRecord, Transition } from '../core/runs/queue.js';
import { decideRetry } from '../core/runs/retry.js';
import type { Pool } from '../core/runs/settings.js';
import { isFinalRun } from '../core/runs/states.js';
import { executeAttempt } from './attempt.js';

export type WorkerEvent =
  | { type: 'claimed'; run: RunRecord }
  | { type: 'started'; run: RunRecord }
  | { type: 'progress'; run: RunRecord; facts: StreamFacts }
  | { type: 'ended'; run: RunRecord; transition: Transition }
  | { type: 'refused'; run: RunRecord; reason: string };

export interface RunnerContext {
  ws: Workspace;
  pool: Pool;
  /** The worker's environment: what agents' allow-listed variables are taken from. */
  env: Readonly<Record<string, string | undefined>>;
  emit: (e: WorkerEvent) => void;
}

/** Folders under the state directory: prompts and logs per run, worktrees, bundles of cleaned-up work. */
export function runPaths(ws: Workspace) {
  const root = path.dirname(ws.stateFile);
  return { runs: path.join(root, 'runs'), worktrees: path.join(root, 'worktrees'), bundles: path.join(root, 'bundles') };
}

const MAX_LOG = 32 * 1024 * 1024;
export const MAX_NOTE = 1_500;

/** The note a run's attempt leaves on its todo (the fleet's coordinator writes the same). */
export function noteFor(run: RunRecord, attempt: number, o: RunOutcome, to: string): string {
  const cost = o.cost_usd !== undefined ? `, $${o.cost_usd.toFixed(4)} (${o.cost_kind})` : '';
  const head = `run ${run.id} (${run.executor}, attempt ${attempt}) ${to === 'queued' ? `${o.status}, retrying` : o.status}: ${o.reason}${run.branch ? `; branch ${run.branch}` : ''}${cost}`;
  return (o.summary ? `${head}\n${o.summary}` : head).slice(0, MAX_NOTE);
}

/** The todo is completed and its last note is this run's success (written just before the queue is told). */
export function completedByThisRun(ws: Workspace, run: Pick<RunRecord, 'id' | 'todo'>): boolean {
  const todo = ws.index.record('todos', run.todo)?.record as { status?: string; notes?: { text: string }[] } | undefined;
  const last = todo?.notes?.at(-1)?.text.split('\n')[0] ?? '';
  return todo?.status === 'completed' && last.startsWith(`run ${run.id} (`) && / succeeded: /.test(last);
}

/**
 * Writes a run's result into its todo with the run's lease. A lease of its own that lapsed (a heartbeat late
 * under load) is taken again when nobody else took the todo meanwhile; a busy lock is waited for again.
 * Returns why the result could not be written, or undefined when it was.
 */
async function writeResult(ws: Workspace, run: RunRecord, fence: number, lease: Lease, leaseSeconds: number, write: (token: string) => Promise<void>): Promise<string | undefined> {
  let token = lease.token;
  for (let tries = 1; ; tries++) {
    try {
      await write(token);
      return undefined;
    } catch (e) {
      const message = (e as Error).message;
      if (tries >= 4) return message;
      if (isStaleLease(e)) {
        try {
          token = (await acquireRunLease(ws, { todo: run.todo, run: run.id, fence, agent: run.executor, lease_seconds: leaseSeconds })).token;
        } catch (again) {
          return `${message}; taking it again: ${(again as Error).message}`;
        }
      } else if (!(e instanceof ConcordError && e.code === 'LOCK_TIMEOUT')) return message;
    }
  }
}

/** Runs the claimed run to its end. Returns the transition, or undefined when the lease was lost (a late result, refused). */
export async function runClaimed(c: RunnerContext, claimed: ClaimedRun, drain: AbortSignal): Promise<Transition | undefined> {
  const { ws: base, pool, env } = c;
  let run = claimed.run;
  const token = claimed.lease.token;
  const ws = base.as(run.executor, 'worker');
  const q = ws.runs;
  const s = ws.settings.queue;
  const stop = new AbortController();
  const onDrain = () => stop.abort('drain');
  drain.addEventListener('abort', onDrain, { once: true });
  let todoLease: Lease | undefined;
  let session: string | undefined = run.session;
  let lost = false;
  const beat = setInterval(() => {
    void (async () => {
      try {
        const hb = await q.heartbeat(run.id, token, new Date(), s.lease_seconds * 1000, session ? { session } : {});
        if (hb.cancel_requested) stop.abort('cancelled');
        if (todoLease) todoLease = await renewRunLease(ws, { todo: run.todo, token: todoLease.token, lease_seconds: s.lease_seconds });
      } catch (e) {
        if (e instanceof ConcordError && (e.code === 'STALE_RUN' || isStaleLease(e))) {
          lost = true;
          stop.abort('cancelled');
        }
      }
    })();
  }, s.heartbeat_seconds * 1000);

  // The order matters: the todo is written and the worktree cleaned while the run still holds its queue
  // lease, so the repo's next run cannot start in it and this run's next attempt cannot take the todo early.
  const end = async (result: RunOutcome, attempt: number, wt?: Worktree & { repoDir: string }): Promise<Transition | undefined> => {
    let outcome = result;
    const decide = (o: RunOutcome) => (o.status === 'cancelled' ? { retry: false as const, why: 'cancelled' } : decideRetry(o.status, attempt, s.retry, Math.random(), o.error_tail ?? o.reason));
    let d = decide(outcome);
    try {
      await q.heartbeat(run.id, token, new Date(), s.lease_seconds * 1000);
    } catch (e) {
      if (e instanceof ConcordError && e.code === 'STALE_RUN') return undefined;
      throw e;
    }
    let to: RunOutcome['status'] | 'queued' = d.retry ? 'queued' : outcome.status;
    // Cleaned before the todo is written: whoever sees the todo's result finds the run's work already put away
    // (a retry after a result that could not be written starts again from the base; the work is in a bundle).
    if (wt && pool.isolation === 'worktree' && isFinalRun(to)) {
      const p = runPaths(ws);
      await cleanupWorktree(wt.repoDir, { ...wt, run: run.id, bundles: p.bundles }, env).catch((e: Error) => ws.warn(`run ${run.id}: its worktree ${wt.dir} was kept (${e.message})`));
    }
    if (todoLease) {
      const hours = Math.round(((outcome.duration_ms ?? 0) / 3_600_000) * 1000) / 1000;
      const todo = ws.index.record('todos', run.todo)?.record as { actual_hours?: number } | undefined;
      const failed = await writeResult(ws, run, claimed.lease.fence, todoLease, s.lease_seconds, (lease) =>
        endRunLease(ws, { todo: run.todo, token: lease, status: to === 'succeeded' ? 'completed' : 'pending', actual_hours: Math.round(((todo?.actual_hours ?? 0) + hours) * 1000) / 1000, note: noteFor(run, attempt, outcome, to) }),
      );
      if (failed !== undefined) {
        ws.warn(`run ${run.id}: the result could not be written to ${run.todo} (${failed})`);
        // A success that is not in the file did not happen as far as anyone can see: the run is not succeeded.
        if (to === 'succeeded') {
          outcome = { ...outcome, status: 'infra_error', reason: `the agent succeeded but its result could not be written to ${run.todo}: ${failed}` };
          d = decide(outcome);
          to = d.retry ? 'queued' : outcome.status;
        }
      }
    }
    let t: Transition;
    try {
      t = await q.finish(run.id, token, { outcome, ...(d.retry ? { retry: { delay_ms: d.delay_ms, ...(d.feedback ? { feedback: d.feedback } : {}) } } : {}) }, new Date());
    } catch (e) {
      if (e instanceof ConcordError && e.code === 'STALE_RUN') return undefined;
      throw e;
    }
    const e = eventFor(ws, t, 'finish', d.retry ? { delay_ms: d.delay_ms } : {});
    await recordEvents(ws, e ? [e] : []);
    c.emit({ type: 'ended', run: t.run, transition: t });
    return t;
  };
  const failNow = (status: RunOutcome['status'], reason: string): RunOutcome => ({ status, reason, turns: 0, tokens: { input: 0, output: 0 } });

  try {
    c.emit({ type: 'claimed', run });
    let ctx;
    let head: Promise<string> | undefined;
    try {
      ctx = await runContext(ws, run);
      // The attempt's base commit is read while the todo is taken (git beside the write of ecosystem.yaml);
      // the worktree itself is made only once the todo is this run's.
      head = pool.isolation === 'in_place' || !run.base_commit ? headCommit(ctx.repoDir, env) : undefined;
      head?.catch(() => undefined);
      todoLease = await acquireRunLease(ws, { todo: run.todo, run: run.id, fence: claimed.lease.fence, agent: run.executor, lease_seconds: s.lease_seconds });
    } catch (e) {
      // An earlier attempt of this run completed the todo, and its worker died before telling the queue.
      if (e instanceof ConcordError && e.code === 'INVALID_TRANSITION' && completedByThisRun(ws, run)) {
        // This attempt runs no agent; its log says so and where the agent's output is, so `run show` (which
        // shows the latest attempt's log) tells what happened instead of an empty log.
        const n = run.attempt + 1;
        const dir = path.join(runPaths(ws).runs, run.id);
        fs.mkdirSync(dir, { recursive: true });
        const logFile = path.join(dir, `attempt-${n}.log`);
        const earlier = fs.readdirSync(dir).filter((f) => /^attempt-\d+\.log$/.test(f) && f !== path.basename(logFile)).sort((a, b) => Number(/\d+/.exec(a)) - Number(/\d+/.exec(b)));
        fs.writeFileSync(logFile, `[concord: the agent did not run in attempt ${n}: todo ${run.todo} was already completed by an earlier attempt of this run, whose worker stopped before recording it${earlier.length ? `; the agent's output is in ${earlier.join(', ')}` : ''}]\n`);
        run = await q.start(run.id, token, { log: logFile }, new Date());
        return await end({ status: 'succeeded', reason: `its todo was completed by an earlier attempt of this run, whose worker stopped before recording it; no agent ran in attempt ${n}`, turns: 0, tokens: { input: 0, output: 0 } }, run.attempt);
      }
      // The todo changed since it was queued (claimed by an agent, finished, blocked, removed): this run has no work.
      const refused = e instanceof ConcordError && ['ALREADY_CLAIMED', 'TODO_BLOCKED', 'INVALID_TRANSITION', 'TODO_NOT_FOUND', 'REPO_NOT_FOUND', 'INVALID_INPUT'].includes(e.code);
      c.emit({ type: 'refused', run, reason: (e as Error).message });
      return await end(failNow(refused ? 'cancelled' : 'infra_error', refused ? `not started: ${(e as Error).message}` : `could not start: ${(e as Error).message}`), run.attempt + 1);
    }
    const attempt = run.attempt + 1;
    let wt: Worktree;
    try {
      wt =
        pool.isolation === 'worktree'
          ? await prepareWorktree({ repoDir: ctx.repoDir, root: runPaths(ws).worktrees, todo: run.todo, run: run.id, attempt, base: run.base_commit ?? (await head!), ...(run.worktree ? { previous: run.worktree } : {}), resume: run.resume, env })
          : { dir: ctx.repoDir, branch: '', base: await head! };
    } catch (e) {
      return await end(failNow('infra_error', `no worktree: ${(e as Error).message}`), attempt);
    }
    const dir = path.join(runPaths(ws).runs, run.id);
    fs.mkdirSync(dir, { recursive: true });
    const logFile = path.join(dir, `attempt-${attempt}.log`);
    run = await q.start(run.id, token, { worktree: wt.dir, ...(wt.branch ? { branch: wt.branch } : {}), base_commit: wt.base, log: logFile }, new Date());
    await recordEvents(ws, [startedEvent(ws, run)]);
    c.emit({ type: 'started', run });
    const profile = resolveExecutor(run.executor, ws.settings.executors);
    const log = fs.openSync(logFile, 'a');
    let logged = 0;
    const resumeSession = run.resume && run.session ? run.session : undefined;
    const { outcome } = await (async () => {
      try {
        return await executeAttempt({
          profile,
          prompt: ctx.prompt,
          promptFile: path.join(dir, `attempt-${attempt}.prompt.md`),
          cwd: wt.dir,
          env,
          vars: runEnvironment({ run: run.id, attempt, todo: ctx.todo, worktree: wt.dir, ...(wt.branch ? { branch: wt.branch } : {}), base: wt.base, promptFile: path.join(dir, `attempt-${attempt}.prompt.md`), ecosystem: ws.file }),
          limits: pool.limits,
          run: run.id,
          todo: run.todo,
          ...(resumeSession ? { resumeSession } : {}),
          commandDir: ws.dir,
          signal: stop.signal,
          base: wt.base,
          acceptanceCommands: ctx.acceptance,
          codeWork: ctx.codeWork,
          secrets: knownSecrets(ws),
          log: (chunk) => {
            if (logged > MAX_LOG) return;
            logged += chunk.length;
            fs.writeSync(log, logged > MAX_LOG ? `${chunk}\n[concord: log truncated at ${MAX_LOG} bytes]\n` : chunk);
          },
          onStart: (pid) => void q.setAgentPid(run.id, token, pid).catch(() => undefined),
          onProgress: (facts) => {
            session = facts.session ?? session;
            c.emit({ type: 'progress', run, facts });
          },
        });
      } finally {
        fs.closeSync(log);
      }
    })();
    if (lost) return undefined;
    if (stop.signal.reason === 'drain' && outcome.status === 'infra_error') {
      // Handed back unfinished: the next worker resumes the session in this worktree.
      if (todoLease) await endRunLease(ws, { todo: run.todo, token: todoLease.token, status: 'pending', note: `run ${run.id} handed back: the worker stopped` }).catch(() => undefined);
      const t = await q.release(run.id, token, new Date()).catch(() => undefined);
      if (t) c.emit({ type: 'ended', run: t.run, transition: t });
      return t;
    }
    return await end(outcome, attempt, { ...wt, repoDir: ctx.repoDir });
  } finally {
    clearInterval(beat);
    drain.removeEventListener('abort', onDrain);
  }
}
