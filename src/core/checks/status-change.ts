// When a check changes `status` in ecosystem.yaml: only when its outcome says something new, so that
// repeated checks do not churn git, and never over a person's decision (deprecated, cancelled).
import type { DependencyStatus } from '../enums.js';
import type { MutationContext, MutationPlan, RecordChange } from '../mutations/change.js';
import type { CheckOutcome } from './result.js';

/** Statuses a person sets; checks report on such dependencies but leave the status alone. */
export const MANUAL_DEPENDENCY_STATUSES: ReadonlySet<DependencyStatus> = new Set(['deprecated', 'cancelled']);

export interface CheckedOutcome {
  id: string;
  outcome: CheckOutcome;
}

/**
 * The status a check outcome should write, or undefined to leave the status as it is. `unknown` never
 * writes: a check that could not tell (nothing to probe, the provider's folder not cloned on this machine)
 * says nothing about the dependency, and writing it would flip statuses between machines.
 */
export function planStatus(current: DependencyStatus, outcome: CheckOutcome): DependencyStatus | undefined {
  if (outcome === 'unknown' || MANUAL_DEPENDENCY_STATUSES.has(current)) return undefined;
  return current === outcome ? undefined : outcome;
}

/**
 * The write that records check outcomes in ecosystem.yaml: one field per dependency whose status
 * changes, all in one write. Planned under the write lock against the file as it is then, so a status
 * a person changed meanwhile is compared, not overwritten blindly.
 */
export function planCheckStatuses(ctx: MutationContext, outcomes: readonly CheckedOutcome[]): MutationPlan {
  const changes: RecordChange[] = [];
  for (const o of outcomes) {
    const dep = ctx.graph.dependencies.get(o.id);
    if (!dep) continue; // deleted while the check ran
    const next = planStatus(dep.status, o.outcome);
    if (next) changes.push({ op: 'update', section: 'dependencies', id: o.id, set: { status: next, updated: ctx.now } });
  }
  return { target: { section: 'dependencies', id: outcomes[0]?.id ?? '' }, changes };
}
