// Writing hook deliveries into the outbox, in the transaction that appended their events.
import { matchingHooks } from '../core/hook-match.js';
import type { StoredEvent } from '../state/event-store.js';
import type { Workspace } from './workspace.js';

const BATCH = 5_000;

/**
 * Enqueues a delivery for every hook that matches each event, and moves the high-water mark. If the mark
 * is behind these events (an earlier enqueue failed), the events in between are considered first.
 */
export function enqueueHookDeliveries(ws: Workspace, events: readonly StoredEvent[]): void {
  const first = events[0]?.seq;
  if (first === undefined) return;
  if (ws.outbox.enqueuedUpto < first - 1) catchUpHookDeliveries(ws);
  else enqueue(ws, events.filter((e) => e.seq > ws.outbox.enqueuedUpto));
}

/** Considers every event after the high-water mark (call inside the write lock). */
export function catchUpHookDeliveries(ws: Workspace): void {
  for (;;) {
    const batch = ws.events.list({ afterSeq: ws.outbox.enqueuedUpto, ascending: true, limit: BATCH });
    if (!batch.length) return;
    enqueue(ws, batch);
    if (batch.length < BATCH) return;
  }
}

function enqueue(ws: Workspace, events: readonly StoredEvent[]): void {
  if (!events.length) return;
  const hooks = ws.settings.hooks;
  const now = ws.now();
  for (const e of events) for (const h of matchingHooks(hooks, e)) ws.outbox.enqueue(h.name, e, now);
  ws.outbox.enqueuedUpto = events[events.length - 1]!.seq;
}
