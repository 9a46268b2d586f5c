// The background work of `concord serve`: periodic dependency checks and hook delivery.
import { startPeriodicDependencyChecks } from '../app/checks/periodic.js';
import type { Workspace } from '../app/workspace.js';
import { runHookDeliveryLoop } from '../hooks/loop.js';

export interface Background {
  stop: () => Promise<void>;
}

/** Starts what a long-running server does besides answering requests; `note` reports on stderr. */
export function startBackground(ws: Workspace, note: (line: string) => void): Background {
  const checks = startPeriodicDependencyChecks(ws, {
    onReport: (r) =>
      note(`dependency check: ${Object.entries(r.counts).map(([k, v]) => `${v} ${k}`).join(', ') || 'nothing to check'}${r.status_changes ? `; ${r.status_changes} status change(s) written` : ''}`),
    onError: (e) => note(`dependency check failed: ${(e as Error).message}`),
  });
  if (checks.enabled) note(`  checks: dependencies every ${Math.round(checks.intervalMs / 60_000)} min (auto_dependency_check)`);
  const stopHooks = new AbortController();
  const hooks = runHookDeliveryLoop(ws, { signal: stopHooks.signal }).catch((e: unknown) => note(`hook delivery stopped: ${(e as Error).message}`));
  return {
    stop: async () => {
      stopHooks.abort();
      await Promise.all([checks.stop(), hooks]);
    },
  };
}
