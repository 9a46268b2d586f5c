// Planners for inter-repo dependency writes.
import { type CheckableDependency, planDependencyCheck } from '../checks/spec.js';
import { ConcordError } from '../errors.js';
import type { CreateDependencyInput, UpdateDependencyInput } from '../inputs.js';
import type { Dependency } from '../model.js';
import { compact, type MutationContext, type MutationPlan } from './change.js';
import { findRuntimeRepoCycles } from '../graph/repo-cycles.js';
import { changedFields } from './fields.js';
import { notFound, requireRepo } from './references.js';
import { arg, hint } from '../hints.js';

export function getDependencyOrThrow(ctx: MutationContext, id: string): Dependency {
  const dep = ctx.graph.dependencies.get(id);
  if (!dep) throw notFound('DEPENDENCY_NOT_FOUND', 'dependency', id, ctx.graph.dependencies.keys());
  return dep;
}

export function planCreateDependency(ctx: MutationContext, input: CreateDependencyInput): MutationPlan {
  const id = ctx.newId('dependency');
  requireRepo(ctx.graph, input.consumer, "new dependency consumer");
  requireRepo(ctx.graph, input.provider, "new dependency provider");
  if (input.consumer === input.provider) {
    throw new ConcordError('INVALID_INPUT', `a repo cannot depend on itself (${input.consumer})`, { hint: 'consumer and provider must be different repos' });
  }
  refuseBadValidation({ id, consumer: input.consumer, provider: input.provider, type: input.type ?? 'runtime', validation: input.validation });
  refuseRuntimeCycle(ctx, { id, consumer: input.consumer, provider: input.provider, type: input.type ?? 'runtime', status: input.status ?? 'unknown' });
  const record = compact({
    id,
    consumer: input.consumer,
    provider: input.provider,
    type: input.type ?? 'runtime',
    version_constraint: input.version_constraint,
    status: input.status ?? 'unknown',
    created: ctx.now,
    updated: ctx.now,
    notes: input.notes,
    validation: input.validation,
    metadata: input.metadata,
  });
  return { target: { section: 'dependencies', id }, changes: [{ op: 'create', section: 'dependencies', record }] };
}

export function planUpdateDependency(ctx: MutationContext, id: string, input: UpdateDependencyInput): MutationPlan {
  const before = getDependencyOrThrow(ctx, id);
  const set = changedFields(before, input);
  if (input.validation) refuseBadValidation({ ...before, ...(input.type ? { type: input.type } : {}), validation: input.validation });
  const target = { section: 'dependencies' as const, id };
  if (Object.keys(set).length === 0) return { target, changes: [] };
  if ('type' in set || 'status' in set) refuseRuntimeCycle(ctx, { ...before, ...(set as Partial<Dependency>) });
  return { target, changes: [{ op: 'update', section: 'dependencies', id, set: { ...set, updated: ctx.now } }] };
}

export function planDeleteDependency(ctx: MutationContext, id: string): MutationPlan {
  getDependencyOrThrow(ctx, id);
  return { target: { section: 'dependencies', id }, changes: [{ op: 'delete', section: 'dependencies', id }] };
}

/** Repos that would need each other at run time (a → b → a): refused, as a blocker cycle is. */
function refuseRuntimeCycle(ctx: MutationContext, dep: { id: string; consumer: string; provider: string; type: Dependency['type']; status: Dependency['status'] }): void {
  const others = [...ctx.graph.dependencies.values()].filter((d) => d.id !== dep.id);
  const before = new Set(findRuntimeRepoCycles(others).map((c) => c.join()));
  const added = findRuntimeRepoCycles([...others, dep as unknown as Dependency]).filter((c) => !before.has(c.join()));
  if (added.length === 0) return;
  throw new ConcordError('DEPENDENCY_CYCLE', `${dep.consumer} needing ${dep.provider} at run time closes a cycle: ${added[0]!.join(' → ')}`, {
    hint: hint`make it a development or test dependency (${arg('type')}), or remove the edge that points back`,
    data: { cycle: added[0] },
  });
}

/** A validation that a check could not run (bad regex, URL, key...) is refused when written, not found later. */
function refuseBadValidation(dep: CheckableDependency): void {
  if (!dep.validation) return;
  const planned = planDependencyCheck(dep, 1);
  if (!planned.ok) throw new ConcordError('INVALID_INPUT', planned.problems.join('; '), { hint: 'see docs/dependencies.md for the validation fields', data: { problems: planned.problems } });
}
