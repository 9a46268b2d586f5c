// A fleet worker (`concord worker --database-url ... --repos a,b | --checkouts DIR`): graphile-worker brings
// it the jobs of the repos it has (one task per repo) and of the executors it has (the others' flags are
// forbidden); Concord's lease on the run decides whether it may run it. It heartbeats its own row (what
// the reaper reads) and each run's lease. SIGTERM drains: no new jobs, the runs under way finish or,
// after the grace, are handed back; its row is removed, so nothing stays locked.
import { EventEmitter } from 'node:events';
import os from 'node:os';
import { run as runGraphile, type Runner, type Task, type WorkerEvents } from 'graphile-worker';
import type { Transition } from '../core/runs/queue.js';
import { executorFlag, type FleetSettings, migrateJobs, quietLogger, readSettings, type RunJobContext, slotsOf, takeRuns, taskFor } from './jobs.js';
import { isConnectionError, openPool } from './pg.js';
import { type Chained, type FleetClaim, type NextClaim, PgRunQueue } from './pg-queue.js';
import { runJob } from './run-job.js';

export interface FleetWorkerOptions {
  url: string;
  /** The repos it has checked out (their names in the catalog). */
  repos: readonly string[];
  /** Where those checkouts are: DIR/<repo>. Unset: the paths the coordinator has (one host). */
  checkouts?: string;
  /** The executors installed here; unset: every executor. */
  executors?: readonly string[];
  concurrency: number;
  env: Readonly<Record<string, string | undefined>>;
  stateDir: string;
  random: (n: number) => Uint8Array;
  /** On drain, how long runs may finish before they are handed back. */
  drainMs?: number;
  pollMs?: number;
  note?: (line: string) => void;
}

const DEFAULTS: FleetSettings = { lease_seconds: 30, heartbeat_seconds: 10, max_running: 8, per_repo: 1, repos: {}, retry: { infra_attempts: 3, agent_attempts: 2, backoff_base_ms: 2000, backoff_max_ms: 300_000 } };

export class FleetWorker {
  readonly id: string;
  readonly q: PgRunQueue;
  readonly ended: Transition[] = [];
  private runner: Runner | undefined;
  private settings: FleetSettings = DEFAULTS;
  private readonly handBack = new AbortController();
  private beat: NodeJS.Timeout | undefined;
  /** The heartbeat under way: awaited before the row is removed, or it would write the row back. */
  private beating: Promise<void> | undefined;
  private jobPool: string | undefined;
  private forbidden: { at: number; flags: string[] } = { at: 0, flags: [] };

  constructor(private readonly o: FleetWorkerOptions) {
    const tag = [...o.random(3)].map((b) => b.toString(16).padStart(2, '0')).join('');
    this.id = `${os.hostname()}:${process.pid}:${tag}`;
    this.q = new PgRunQueue(openPool(o.url, o.concurrency + 4), o.random);
  }

  private note(line: string) {
    this.o.note?.(line);
  }

  /** Flags of executors queued runs use that this host does not have (cached for a second). */
  private async forbiddenFlags(): Promise<string[]> {
    const have = this.o.executors;
    if (!have) return [];
    if (Date.now() - this.forbidden.at < 1_000) return this.forbidden.flags;
    const rows = await this.q.query<{ executor: string }>("SELECT DISTINCT executor FROM concord.runs WHERE status = 'queued'");
    this.forbidden = { at: Date.now(), flags: rows.map((r) => r.executor).filter((e) => !have.includes(e)).map(executorFlag) };
    return this.forbidden.flags;
  }

  private async heartbeat(): Promise<void> {
    const now = new Date();
    this.settings = (await readSettings(this.q)) ?? this.settings;
    await this.q.query(
      `INSERT INTO concord.workers (id, job_pool, host, pid, repos, executors, started_at, heartbeat_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7, $8)
       ON CONFLICT (id) DO UPDATE SET job_pool = EXCLUDED.job_pool, heartbeat_at = EXCLUDED.heartbeat_at, expires_at = EXCLUDED.expires_at`,
      [this.id, this.jobPool ?? null, os.hostname(), process.pid, JSON.stringify(this.o.repos), JSON.stringify(this.o.executors ?? ['*']), now.toISOString(), new Date(now.getTime() + this.settings.lease_seconds * 1000).toISOString()],
    );
  }

  /**
   * The job: take the run's lease, run it, and go on with its repo's next runs (takeRuns); a run that cannot
   * start yet makes graphile-worker try the job again later.
   */
  private readonly task: Task = async (payload) => {
    const { run: id, pool } = payload as { run?: string; pool?: string };
    if (!id || !pool) return;
    const s = this.settings;
    const request = { worker: this.id, worker_pid: process.pid, host: os.hostname(), selector: 'least_loaded' as const, per_repo: s.per_repo, repo_limits: s.repos, max_running: s.max_running, lease_ms: s.lease_seconds * 1000 };
    const took = await takeRuns(this.q, { run: id, pool }, { request, run: (c, then) => this.runOne(c, then), more: () => !this.stopping && !this.handBack.signal.aborted, slots: (repo) => slotsOf(this.settings, repo), ...(this.o.executors ? { executors: this.o.executors } : {}) });
    if (!took) {
      const again = await this.q.get(id);
      if (again?.status === 'queued') throw new Error(`run ${id} cannot start yet: its repo or the fleet is at its limit, or it is not due`);
    }
  };

  /** One run of a job's chain; its answer carries the next run claimed with its end (jobs.ts, ChainRun). */
  private async runOne(claimed: FleetClaim, then: () => NextClaim | undefined): Promise<Chained | undefined> {
    // The claim brings the context the coordinator wrote (a run without one was not prepared yet: handed back).
    const context = claimed.context as RunJobContext | undefined;
    if (!context) return this.q.release(claimed.run.id, claimed.lease.token, new Date());
    const t = await runJob({ q: this.q, settings: this.settings, stateDir: this.o.stateDir, ...(this.o.checkouts ? { checkouts: this.o.checkouts } : {}), env: this.o.env, note: (l) => this.note(l) }, claimed, context, this.handBack.signal, then);
    if (t) {
      this.ended.push({ run: t.run, from: t.from, to: t.to });
      this.note(`${t.to.padEnd(12)} ${t.run.todo} ${t.run.id}: ${t.run.outcome?.reason ?? ''}`);
    }
    return t;
  }

  /**
   * graphile-worker completes jobs in batches whose promise nobody awaits: when PostgreSQL restarts under
   * one, its connection error surfaces as an unhandled rejection, which would end the process. The job it
   * could not complete stays locked by this pool; the reaper unlocks such a lock (reaper.ts). Any other
   * unhandled rejection still ends the process.
   */
  private readonly onUnhandled = (e: unknown) => {
    if (!isConnectionError(e)) throw e;
    this.note(`PostgreSQL went away under graphile-worker (${(e as Error).message}); carrying on`);
  };

  async start(): Promise<void> {
    process.on('unhandledRejection', this.onUnhandled);
    await this.q.query('SELECT 1');
    await migrateJobs(this.q.db, this.q.retryMs);
    await this.heartbeat();
    const events: WorkerEvents = new EventEmitter();
    events.on('pool:create', ({ workerPool }: { workerPool: { id: string } }) => (this.jobPool = workerPool.id));
    this.runner = await runGraphile({
      pgPool: this.q.db,
      concurrency: this.o.concurrency,
      noHandleSignals: true,
      gracefulShutdownAbortTimeout: (this.o.drainMs ?? 30_000) + 10_000,
      pollInterval: this.o.pollMs ?? 1_000,
      useNodeTime: true,
      logger: quietLogger,
      events,
      forbiddenFlags: () => this.forbiddenFlags(),
      taskList: Object.fromEntries(this.o.repos.map((r) => [taskFor(r), this.task])),
    });
    await this.heartbeat();
    this.beat = setInterval(() => {
      this.beating ??= this.heartbeat()
        .catch(() => undefined)
        .finally(() => (this.beating = undefined));
    }, this.settings.heartbeat_seconds * 1000);
  }

  private draining: Promise<void> | undefined;
  private stopping = false;

  /** Stops taking jobs; lets the runs under way finish for `drainMs`, then hands them back; removes its row. */
  drain(): Promise<void> {
    return (this.draining ??= this.drainOnce());
  }

  private async drainOnce(): Promise<void> {
    this.stopping = true;
    const grace = setTimeout(() => this.handBack.abort(), this.o.drainMs ?? 30_000);
    try {
      await this.runner?.stop();
    } finally {
      clearTimeout(grace);
      clearInterval(this.beat);
      await this.beating;
      await this.q.query('DELETE FROM concord.workers WHERE id = $1', [this.id]).catch(() => undefined);
      await this.q.close();
      process.off('unhandledRejection', this.onUnhandled);
    }
  }

  /** Hands the runs under way back at once, then drains. */
  async stop(): Promise<void> {
    this.handBack.abort();
    await this.drain();
  }
}
