// The write that applies a discovery: declare the undeclared edges, set drifted constraints to the manifest's.
import type { MutationContext, MutationPlan, RecordChange } from '../mutations/change.js';
import { compact } from '../mutations/change.js';
import type { DiscoveryPlan } from './discovery.js';

/**
 * Planned under the write lock against the file as it is then: an edge declared meanwhile is not added
 * twice, and a constraint changed meanwhile is left as the person wrote it.
 */
export function planApplyDiscovery(ctx: MutationContext, plan: Pick<DiscoveryPlan, 'undeclared' | 'drift'>): MutationPlan {
  const changes: RecordChange[] = [];
  const declared = new Set([...ctx.graph.dependencies.values()].map((d) => `${d.consumer}\u0000${d.provider}`));
  let first: string | undefined;
  for (const u of plan.undeclared) {
    const pair = `${u.proposal.consumer}\u0000${u.proposal.provider}`;
    if (declared.has(pair) || !ctx.graph.repos.has(u.proposal.consumer) || !ctx.graph.repos.has(u.proposal.provider)) continue;
    declared.add(pair);
    const id = ctx.newId('dependency');
    first ??= id;
    changes.push({
      op: 'create',
      section: 'dependencies',
      record: compact({ id, consumer: u.proposal.consumer, provider: u.proposal.provider, type: u.proposal.type, version_constraint: u.proposal.version_constraint, status: 'unknown', created: ctx.now, updated: ctx.now, notes: u.proposal.notes }),
    });
  }
  const fixed = new Set<string>();
  for (const d of plan.drift) {
    if (!d.fix || fixed.has(d.id)) continue;
    const current = ctx.graph.dependencies.get(d.id);
    if (!current || current.version_constraint !== d.constraint) continue;
    first ??= d.id;
    fixed.add(d.id);
    changes.push({ op: 'update', section: 'dependencies', id: d.id, set: { version_constraint: d.fix.version_constraint, updated: ctx.now } });
  }
  return { target: { section: 'dependencies', id: first ?? '' }, changes };
}
