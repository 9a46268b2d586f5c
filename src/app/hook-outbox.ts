// Writing hook deliveries into the outbox, in the transaction that appended their events.
import { matchingHooks } from '../core/hook-match.js';
import type { StoredEvent } from '../state/event-store.js';
import type { WorkspaceCore as Workspace } from './workspace-core.js';

/**
 * Enqueues a delivery for every hook that matches each event after the high-water mark, and moves the
 * mark: `appended` are the events just appended; without them (or when the mark is behind them, after an
 * earlier enqueue failed) the history is read from the mark. Call inside the write lock.
 */
export function enqueueHookDeliveries(ws: Workspace, appended: readonly StoredEvent[] = []): void {
  for (const batch of ws.events.after(ws.outbox.enqueuedUpto, appended)) {
    const now = ws.now();
    for (const e of batch) for (const h of matchingHooks(ws.settings.hooks, e)) ws.outbox.enqueue(h.name, e, now);
    ws.outbox.enqueuedUpto = batch[batch.length - 1]!.seq;
  }
}
