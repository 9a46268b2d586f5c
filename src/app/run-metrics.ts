// The run metrics of /metrics, read from the run queue when it is scraped: runs are run by `concord worker`
// processes, which serve no /metrics, so the server that does counts what they recorded in the shared queue.
import { runCost, runQueueDepth, runs, runSeconds, runTokens } from '../obs/metrics.js';
import { metricsEnabled } from '../obs/registry.js';
import type { Workspace } from './workspace.js';

/** Runs read per scrape at most (newest first): the gauges then cover the latest ones. */
const MAX_RUNS = 100_000;

interface PoolTotals {
  byStatus: Map<string, number>;
  queued: number;
  seconds: number;
  input: number;
  output: number;
  cost: number;
}

/** Sets the run gauges from the queue (a no-op while metrics are off). */
export async function refreshRunMetrics(ws: Workspace): Promise<void> {
  if (!metricsEnabled()) return;
  const pools = new Map<string, PoolTotals>();
  for (const r of await ws.runs.list({ limit: MAX_RUNS })) {
    let p = pools.get(r.pool);
    if (!p) pools.set(r.pool, (p = { byStatus: new Map(), queued: 0, seconds: 0, input: 0, output: 0, cost: 0 }));
    p.byStatus.set(r.status, (p.byStatus.get(r.status) ?? 0) + 1);
    if (r.status === 'queued') p.queued++;
    const o = r.outcome;
    if (!o) continue;
    p.seconds += (o.duration_ms ?? 0) / 1000;
    p.input += o.tokens.input;
    p.output += o.tokens.output;
    p.cost += o.cost_usd ?? 0;
  }
  // Reset first: a pool or status that has no runs any more must not keep its last value.
  for (const g of [runs, runQueueDepth, runSeconds, runTokens, runCost]) g.reset();
  for (const [pool, p] of pools) {
    for (const [status, n] of p.byStatus) runs.set({ pool, status }, n);
    runQueueDepth.set({ pool }, p.queued);
    runSeconds.set({ pool }, p.seconds);
    runTokens.set({ pool, direction: 'input' }, p.input);
    runTokens.set({ pool, direction: 'output' }, p.output);
    runCost.set({ pool }, p.cost);
  }
}
