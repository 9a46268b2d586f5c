// Planners for plan and milestone writes.
import { listHas } from '../ids.js';
import { ConcordError } from '../errors.js';
import { hint, op } from '../hints.js';
import type { CreatePlanInput, MilestoneInput, UpdateMilestoneInput, UpdatePlanInput } from '../inputs.js';
import type { Plan } from '../model.js';
import { assertTransition } from '../transitions.js';
import { compact, type MutationContext, type MutationPlan } from './change.js';
import { changedFields } from './fields.js';
import { checkCompletion } from './open-work.js';
import { invalidRecordError, notFound, requireIssue, requirePlan, requireRepo } from './references.js';

export function getPlanOrThrow(ctx: MutationContext, id: string): Plan {
  const plan = ctx.graph.plans.get(id);
  if (plan) return plan;
  const bad = ctx.invalid?.('plans', id);
  if (bad) throw invalidRecordError(bad);
  throw notFound('PLAN_NOT_FOUND', 'plan', id, ctx.graph.plans.keys());
}

function checkLinks(ctx: MutationContext, where: string, f: { repos?: readonly string[] | undefined; issues?: readonly string[] | undefined; depends_on?: readonly string[] | undefined }, self?: string): void {
  for (const r of f.repos ?? []) requireRepo(ctx.graph, r, where);
  for (const i of f.issues ?? []) requireIssue(ctx.graph, i, where);
  for (const p of f.depends_on ?? []) {
    if (p === self) throw new ConcordError('DEPENDENCY_CYCLE', `${where}: a plan cannot depend on itself`, { hint: `remove ${p} from depends_on` });
    requirePlan(ctx.graph, p, where);
  }
}

function newMilestone(ctx: MutationContext, input: MilestoneInput, taken: Set<string>): Record<string, unknown> {
  const milestoneIds = (ms: readonly string[] | undefined) => {
    for (const m of ms ?? []) {
      if (!ctx.graph.milestones.has(m) && !taken.has(m)) {
        throw new ConcordError('UNKNOWN_REFERENCE', `milestone "${input.name}": dependency ${m} is not a milestone`, { hint: hint`check the id with ${op('milestone.list')}` });
      }
    }
  };
  milestoneIds(input.dependencies);
  const id = ctx.newId('milestone');
  taken.add(id);
  return compact({
    id,
    name: input.name,
    description: input.description,
    due: input.due,
    status: input.status ?? 'pending',
    dependencies: input.dependencies,
    completion_criteria: input.completion_criteria,
    deliverables: input.deliverables,
  });
}

export function planCreatePlan(ctx: MutationContext, input: CreatePlanInput): MutationPlan {
  const id = ctx.newId('plan');
  checkLinks(ctx, "new plan", input);
  const taken = new Set<string>();
  const record = compact({
    id,
    title: input.title,
    description: input.description,
    status: input.status ?? 'draft',
    repos: [...new Set(input.repos ?? [])],
    created: ctx.now,
    updated: ctx.now,
    target: input.target,
    owner: input.owner,
    labels: input.labels,
    issues: [...new Set(input.issues ?? [])],
    depends_on: [...new Set(input.depends_on ?? [])],
    milestones: (input.milestones ?? []).map((m) => newMilestone(ctx, m, taken)),
    metadata: input.metadata,
  });
  return { target: { section: 'plans', id }, changes: [{ op: 'create', section: 'plans', record }] };
}

export function planUpdatePlan(ctx: MutationContext, id: string, input: UpdatePlanInput): MutationPlan {
  const before = getPlanOrThrow(ctx, id);
  const set = changedFields(before, input, ['force']);
  const target = { section: 'plans' as const, id };
  if (Object.keys(set).length === 0) return { target, changes: [] };
  checkLinks(ctx, `plan ${id}`, { repos: set['repos'] as string[] | undefined, issues: set['issues'] as string[] | undefined, depends_on: set['depends_on'] as string[] | undefined }, id);
  if (set['status'] !== undefined) {
    assertTransition('plan', id, before.status, set['status'] as string);
    checkCompletion(ctx.graph, { plan: id }, set['status'] as string, input.force);
  }
  return { target, changes: [{ op: 'update', section: 'plans', id, set: { ...set, updated: ctx.now } }] };
}

export function planAddMilestone(ctx: MutationContext, planId: string, input: MilestoneInput): MutationPlan {
  getPlanOrThrow(ctx, planId);
  const milestone = newMilestone(ctx, input, new Set());
  const id = milestone['id'] as string;
  return {
    target: { section: 'plans', id: planId, path: ['milestones', { id }] },
    changes: [{ op: 'update', section: 'plans', id: planId, set: { updated: ctx.now }, append: { milestones: [milestone] } }],
  };
}

export function planUpdateMilestone(ctx: MutationContext, milestoneId: string, input: UpdateMilestoneInput): MutationPlan {
  const found = ctx.graph.milestones.get(milestoneId);
  if (!found) throw notFound('MILESTONE_NOT_FOUND', 'milestone', milestoneId, ctx.graph.milestones.keys());
  const { milestone, plan } = found;
  const set = changedFields(milestone, input, ['force']);
  const path = ['milestones', { id: milestoneId }];
  const target = { section: 'plans' as const, id: plan.id, path };
  if (Object.keys(set).length === 0) return { target, changes: [] };
  for (const dep of (set['dependencies'] as string[] | undefined) ?? []) {
    if (dep === milestoneId) throw new ConcordError('DEPENDENCY_CYCLE', `milestone ${milestoneId} cannot depend on itself`);
    if (!ctx.graph.milestones.has(dep)) throw notFound('MILESTONE_NOT_FOUND', 'milestone', dep, ctx.graph.milestones.keys());
  }
  if (set['status'] !== undefined) {
    assertTransition('milestone', milestoneId, milestone.status, set['status'] as string);
    checkCompletion(ctx.graph, { plan: plan.id, milestone: milestoneId }, set['status'] as string, input.force);
  }
  return {
    target,
    changes: [
      { op: 'update', section: 'plans', id: plan.id, path, set },
      { op: 'update', section: 'plans', id: plan.id, set: { updated: ctx.now } },
    ],
  };
}

export function planDeletePlan(ctx: MutationContext, id: string): MutationPlan {
  const plan = getPlanOrThrow(ctx, id);
  const changes: MutationPlan['changes'] = [{ op: 'delete', section: 'plans', id }];
  const milestoneIds = new Set(plan.milestones.map((m) => m.id));
  for (const t of ctx.graph.todos.values()) {
    const set: Record<string, unknown> = {};
    if (t.plan === id) set['plan'] = undefined;
    if (t.milestone && milestoneIds.has(t.milestone)) set['milestone'] = undefined;
    if (Object.keys(set).length) changes.push({ op: 'update', section: 'todos', id: t.id, set: { ...set, updated: ctx.now } });
  }
  for (const i of ctx.graph.issues.values()) {
    const set: Record<string, unknown> = {};
    if (i.plan === id) set['plan'] = undefined;
    if (i.milestone && milestoneIds.has(i.milestone)) set['milestone'] = undefined;
    if (Object.keys(set).length) changes.push({ op: 'update', section: 'issues', id: i.id, set: { ...set, updated: ctx.now } });
  }
  for (const p of ctx.graph.plans.values()) {
    if (p.id !== id && listHas(p.depends_on, id)) changes.push({ op: 'update', section: 'plans', id: p.id, set: { depends_on: p.depends_on.filter((x) => x !== id), updated: ctx.now } });
  }
  return { target: { section: 'plans', id }, changes };
}
