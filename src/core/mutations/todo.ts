// Planners for todo writes: create, update, complete, note, delete.
import { listHas } from '../ids.js';
import { ConcordError } from '../errors.js';
import { arg, hint, op } from '../hints.js';
import { blockersOf, isResolved } from '../graph/graph.js';
import type { AddNoteInput, CompleteTodoInput, CreateTodoInput, DeleteInput, UpdateTodoInput } from '../inputs.js';
import type { Todo } from '../model.js';
import { assertTransition } from '../transitions.js';
import { compact, invalidWorkItem, type MutationContext, type MutationPlan } from './change.js';
import { planEdgeRemoval, planEdgeSync } from './edges.js';
import { changedFields } from './fields.js';
import { checkDeletion } from './open-work.js';
import { EDITABLE_LISTS, resolveListEdits } from './list-edits.js';
import { invalidRecordError, type InvalidRecord, notFound, requireIssue, requireMilestone, requirePlan, requireRepo } from './references.js';

export function getTodoOrThrow(ctx: MutationContext, id: string): Todo {
  const todo = ctx.todo(id);
  if (todo) return todo;
  const bad = ctx.invalid?.('todos', id);
  if (bad) throw invalidRecordError(bad);
  throw notFound('TODO_NOT_FOUND', 'todo', id, ctx.graph.todos.keys());
}

const edgeLookup = (ctx: MutationContext) => (other: string) => invalidWorkItem(ctx, other);

function checkLinks(ctx: MutationContext, where: string, f: { repo?: string | undefined; plan?: string | undefined; milestone?: string | undefined; issue?: string | undefined }): void {
  if (f.repo !== undefined) requireRepo(ctx.graph, f.repo, where);
  if (f.plan !== undefined) requirePlan(ctx.graph, f.plan, where);
  if (f.milestone !== undefined) requireMilestone(ctx.graph, f.milestone, where);
  if (f.issue !== undefined) requireIssue(ctx.graph, f.issue, where);
  if (f.plan !== undefined && f.milestone !== undefined) {
    const owner = ctx.graph.milestones.get(f.milestone)!.plan.id;
    if (owner !== f.plan) {
      throw new ConcordError('INVALID_INPUT', `${where}: milestone ${f.milestone} belongs to plan ${owner}, not ${f.plan}`, {
        hint: hint`use ${arg('plan', owner)}, or a milestone of ${f.plan}`,
      });
    }
  }
}

/** Refuses to start or complete work whose blockers are unresolved, unless forced. */
function checkNotBlocked(ctx: MutationContext, id: string, status: string, blockers: Iterable<string>, force: boolean | undefined): void {
  if (force || (status !== 'in_progress' && status !== 'completed')) return;
  const open = [...new Set(blockers)].filter((b) => !isResolved(ctx.graph, b));
  if (open.length === 0) return;
  throw new ConcordError('TODO_BLOCKED', `${id} cannot move to ${status}: it is blocked by ${open.join(', ')}, not yet resolved`, {
    hint: hint`resolve ${open.length === 1 ? 'it' : 'them'} first, or pass ${arg('force', true)}`,
    data: { id, blockers: open },
  });
}

export function planCreateTodo(ctx: MutationContext, input: CreateTodoInput): MutationPlan {
  const id = ctx.newId('todo');
  const where = "new todo";
  checkLinks(ctx, where, input);
  const blocked_by = [...new Set(input.blocked_by ?? [])];
  const blocking = [...new Set(input.blocking ?? [])];
  const status = input.status ?? 'pending';
  const edgeChanges = planEdgeSync(ctx.graph, id, { blocked_by: [], blocking: [] }, { blocked_by, blocking }, ctx.now, edgeLookup(ctx));
  checkNotBlocked(ctx, id, status, blocked_by, false);
  const record = compact({
    id,
    task: input.task,
    description: input.description,
    repo: input.repo,
    status,
    priority: input.priority ?? 'medium',
    created: ctx.now,
    updated: ctx.now,
    estimated_hours: input.estimated_hours,
    blocked_by,
    blocking,
    assignee: input.assignee,
    labels: input.labels,
    acceptance_criteria: input.acceptance_criteria,
    acceptance_commands: input.acceptance_commands,
    plan: input.plan,
    milestone: input.milestone,
    issue: input.issue,
    links: input.links,
    notes: input.note ? [{ author: ctx.actor, at: ctx.now, text: input.note }] : undefined,
    metadata: input.metadata,
  });
  return { target: { section: 'todos', id }, changes: [{ op: 'create', section: 'todos', record }, ...edgeChanges] };
}

export function planUpdateTodo(ctx: MutationContext, id: string, edits: UpdateTodoInput): MutationPlan {
  const bad = ctx.todo(id) ? undefined : ctx.invalid?.('todos', id);
  if (bad) return planRepairTodo(ctx, bad, edits);
  const before = getTodoOrThrow(ctx, id);
  const input = resolveListEdits(before, edits, EDITABLE_LISTS);
  const set = changedFields(before, input, ['force', 'claim_token', 'note']);
  const target = { section: 'todos' as const, id };
  const append = input.note ? { notes: [{ author: ctx.actor, at: ctx.now, text: input.note }] } : undefined;
  if (Object.keys(set).length === 0) return { target, changes: append ? [{ op: 'update', section: 'todos', id, set: { updated: ctx.now }, append }] : [] };
  const where = `todo ${id}`;
  checkLinks(ctx, where, {
    repo: set['repo'] as string | undefined,
    plan: (set['plan'] as string | undefined) ?? (set['milestone'] ? before.plan : undefined),
    milestone: (set['milestone'] as string | undefined) ?? (set['plan'] ? before.milestone : undefined),
    issue: set['issue'] as string | undefined,
  });
  const after = { blocked_by: [...new Set((set['blocked_by'] as string[] | undefined) ?? before.blocked_by)], blocking: [...new Set((set['blocking'] as string[] | undefined) ?? before.blocking)] };
  if ('blocked_by' in set) set['blocked_by'] = after.blocked_by;
  if ('blocking' in set) set['blocking'] = after.blocking;
  const edgeChanges = planEdgeSync(ctx.graph, id, before, after, ctx.now, edgeLookup(ctx));
  if (set['status'] !== undefined) {
    assertTransition('todo', id, before.status, set['status'] as string);
    const removed = before.blocked_by.filter((b) => !listHas(after.blocked_by, b));
    const blockers = [...after.blocked_by, ...blockersOf(ctx.graph, id).filter((b) => !listHas(removed, b))];
    checkNotBlocked(ctx, id, set['status'] as string, blockers, input.force);
  }
  return { target, changes: [{ op: 'update', section: 'todos', id, set: { ...set, updated: ctx.now }, ...(append ? { append } : {}) }, ...edgeChanges] };
}

/**
 * An update of a todo that is in the file but invalid (a hand-typed `status: inprogres`): the fields given are
 * written as they are, and must cover every field that is wrong; the write pipeline reads the record back and
 * refuses it if it is still invalid. With no valid "before" there is no transition to check and no edge to
 * compare, so list edits (--add-x) and blocker edges are refused until the record reads again.
 */
function planRepairTodo(ctx: MutationContext, bad: InvalidRecord, edits: UpdateTodoInput): MutationPlan {
  const { force: _force, claim_token: _token, note, ...fields } = edits as UpdateTodoInput & Record<string, unknown>;
  const set = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined).map(([k, v]) => [k, v === null ? undefined : v])) as Record<string, unknown>;
  const wrong = [...new Set(bad.problems.map((p) => p.field?.split(/[.[]/)[0]).filter((f): f is string => Boolean(f)))];
  const missing = wrong.filter((f) => !(f in set));
  // A record whose YAML does not parse has no field to set: it is fixed by hand.
  const syntax = bad.problems.some((p) => !p.field);
  if (Object.keys(set).length === 0 || missing.length || syntax) throw invalidRecordError(bad);
  const lists = Object.keys(set).filter((k) => /^(add|remove)_/.test(k) || k === 'blocked_by' || k === 'blocking');
  if (lists.length) {
    throw new ConcordError('INVALID_RECORD', `todo ${bad.id} is invalid, so ${lists.join(', ')} cannot be changed yet: repair ${wrong.join(', ')} first`, { hint: hint`${op('todo.update', { id: bad.id, ...Object.fromEntries(wrong.map((f) => [f, '<value>'])) })}` });
  }
  checkLinks(ctx, `todo ${bad.id}`, set as { repo?: string; plan?: string; milestone?: string; issue?: string });
  const append = note ? { notes: [{ author: ctx.actor, at: ctx.now, text: note }] } : undefined;
  return { target: { section: 'todos', id: bad.id }, changes: [{ op: 'update', section: 'todos', id: bad.id, set: { ...set, updated: ctx.now }, ...(append ? { append } : {}) }] };
}

export function planCompleteTodo(ctx: MutationContext, id: string, input: CompleteTodoInput): MutationPlan {
  const before = getTodoOrThrow(ctx, id);
  assertTransition('todo', id, before.status, 'completed');
  checkNotBlocked(ctx, id, 'completed', blockersOf(ctx.graph, id), input.force);
  const set: Record<string, unknown> = { status: 'completed', updated: ctx.now };
  if (input.actual_hours !== undefined) set['actual_hours'] = input.actual_hours;
  const append = input.note ? { notes: [{ author: ctx.actor, at: ctx.now, text: input.note }] } : undefined;
  if (before.status === 'completed' && !append && input.actual_hours === undefined) return { target: { section: 'todos', id }, changes: [] };
  return { target: { section: 'todos', id }, changes: [{ op: 'update', section: 'todos', id, set, ...(append ? { append } : {}) }] };
}

export function planAddNote(ctx: MutationContext, id: string, input: AddNoteInput): MutationPlan {
  getTodoOrThrow(ctx, id);
  return {
    target: { section: 'todos', id },
    changes: [{ op: 'update', section: 'todos', id, set: { updated: ctx.now }, append: { notes: [{ author: ctx.actor, at: ctx.now, text: input.text.trim() }] } }],
  };
}

export function planDeleteTodo(ctx: MutationContext, id: string, input: DeleteInput = {}): MutationPlan {
  getTodoOrThrow(ctx, id);
  checkDeletion(ctx.graph, id, input.force);
  return { target: { section: 'todos', id }, changes: [{ op: 'delete', section: 'todos', id }, ...planEdgeRemoval(ctx.graph, id, ctx.now)] };
}

/** A claim: the todo goes in progress with the claimant as its assignee, in the file (for people and other clones). */
export function planClaimTodo(ctx: MutationContext, id: string, agent: string): MutationPlan {
  const before = getTodoOrThrow(ctx, id);
  const set: Record<string, unknown> = {};
  if (before.status !== 'in_progress') set['status'] = 'in_progress';
  if (before.assignee !== agent) set['assignee'] = agent;
  const target = { section: 'todos' as const, id };
  if (Object.keys(set).length === 0) return { target, changes: [] };
  return { target, changes: [{ op: 'update', section: 'todos', id, set: { ...set, updated: ctx.now } }] };
}
