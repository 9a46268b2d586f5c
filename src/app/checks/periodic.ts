// Periodic dependency checks for a long-running process (`concord serve`), from the settings
// `auto_dependency_check` and `dependency_check_interval_minutes`.
import type { Workspace } from '../workspace.js';
import { checkDependencies } from './check-dependencies.js';
import type { CheckReport } from './schemas.js';

export interface PeriodicChecks {
  /** False when `auto_dependency_check` is off: nothing runs. */
  readonly enabled: boolean;
  readonly intervalMs: number;
  /** Runs a check now (waiting for a run in progress rather than overlapping it). */
  runNow(): Promise<CheckReport | undefined>;
  /** Stops the timer and ends a run in progress (its unfinished probes are reported as timed out). */
  stop(): Promise<void>;
}

export interface PeriodicOptions {
  onReport?: (report: CheckReport) => void;
  onError?: (error: unknown) => void;
  /** Run once at start (default true), then every interval. */
  runAtStart?: boolean;
  /** Override of the interval from the settings, in ms (tests, `concord serve --check-interval`). */
  intervalMs?: number;
}

export function startPeriodicDependencyChecks(ws: Workspace, options: PeriodicOptions = {}): PeriodicChecks {
  const settings = ws.settings.coordination;
  const intervalMs = options.intervalMs ?? settings.dependency_check_interval_minutes * 60_000;
  const enabled = settings.auto_dependency_check && settings.enabled;
  const stopper = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<CheckReport | undefined> | undefined;

  const runNow = (): Promise<CheckReport | undefined> => {
    if (stopper.signal.aborted) return Promise.resolve(undefined);
    running ??= checkDependencies(ws, {}, { signal: stopper.signal })
      .then((report) => {
        options.onReport?.(report);
        return report;
      })
      .catch((e: unknown) => {
        options.onError?.(e);
        return undefined;
      })
      .finally(() => {
        running = undefined;
      });
    return running;
  };
  // The next run is scheduled when one ends, so slow checks never pile up.
  const schedule = (delay: number) => {
    if (stopper.signal.aborted) return;
    timer = setTimeout(() => void runNow().then(() => schedule(intervalMs)), delay);
    timer.unref();
  };
  if (enabled) schedule(options.runAtStart === false ? intervalMs : 0);

  return {
    enabled,
    intervalMs,
    runNow,
    async stop() {
      stopper.abort();
      clearTimeout(timer);
      await running;
    },
  };
}
