// Planners for issue writes: create, update, close, delete.
import { listHas } from '../ids.js';
import type { CloseIssueInput, CreateIssueInput, DeleteInput, UpdateIssueInput } from '../inputs.js';
import type { Issue } from '../model.js';
import { assertTransition } from '../transitions.js';
import { compact, invalidWorkItem, type MutationContext, type MutationPlan } from './change.js';
import { planEdgeRemoval, planEdgeSync } from './edges.js';
import { changedFields } from './fields.js';
import { checkDeletion, openTodosWarning } from './open-work.js';
import { EDITABLE_LISTS, resolveListEdits } from './list-edits.js';
import { invalidRecordError, notFound, requireMilestone, requirePlan, requireRepo } from './references.js';

const RESOLVED = new Set(['resolved', 'closed']);

export function getIssueOrThrow(ctx: MutationContext, id: string): Issue {
  const issue = ctx.issue(id);
  if (issue) return issue;
  const bad = ctx.invalid?.('issues', id);
  if (bad) throw invalidRecordError(bad);
  throw notFound('ISSUE_NOT_FOUND', 'issue', id, ctx.graph.issues.keys());
}

function checkLinks(ctx: MutationContext, where: string, f: { repos?: readonly string[] | undefined; plan?: string | undefined; milestone?: string | undefined }): void {
  for (const r of f.repos ?? []) requireRepo(ctx.graph, r, where);
  if (f.plan !== undefined) requirePlan(ctx.graph, f.plan, where);
  if (f.milestone !== undefined) requireMilestone(ctx.graph, f.milestone, where);
}

export function planCreateIssue(ctx: MutationContext, input: CreateIssueInput): MutationPlan {
  const id = ctx.newId('issue');
  checkLinks(ctx, "new issue", input);
  const blocked_by = [...new Set(input.blocked_by ?? [])];
  const blocking = [...new Set(input.blocking ?? [])];
  const status = input.status ?? 'pending';
  const record = compact({
    id,
    title: input.title,
    description: input.description,
    status,
    priority: input.priority ?? 'medium',
    severity: input.severity,
    repos: [...new Set(input.repos ?? [])],
    created: ctx.now,
    updated: ctx.now,
    target: input.target,
    blocked_by,
    blocking,
    assignee: input.assignee,
    labels: input.labels,
    plan: input.plan,
    milestone: input.milestone,
    resolved_at: RESOLVED.has(status) ? ctx.now : undefined,
    affected_files: input.affected_files,
    links: input.links,
    metadata: input.metadata,
  });
  const edges = planEdgeSync(ctx.graph, id, { blocked_by: [], blocking: [] }, { blocked_by, blocking }, ctx.now, (x) => invalidWorkItem(ctx, x));
  return { target: { section: 'issues', id }, changes: [{ op: 'create', section: 'issues', record }, ...edges] };
}

export function planUpdateIssue(ctx: MutationContext, id: string, edits: UpdateIssueInput): MutationPlan {
  const before = getIssueOrThrow(ctx, id);
  const input = resolveListEdits(before, edits, EDITABLE_LISTS);
  const set = changedFields(before, input);
  const target = { section: 'issues' as const, id };
  if (Object.keys(set).length === 0) return { target, changes: [] };
  checkLinks(ctx, `issue ${id}`, { repos: set['repos'] as string[] | undefined, plan: set['plan'] as string | undefined, milestone: set['milestone'] as string | undefined });
  const status = set['status'] as string | undefined;
  if (status !== undefined) {
    assertTransition('issue', id, before.status, status);
    if (RESOLVED.has(status) && !RESOLVED.has(before.status)) set['resolved_at'] = ctx.now;
    if (!RESOLVED.has(status) && RESOLVED.has(before.status)) set['resolved_at'] = undefined;
  }
  const after = {
    blocked_by: [...new Set((set['blocked_by'] as string[] | undefined) ?? before.blocked_by)],
    blocking: [...new Set((set['blocking'] as string[] | undefined) ?? before.blocking)],
  };
  if ('blocked_by' in set) set['blocked_by'] = after.blocked_by;
  if ('blocking' in set) set['blocking'] = after.blocking;
  const edges = planEdgeSync(ctx.graph, id, before, after, ctx.now, (x) => invalidWorkItem(ctx, x));
  const warning = status !== undefined && RESOLVED.has(status) && !RESOLVED.has(before.status) ? openTodosWarning(ctx.graph, id, status) : undefined;
  return { target, changes: [{ op: 'update', section: 'issues', id, set: { ...set, updated: ctx.now } }, ...edges], ...(warning ? { warnings: [warning] } : {}) };
}

export function planCloseIssue(ctx: MutationContext, id: string, input: CloseIssueInput): MutationPlan {
  return planUpdateIssue(ctx, id, { status: input.status ?? 'closed', ...(input.resolution ? { resolution: input.resolution } : {}) });
}

export function planDeleteIssue(ctx: MutationContext, id: string, input: DeleteInput = {}): MutationPlan {
  getIssueOrThrow(ctx, id);
  checkDeletion(ctx.graph, id, input.force);
  const changes: MutationPlan['changes'] = [{ op: 'delete', section: 'issues', id }, ...planEdgeRemoval(ctx.graph, id, ctx.now)];
  for (const plan of ctx.graph.plans.values()) {
    if (listHas(plan.issues, id)) changes.push({ op: 'update', section: 'plans', id: plan.id, set: { issues: plan.issues.filter((x) => x !== id), updated: ctx.now } });
  }
  return { target: { section: 'issues', id }, changes };
}
