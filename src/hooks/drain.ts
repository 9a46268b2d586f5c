// Draining the outbox: claim due deliveries, deliver them in parallel, record each outcome. Exported for
// `concord hooks run`, the drain after each CLI write, and the server's delivery loop.
import { claimDueDeliveries, type ClaimedDelivery, recordAttempt, releaseDeliveries } from '../app/hook-deliveries.js';
import type { Workspace } from '../app/workspace.js';
import type { DrainSummary } from '../core/hook-schemas.js';
import { toHookEvent } from '../core/hook-payload.js';
import { hookDeliveries, hookDeliveryDuration } from '../obs/metrics.js';
import { withSpan } from '../obs/tracing.js';
import { deliverToHook } from './deliver.js';

export interface DrainOptions {
  /** No new delivery starts after this many ms (those under way finish, bounded by their timeouts). */
  budgetMs?: number;
  /** Stops early; deliveries under way are cut short and given back without spending their attempt. */
  signal?: AbortSignal;
  /** Called after each attempt (logging, live views). */
  onOutcome?: (outcome: DrainSummary['outcomes'][number], state: 'delivered' | 'retrying' | 'dead') => void;
}

/** Delivers what is due now, until nothing is due, the budget is spent, or the signal fires. */
export async function drainHooks(ws: Workspace, options: DrainOptions = {}): Promise<DrainSummary> {
  const deadline = performance.now() + (options.budgetMs ?? Number.POSITIVE_INFINITY);
  const summary: DrainSummary = { attempted: 0, delivered: 0, retrying: 0, dead: 0, outcomes: [] };
  while (!options.signal?.aborted && performance.now() < deadline) {
    const claims = await claimDueDeliveries(ws, ws.settings.hook_delivery.concurrency);
    if (!claims.length) break;
    const aborted: ClaimedDelivery[] = [];
    await Promise.all(
      claims.map(async (c) => {
        const result = await withSpan('hook delivery', { 'concord.hook': c.hook.name, 'concord.event': c.delivery.event_type, 'concord.attempt': c.attempt }, async (span) => {
          const r = await deliverToHook(ws, c.hook, toHookEvent(c.event), { id: c.delivery.id, hook: c.hook.name, attempt: c.attempt }, options.signal);
          span.setAttributes({ 'concord.ok': r.ok });
          return r;
        });
        if (result.aborted) {
          aborted.push(c);
          return;
        }
        const state = await recordAttempt(ws, c, result);
        hookDeliveries.inc({ hook: c.hook.name, state });
        hookDeliveryDuration.observe({ hook: c.hook.name }, result.duration_ms / 1000);
        const { aborted: _, ...outcome } = result;
        const row = { ...outcome, delivery: c.delivery.id, event: c.delivery.event_seq, attempt: c.attempt };
        summary.attempted++;
        summary[state]++;
        summary.outcomes.push(row);
        options.onOutcome?.(row, state);
      }),
    );
    await releaseDeliveries(ws, aborted);
  }
  return summary;
}
