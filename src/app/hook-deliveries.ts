// The outbox side of delivering hooks: claim due deliveries with a lease, record each attempt's outcome.
import { computeBackoffSeconds, type Hook } from '../core/hook-settings.js';
import { isoSeconds } from '../core/normalize.js';
import type { StoredEvent } from '../state/event-store.js';
import { withStateTransaction } from '../state/lock.js';
import type { DeliveryRow } from '../state/outbox-store.js';
import { enqueueHookDeliveries } from './hook-outbox.js';
import type { Workspace } from './workspace.js';

export interface ClaimedDelivery {
  delivery: DeliveryRow;
  /** The hook as configured now (a delivery whose hook or event is gone is failed, never handed out). */
  hook: Hook;
  event: StoredEvent;
  attempt: number;
  maxAttempts: number;
}

export interface AttemptOutcome {
  ok: boolean;
  /** Exit code or HTTP status. */
  status: number | null;
  duration_ms: number;
  error?: string;
}

const LEASE_MARGIN_MS = 30_000;
const later = (iso: string, ms: number) => isoSeconds(Date.parse(iso) + ms);

export function maxAttemptsOf(ws: Workspace, hook: Hook | undefined): number {
  return hook?.max_attempts ?? ws.settings.hook_delivery.max_attempts;
}

/**
 * Claims up to `limit` due deliveries for one attempt each. A delivery whose hook is gone, or whose event
 * is gone, or that has no attempt left (its last deliverer died mid-attempt), is dead-lettered here.
 */
export async function claimDueDeliveries(ws: Workspace, limit: number): Promise<ClaimedDelivery[]> {
  // A delivery loop asks every second: only take the write lock when there is something to do.
  if (ws.outbox.enqueuedUpto >= ws.events.lastSeq() && !ws.outbox.due(ws.now(), 1).length) return [];
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    enqueueHookDeliveries(ws);
    const now = ws.now();
    const hooks = new Map(ws.settings.hooks.map((h) => [h.name, h]));
    const out: ClaimedDelivery[] = [];
    for (const d of ws.outbox.due(now, limit)) {
      const hook = hooks.get(d.hook);
      const max = maxAttemptsOf(ws, hook);
      const event = ws.events.get(d.event_seq);
      const problem = !hook ? `hook "${d.hook}" is no longer in concord.yaml` : !event ? `event ${d.event_seq} is no longer in the history` : d.attempts >= max ? `no attempt left after ${d.attempts} (the last deliverer stopped mid-attempt)` : undefined;
      if (problem || !hook || !event) {
        ws.outbox.fail(d.id, now, problem!, d.last_status, d.last_duration_ms, undefined);
        continue;
      }
      if (!ws.outbox.claim(d.id, now, later(now, hook.timeout_ms + LEASE_MARGIN_MS))) continue;
      out.push({ delivery: d, hook, event, attempt: d.attempts + 1, maxAttempts: max });
    }
    return out;
  });
}

/** Records an attempt: delivered, retried after a backoff, or dead-lettered after the last attempt. */
export async function recordAttempt(ws: Workspace, claim: ClaimedDelivery, outcome: AttemptOutcome): Promise<'delivered' | 'retrying' | 'dead'> {
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    const now = ws.now();
    if (outcome.ok) {
      ws.outbox.succeed(claim.delivery.id, now, outcome.status, outcome.duration_ms);
      return 'delivered';
    }
    const retry = claim.attempt < claim.maxAttempts ? later(now, computeBackoffSeconds(claim.attempt, ws.settings.hook_delivery) * 1000) : undefined;
    ws.outbox.fail(claim.delivery.id, now, outcome.error ?? 'failed', outcome.status, outcome.duration_ms, retry);
    return retry ? 'retrying' : 'dead';
  });
}

/** Gives claimed deliveries back without spending their attempt (the deliverer is stopping). */
export async function releaseDeliveries(ws: Workspace, claims: readonly ClaimedDelivery[]): Promise<void> {
  if (!claims.length) return;
  await withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    for (const c of claims) ws.outbox.release(c.delivery.id, ws.now());
  });
}

/** When the next delivery falls due, in ms from now (undefined: nothing waits). */
export function nextDeliveryInMs(ws: Workspace): number | undefined {
  const at = ws.outbox.nextDueAt();
  return at === undefined ? undefined : Math.max(0, Date.parse(at) - Date.parse(ws.now()));
}

/** True when this workspace's process appended events and a hook may want them. */
export function hasHookWork(ws: Workspace): boolean {
  return ws.isOpen && ws.events.appendedHere > 0 && ws.settings.hooks.some((h) => h.enabled);
}
