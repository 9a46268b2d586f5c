// The scheduler service `concord serve` runs: ticks on the next due instant (or every poll), starts the fires
// it claims, and stops cleanly: drain lets runs in progress finish, stop cancels them.
import { hostname } from 'node:os';
import { randomBytes } from 'node:crypto';
import { reapAbandoned, dispatch, endQuietPeriods, nextDueAt, planTimeTriggers } from '../app/scheduling/plan.js';
import { type FireOutcome, runFire } from '../app/scheduling/run.js';
import { loadTargets } from '../app/scheduling/targets.js';
import type { Workspace } from '../app/workspace.js';
import type { Target } from '../core/scheduling/schemas.js';
import type { Logger } from '../obs/logger.js';
import { breakerOpen } from '../obs/metrics.js';
import { ScheduleStore, type FireRow } from '../state/schedule-store.js';
import { ensureWorkflowAction } from '../workflows/job-action.js';

export interface SchedulerOptions {
  logger?: Logger;
  /** Called as each run ends (tests, live views). */
  onOutcome?: (outcome: FireOutcome) => void;
}

export interface Scheduler {
  /** Ticks now and then on every due instant, until drained or stopped. */
  start(): void;
  /** One pass: plan due and missed fires, end quiet periods, start the fires this process claims. */
  tick(): Promise<void>;
  /** Resolves when no run of this process is in progress (the buffered fires they start included). */
  idle(): Promise<void>;
  /** Tick soon (a webhook or a trigger queued work). */
  wake(): void;
  /** No new fire starts; waits up to `timeoutMs` for the runs in progress, then cancels the rest. */
  drain(timeoutMs?: number): Promise<void>;
  /** drain(0): cancels the runs in progress and waits for them to record their end. */
  stop(): Promise<void>;
  readonly holder: string;
  readonly running: number;
}

export function createScheduler(ws: Workspace, options: SchedulerOptions = {}): Scheduler {
  // Jobs and activities may start workflows (operation: workflow).
  ensureWorkflowAction();
  const settings = ws.settings.scheduler;
  const holder = `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
  const log = options.logger?.child({ component: 'scheduler' });
  const runs = new Map<number, Promise<void>>();
  const cancel = new AbortController();
  let stopping = false;
  let timer: NodeJS.Timeout | undefined;
  let ticking: Promise<void> | undefined;
  let started = false;
  let reported = '';

  const launch = (target: Target, fire: FireRow) => {
    const p = runFire(ws, target, fire, { holder, leaseMs: settings.lease, heartbeatMs: settings.poll, signal: cancel.signal, ...(log ? { logger: log } : {}) })
      .then(async (outcome) => {
        options.onOutcome?.(outcome);
        // The process that ends a run starts what was buffered behind it.
        if (!stopping) for (const next of await dispatch(ws, target, { holder, leaseMs: settings.lease })) launch(target, next);
      })
      .catch((e: Error) => log?.error({ err: e, fire: fire.id }, 'a run could not be recorded'))
      .finally(() => runs.delete(fire.id));
    runs.set(fire.id, p);
  };

  const pass = async () => {
    const { targets, invalid } = loadTargets(ws);
    const problems = invalid.flatMap((i) => i.problems).join('\n');
    if (problems !== reported) {
      reported = problems;
      if (problems) log?.warn({ problems: invalid.flatMap((i) => i.problems) }, 'some activity files are invalid and are left out');
    }
    await reapAbandoned(ws, targets);
    await planTimeTriggers(ws, targets, settings.grace);
    await endQuietPeriods(ws);
    const store = new ScheduleStore(ws.db);
    const due = new Set(store.targetsWithDue());
    for (const t of targets) {
      if (due.has(t.id)) for (const f of await dispatch(ws, t, { holder, leaseMs: settings.lease })) launch(t, f);
      breakerOpen.set({ kind: t.kind, name: t.name }, store.target(t.id)?.breaker_open_at ? 1 : 0);
    }
    return targets;
  };

  const schedule = (targets: readonly Target[]) => {
    if (!started || stopping) return;
    clearTimeout(timer);
    const next = nextDueAt(ws, targets);
    const delay = next === undefined ? settings.poll : Math.min(settings.poll, Math.max(0, next - ws.time()));
    timer = setTimeout(() => void tick(), delay);
    timer.unref();
  };

  const tick = (): Promise<void> => {
    if (stopping) return Promise.resolve();
    ticking ??= pass()
      .then((targets) => schedule(targets))
      .catch((e: Error) => {
        log?.error({ err: e }, 'scheduler pass failed; trying again at the next poll');
        schedule([]);
      })
      .finally(() => (ticking = undefined));
    return ticking;
  };

  const idle = async () => {
    while (runs.size || ticking) await Promise.all([...runs.values(), ticking]);
  };

  const drain = async (timeoutMs = 30_000) => {
    stopping = true;
    clearTimeout(timer);
    await ticking;
    if (runs.size) {
      const waited = new Promise<void>((r) => setTimeout(r, timeoutMs).unref());
      await Promise.race([Promise.all(runs.values()), waited]);
    }
    cancel.abort();
    await Promise.all(runs.values());
  };

  return {
    holder,
    get running() {
      return runs.size;
    },
    start() {
      started = true;
      void tick();
    },
    tick,
    idle,
    wake: () => {
      if (started && !stopping) {
        clearTimeout(timer);
        timer = setTimeout(() => void tick(), 0);
      }
    },
    drain,
    stop: () => drain(0),
  };
}
