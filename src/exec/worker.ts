// A worker of a pool: takes runs from the queue into its free slots, runs them, heartbeats, recovers
// runs of dead workers, and drains on request (stops taking work; finishes or hands back what it has).
//
// One runtime object with start, drain and stop, as graphile-worker's runner has; `concord worker`,
// `execute --wait` and `sweep` all use it.
import os from 'node:os';
import { recoverRuns, workerId } from '../app/runs/recovery.js';
import { watchWakes } from '../app/runs/wake.js';
import type { Workspace } from '../app/workspace.js';
import type { ClaimRequest, Transition } from '../core/runs/queue.js';
import type { Pool } from '../core/runs/settings.js';
import { withSpan } from '../obs/tracing.js';
import { runClaimed, type WorkerEvent } from './run-one.js';

export interface WorkerOptions {
  pool: Pool;
  env: Readonly<Record<string, string | undefined>>;
  /** Only runs of this sweep, or only these runs (a command's own worker). */
  sweep?: string;
  runs?: readonly string[];
  onEvent?: (e: WorkerEvent) => void;
  /** How long a drain waits for running agents before handing their runs back (default 30 s). */
  drainMs?: number;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

export class Worker {
  readonly id: string;
  private readonly active = new Map<string, Promise<Transition | undefined>>();
  /** Aborted to stop the agents under way (their runs are handed back). */
  private readonly handBack = new AbortController();
  private stopping = false;
  private readonly recent: string[] = [];
  private wake = new AbortController();
  private lastRecovery = 0;
  /** Transitions of runs this worker ended, in order (sweeps read them). */
  readonly ended: Transition[] = [];

  constructor(
    private readonly ws: Workspace,
    private readonly o: WorkerOptions,
  ) {
    this.id = workerId(ws);
  }

  get busy(): number {
    return this.active.size;
  }

  /** Runs it may run at once (its pool's concurrency). */
  get slots(): number {
    return this.o.pool.concurrency;
  }

  private claimRequest(): ClaimRequest {
    const s = this.ws.settings.queue;
    return {
      worker: this.id,
      worker_pid: process.pid,
      host: os.hostname(),
      pools: [this.o.pool.name],
      selector: this.o.pool.selector,
      per_repo: s.per_repo,
      repo_limits: s.repos,
      max_running: s.max_running,
      lease_ms: s.lease_seconds * 1000,
      recent_repos: this.recent,
      ...(this.o.sweep ? { sweep: this.o.sweep } : {}),
      ...(this.o.runs ? { runs: this.o.runs } : {}),
    };
  }

  /** Recovers dead workers' runs (now and then), then fills free slots; returns how many runs it started. */
  async fill(): Promise<number> {
    if (this.stopping) return 0;
    const s = this.ws.settings.queue;
    if (Date.now() - this.lastRecovery > (s.lease_seconds * 1000) / 2) {
      this.lastRecovery = Date.now();
      await recoverRuns(this.ws).catch((e: Error) => this.ws.warn(`recovering runs failed: ${e.message}`));
    }
    let started = 0;
    while (this.active.size < this.o.pool.concurrency) {
      const claimed = await this.ws.runs.claim(this.claimRequest(), new Date());
      if (!claimed) break;
      started++;
      this.recent.unshift(claimed.run.repo);
      this.recent.splice(8);
      // A span per run (exported when tracing is on: `concord worker` starts it as `concord serve` does).
      const attributes = { 'concord.run': claimed.run.id, 'concord.pool': this.o.pool.name, 'concord.repo': claimed.run.repo, 'concord.executor': claimed.run.executor };
      const p = withSpan('run', attributes, async (span) => {
        const t = await runClaimed({ ws: this.ws, pool: this.o.pool, env: this.o.env, emit: (e) => this.o.onEvent?.(e) }, claimed, this.handBack.signal);
        span.setAttributes({ 'concord.run.status': t?.run.status ?? 'lease_lost' });
        return t;
      })
        .catch((e: Error) => {
          this.ws.warn(`run ${claimed.run.id}: ${e.message}`);
          return undefined;
        })
        .then((t) => {
          this.active.delete(claimed.run.id);
          if (t) this.ended.push(t);
          this.wake.abort();
          return t;
        });
      this.active.set(claimed.run.id, p);
    }
    return started;
  }

  /** Waits until a run ends or `ms` passes (or the worker is told to drain). */
  async idle(ms: number): Promise<void> {
    this.wake = new AbortController();
    const wake = this.wake;
    const onHandBack = () => wake.abort();
    this.handBack.signal.addEventListener('abort', onHandBack, { once: true });
    await sleep(ms, wake.signal);
    this.handBack.signal.removeEventListener('abort', onHandBack);
  }

  /** Runs until `signal` aborts (or `until` says there is nothing more to do), then drains. */
  async run(signal: AbortSignal, until?: () => Promise<boolean>): Promise<void> {
    const poll = this.ws.settings.queue.poll_ms;
    // A run queued anywhere wakes this worker at once; polling is the fallback.
    const unwatch = watchWakes(this.ws, () => this.wake.abort());
    const onStop = () => this.wake.abort();
    signal.addEventListener('abort', onStop, { once: true });
    try {
      while (!signal.aborted) {
        await this.fill();
        if (until && this.active.size === 0 && (await until())) break;
        await this.idle(this.active.size >= this.o.pool.concurrency ? 60_000 : poll);
      }
    } finally {
      unwatch();
      signal.removeEventListener('abort', onStop);
    }
    await this.drain();
  }

  /** Stops taking work; waits for the runs under way, then hands back any still running after the grace. */
  async drain(): Promise<void> {
    this.stopping = true;
    const grace = this.o.drainMs ?? 30_000;
    const all = Promise.all(this.active.values());
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((r) => (timer = setTimeout(() => r('late'), grace)));
    if ((await Promise.race([all.then(() => 'done' as const), late])) === 'late') this.handBack.abort();
    clearTimeout(timer);
    await all;
  }

  /** Stops now: running agents are stopped and their runs handed back. */
  async stop(): Promise<void> {
    this.stopping = true;
    this.handBack.abort();
    await Promise.all(this.active.values());
  }
}
