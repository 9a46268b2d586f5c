// The one table of legal status transitions, for todos, issues, plans and milestones.
import { ConcordError } from './errors.js';

export const TRANSITIONS = {
  todo: {
    pending: ['in_progress', 'blocked', 'completed', 'cancelled'],
    in_progress: ['pending', 'blocked', 'completed', 'cancelled'],
    blocked: ['pending', 'in_progress', 'cancelled'],
    completed: ['pending'],
    cancelled: ['pending'],
  },
  issue: {
    pending: ['in_progress', 'blocked', 'resolved', 'closed'],
    in_progress: ['pending', 'blocked', 'resolved', 'closed'],
    blocked: ['pending', 'in_progress', 'resolved', 'closed'],
    resolved: ['closed', 'pending', 'in_progress'],
    closed: ['pending'],
  },
  plan: {
    draft: ['active', 'on_hold', 'cancelled'],
    active: ['draft', 'on_hold', 'completed', 'cancelled'],
    on_hold: ['draft', 'active', 'cancelled'],
    completed: ['active'],
    cancelled: ['draft', 'active'],
  },
  milestone: {
    pending: ['in_progress', 'completed', 'cancelled'],
    in_progress: ['pending', 'completed', 'cancelled'],
    completed: ['pending', 'in_progress'],
    cancelled: ['pending'],
  },
} as const satisfies Record<string, Record<string, readonly string[]>>;

export type TransitionEntity = keyof typeof TRANSITIONS;

export function canTransition(entity: TransitionEntity, from: string, to: string): boolean {
  if (from === to) return true;
  const table: Record<string, readonly string[]> = TRANSITIONS[entity];
  return table[from]?.includes(to) ?? false;
}

/** Throws INVALID_TRANSITION naming the legal next statuses. */
export function assertTransition(entity: TransitionEntity, id: string, from: string, to: string): void {
  if (canTransition(entity, from, to)) return;
  const table: Record<string, readonly string[]> = TRANSITIONS[entity];
  const allowed = table[from] ?? [];
  const hint =
    entity === 'todo' && from === 'blocked' && to === 'completed'
      ? 'move it to in_progress first (a blocked todo cannot be completed directly)'
      : allowed.length
        ? `from ${from} a ${entity} can go to ${allowed.join(', ')}`
        : undefined;
  throw new ConcordError('INVALID_TRANSITION', `${entity} ${id} cannot go from ${from} to ${to}`, {
    ...(hint ? { hint } : {}),
    data: { id, from, to, allowed },
  });
}
