// Hook administration use-cases: the configured hooks, their deliveries, and replaying deliveries.
import { ConcordError, suggest } from '../core/errors.js';
import { type Delivery, DeliveriesInputSchema, type HookInfoSchema, ReplayInputSchema } from '../core/hook-schemas.js';
import type { Hook } from '../core/hook-settings.js';
import type { DeliveryRow } from '../state/outbox-store.js';
import { withStateTransaction } from '../state/lock.js';
import type { z } from 'zod';
import { maxAttemptsOf } from './hook-deliveries.js';
import { parseInput } from './input.js';
import type { Workspace } from './workspace.js';
import { hint, op } from '../core/hints.js';

/** The secret a webhook signs with, or why there is none. */
export function hookSecret(ws: Workspace, hook: Hook): { secret: string } | { problem: string } {
  if (hook.secret !== undefined) return { secret: hook.secret };
  const value = hook.secret_env ? ws.env.vars[hook.secret_env] : undefined;
  if (value) return { secret: value };
  return { problem: `the environment variable ${hook.secret_env} (secret_env of hook "${hook.name}") is not set` };
}

export function listHooks(ws: Workspace): { hooks: z.infer<typeof HookInfoSchema>[] } {
  const counts = ws.outbox.counts();
  return {
    hooks: ws.settings.hooks.map((h) => {
      const problems: string[] = [];
      if (h.url) {
        const s = hookSecret(ws, h);
        if ('problem' in s) problems.push(s.problem);
      }
      return {
        name: h.name,
        kind: h.url ? 'webhook' : 'shell',
        target: h.url ?? h.command!,
        events: h.events,
        ...(h.filter ? { filter: h.filter } : {}),
        enabled: h.enabled,
        timeout_ms: h.timeout_ms,
        max_attempts: maxAttemptsOf(ws, h),
        deliveries: Object.fromEntries(counts.filter((c) => c.hook === h.name).map((c) => [c.status, c.n])),
        problems,
      };
    }),
  };
}

export function requireHook(ws: Workspace, name: string): Hook {
  const hook = ws.settings.hooks.find((h) => h.name === name);
  if (hook) return hook;
  const names = ws.settings.hooks.map((h) => h.name);
  const guess = suggest(name, names);
  throw new ConcordError('HOOK_NOT_FOUND', `no hook named "${name}" in concord.yaml`, {
    hint: guess ? `did you mean "${guess}"?` : names.length ? `hooks: ${names.join(', ')}` : 'add one under hooks: in concord.yaml (see docs/hooks.md)',
    data: { hook: name, ...(guess ? { suggestion: guess } : {}) },
  });
}

export function listDeliveries(ws: Workspace, input: unknown = {}): { deliveries: Delivery[] } {
  const q = parseInput(DeliveriesInputSchema, input, 'deliveries query');
  const rows = ws.outbox.list({ ...(q.status ? { status: q.status } : {}), ...(q.hook ? { hook: q.hook } : {}), ...(q.event ? { event_seq: q.event } : {}), limit: q.limit });
  return { deliveries: rows.map((r) => toDelivery(ws, r)) };
}

/** Puts deliveries back in the queue with fresh attempts (dead ones by default). */
export async function replayDeliveries(ws: Workspace, input: unknown): Promise<{ replayed: number[] }> {
  const q = parseInput(ReplayInputSchema, input, 'replay');
  if (q.hook) requireHook(ws, q.hook);
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    if (q.ids?.length) {
      const missing = q.ids.filter((id) => !ws.outbox.get(id));
      if (missing.length) throw new ConcordError('DELIVERY_NOT_FOUND', `no delivery ${missing.join(', ')}`, { hint: hint`list them with ${op('hook.deliveries')}` });
    }
    const status = q.status ?? (q.ids?.length ? undefined : (['dead'] as const));
    const replayed = ws.outbox.replay({ ...(q.ids ? { ids: q.ids } : {}), ...(q.hook ? { hook: q.hook } : {}), ...(q.event ? { event_seq: q.event } : {}), ...(status ? { status } : {}) }, ws.now());
    return { replayed };
  });
}

function toDelivery(ws: Workspace, r: DeliveryRow): Delivery {
  const hook = ws.settings.hooks.find((h) => h.name === r.hook);
  return {
    id: r.id,
    hook: r.hook,
    event: r.event_seq,
    event_type: r.event_type,
    status: r.status,
    attempts: r.attempts,
    max_attempts: hook ? maxAttemptsOf(ws, hook) : null,
    next_attempt_at: r.status === 'pending' ? r.next_attempt_at : null,
    created_at: r.created_at,
    delivered_at: r.delivered_at,
    last_error: r.last_error,
    last_status: r.last_status,
    last_duration_ms: r.last_duration_ms,
  };
}
