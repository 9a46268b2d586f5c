// One claimed run on a fleet worker's host: its checkout there, a worktree, the agent, the verdict, and the
// result told to PostgreSQL with the lease's token. The worker never writes ecosystem.yaml: the coordinator
// applies the result (coordinator.ts). A result whose lease was reclaimed meanwhile is refused (STALE_RUN).
import fs from 'node:fs';
import path from 'node:path';
import { headCommit } from '../app/runs/verify.js';
import { cleanupWorktree, prepareWorktree, type Worktree } from '../app/runs/worktree.js';
import { ConcordError } from '../core/errors.js';
import { resolveExecutor } from '../core/executors/index.js';
import type { RunOutcome } from '../core/runs/outcome.js';
import { runEnvironment } from '../core/runs/prompt.js';
import type { ClaimedRun } from '../core/runs/queue.js';
import { decideRetry } from '../core/runs/retry.js';
import { isFinalRun } from '../core/runs/states.js';
import { executeAttempt } from '../exec/attempt.js';
import type { FleetSettings, RunJobContext } from './jobs.js';
import type { Chained, NextClaim, PgRunQueue } from './pg-queue.js';

export interface JobHost {
  q: PgRunQueue;
  settings: FleetSettings;
  /** This worker's folder: worktrees, logs, prompts, bundles. */
  stateDir: string;
  /** Where this host's checkouts are (DIR/<repo>); unset: the coordinator's paths. */
  checkouts?: string;
  env: Readonly<Record<string, string | undefined>>;
  note(line: string): void;
}

const MAX_LOG = 32 * 1024 * 1024;
const isStale = (e: unknown) => e instanceof ConcordError && e.code === 'STALE_RUN';
const failNow = (status: RunOutcome['status'], reason: string): RunOutcome => ({ status, reason, turns: 0, tokens: { input: 0, output: 0 } });

/**
 * Runs one claimed run to its end. `then` (a job going on in its repo, jobs.ts takeRuns) names the next run to
 * claim with the end, asked at the end; the answer carries that claim.
 */
export async function runJob(h: JobHost, claimed: ClaimedRun, ctx: RunJobContext, drain: AbortSignal, then: () => NextClaim | undefined = () => undefined): Promise<Chained | undefined> {
  const { q, settings: s, env } = h;
  let run = claimed.run;
  const token = claimed.lease.token;
  // Claimed as the worker began handing its runs back: handed back before it starts.
  if (drain.aborted) return q.release(run.id, token, new Date()).catch(() => undefined);
  const stop = new AbortController();
  const onDrain = () => stop.abort('drain');
  drain.addEventListener('abort', onDrain, { once: true });
  let session = run.session;
  let lost = false;
  // The lease as far as this worker knows. With less than a heartbeat of it left unrenewed (PostgreSQL slow or
  // away, this process starved), the agent is stopped and the run handed back: the reaper reclaims a lease only
  // a heartbeat after it expired (reaper.ts), so this agent is gone before another attempt can start.
  let leaseUntil = Date.parse(claimed.lease.expires_at);
  const beatMs = s.heartbeat_seconds * 1000;
  const beat = setInterval(() => {
    if (Date.now() >= leaseUntil - beatMs && !stop.signal.aborted) {
      h.note(`run ${run.id}: its lease was not renewed in time; stopping the agent and handing the run back`);
      stop.abort('drain');
    }
    const asked = new Date();
    q.heartbeat(run.id, token, asked, s.lease_seconds * 1000, session ? { session } : {})
      .then((hb) => {
        leaseUntil = Math.max(leaseUntil, asked.getTime() + s.lease_seconds * 1000);
        if (hb.cancel_requested) stop.abort('cancelled');
      })
      .catch((e) => {
        if (!isStale(e)) return;
        lost = true;
        stop.abort('cancelled');
      });
  }, beatMs);

  const end = async (outcome: RunOutcome, attempt: number, wt?: Worktree & { repoDir: string }): Promise<Chained | undefined> => {
    const d = outcome.status === 'cancelled' ? { retry: false as const, why: 'cancelled' } : decideRetry(outcome.status, attempt, s.retry, Math.random(), outcome.error_tail ?? outcome.reason);
    const to = d.retry ? 'queued' : outcome.status;
    if (wt && ctx.isolation === 'worktree' && isFinalRun(to)) {
      await cleanupWorktree(wt.repoDir, { ...wt, run: run.id, bundles: path.join(h.stateDir, 'bundles') }, env).catch((e: Error) => h.note(`run ${run.id}: its worktree ${wt.dir} was kept (${e.message})`));
    }
    try {
      return await q.finish(run.id, token, { outcome, ...(d.retry ? { retry: { delay_ms: d.delay_ms, ...(d.feedback ? { feedback: d.feedback } : {}) } } : {}) }, new Date(), then());
    } catch (e) {
      if (isStale(e)) return undefined;
      throw e;
    }
  };

  try {
    const repoDir = h.checkouts ? path.join(h.checkouts, run.repo) : ctx.repo_dir;
    const attempt = run.attempt + 1;
    if (!fs.existsSync(repoDir)) {
      run = await q.start(run.id, token, {}, new Date());
      return await end(failNow('infra_error', `no checkout of ${run.repo} on this worker (${repoDir})`), attempt);
    }
    let wt: Worktree;
    try {
      wt =
        ctx.isolation === 'worktree'
          ? await prepareWorktree({ repoDir, root: path.join(h.stateDir, 'worktrees'), todo: run.todo, run: run.id, attempt, ...(run.base_commit ? { base: run.base_commit } : {}), ...(run.worktree ? { previous: run.worktree } : {}), resume: run.resume, env })
          : { dir: repoDir, branch: '', base: await headCommit(repoDir, env) };
    } catch (e) {
      run = await q.start(run.id, token, {}, new Date());
      return await end(failNow('infra_error', `no worktree: ${(e as Error).message}`), attempt);
    }
    const dir = path.join(h.stateDir, 'runs', run.id);
    fs.mkdirSync(dir, { recursive: true });
    const logFile = path.join(dir, `attempt-${attempt}.log`);
    const promptFile = path.join(dir, `attempt-${attempt}.prompt.md`);
    run = await q.start(run.id, token, { worktree: wt.dir, ...(wt.branch ? { branch: wt.branch } : {}), base_commit: wt.base, log: logFile }, new Date());
    h.note(`started      ${run.todo} ${run.id} (${run.executor}, attempt ${run.attempt})`);
    const log = fs.openSync(logFile, 'a');
    let logged = 0;
    // The log also goes to PostgreSQL, a piece per heartbeat, so the coordinator's host can read it.
    let pending: Buffer[] = [];
    let sent = 0;
    let sending = Promise.resolve();
    const flush = () => {
      if (!pending.length) return sending;
      const piece = Buffer.concat(pending);
      const at = sent;
      pending = [];
      sent += piece.length;
      sending = sending.then(() => q.appendLog(run.id, attempt, at, piece).catch((e: Error) => h.note(`run ${run.id}: a piece of its log was not sent (${e.message})`)));
      return sending;
    };
    const sender = setInterval(() => void flush(), beatMs);
    const resumeSession = run.resume && run.session ? run.session : undefined;
    let outcome: RunOutcome;
    try {
      ({ outcome } = await executeAttempt({
        profile: resolveExecutor(run.executor, ctx.executors),
        prompt: ctx.prompt,
        promptFile,
        cwd: wt.dir,
        env,
        vars: runEnvironment({ run: run.id, attempt, todo: ctx.todo, worktree: wt.dir, ...(wt.branch ? { branch: wt.branch } : {}), base: wt.base, promptFile, ecosystem: ctx.ecosystem }),
        limits: ctx.limits,
        run: run.id,
        todo: run.todo,
        ...(resumeSession ? { resumeSession } : {}),
        commandDir: ctx.command_dir,
        signal: stop.signal,
        base: wt.base,
        acceptanceCommands: ctx.acceptance,
        codeWork: ctx.code_work,
        log: (chunk) => {
          if (logged > MAX_LOG) return;
          const b = Buffer.from(chunk);
          logged += b.length;
          fs.writeSync(log, b);
          pending.push(b);
        },
        onStart: (pid) => void q.setAgentPid(run.id, token, pid).catch(() => undefined),
        onProgress: (facts) => void (session = facts.session ?? session),
      }));
    } finally {
      fs.closeSync(log);
      clearInterval(sender);
      await flush();
    }
    if (lost) return undefined;
    if (stop.signal.reason === 'drain' && outcome.status === 'infra_error') return await q.release(run.id, token, new Date()).catch(() => undefined);
    return await end(outcome, attempt, { ...wt, repoDir });
  } finally {
    clearInterval(beat);
    drain.removeEventListener('abort', onDrain);
  }
}
