// run:* events in the history (and so in hooks and search), recorded from what the queue changed.
import { type AnyDomainEvent, makeEvent, type RunEnded } from '../../core/events.js';
import type { RunRecord, Transition } from '../../core/runs/queue.js';
import { isResumable } from '../../core/runs/states.js';
import { withStateTransaction } from '../../state/lock.js';
import type { Workspace } from '../workspace.js';

/** Appends events in a transaction of the state database (never with a write of ecosystem.yaml pending on it). */
export async function recordEvents(ws: Workspace, events: readonly AnyDomainEvent[]): Promise<void> {
  if (!events.length) return;
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the history', () => void ws.events.append(events));
}

function ended(run: RunRecord): RunEnded {
  const o = run.outcome;
  return {
    run: run.id,
    attempt: run.attempt,
    status: run.status,
    reason: o?.reason ?? run.status,
    ...(run.branch ? { branch: run.branch } : {}),
    ...(o?.cost_usd !== undefined ? { cost_usd: o.cost_usd, ...(o.cost_kind ? { cost_kind: o.cost_kind } : {}) } : {}),
    ...(o ? { tokens: o.tokens } : {}),
    ...(o?.diffstat ? { diffstat: o.diffstat } : {}),
  };
}

/** The event a transition stands for, if any. `kind` says which operation made it. */
export function eventFor(ws: Workspace, t: Transition, kind: 'enqueue' | 'finish' | 'reclaim' | 'resume' | 'cancel', extra: { delay_ms?: number; worker?: string } = {}): AnyDomainEvent | undefined {
  const r = t.run;
  const meta = { at: ws.now(), actor: ws.actor(), surface: ws.surface };
  const entity = { kind: 'todo' as const, id: r.todo };
  if (kind === 'enqueue') return makeEvent('run:queued', entity, { run: r.id, pool: r.pool, executor: r.executor, ...(r.sweep ? { sweep: r.sweep } : {}) }, meta);
  if (kind === 'resume') return makeEvent('run:resumed', entity, { run: r.id, ...(r.answer ? { answer: r.answer } : {}) }, meta);
  if (t.to === 'cancelled') return makeEvent('run:cancelled', entity, { run: r.id, attempt: r.attempt, ...(r.outcome?.reason ? { reason: r.outcome.reason } : {}) }, meta);
  if (kind === 'reclaim' && t.to === 'queued') return makeEvent('run:reclaimed', entity, { run: r.id, attempt: r.attempt, ...(extra.worker ? { worker: extra.worker } : {}) }, meta);
  if (t.to === 'queued') return makeEvent('run:retrying', entity, { run: r.id, attempt: r.attempt, status: r.outcome?.status ?? 'infra_error', reason: r.outcome?.reason ?? 'retrying', delay_ms: extra.delay_ms ?? 0 }, meta);
  if (t.to === 'succeeded') return makeEvent('run:succeeded', entity, ended(r), meta);
  if (isResumable(t.to)) return makeEvent('run:stopped', entity, ended(r), meta);
  return makeEvent('run:failed', entity, ended(r), meta);
}

export function startedEvent(ws: Workspace, r: RunRecord): AnyDomainEvent {
  return makeEvent('run:started', { kind: 'todo', id: r.todo }, { run: r.id, attempt: r.attempt, worker: r.worker ?? 'unknown', executor: r.executor, ...(r.branch ? { branch: r.branch } : {}) }, { at: ws.now(), actor: ws.actor(), surface: ws.surface });
}
