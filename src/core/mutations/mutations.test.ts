import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { TodoSchema } from '../schema/todo.js';
import { IssueSchema } from '../schema/issue.js';
import type { MutationContext } from './change.js';
import { planCompleteTodo, planCreateTodo, planDeleteTodo, planUpdateTodo } from './todo.js';
import { planCloseIssue } from './issue.js';
import { planCreatePlan, planUpdatePlan } from './plan.js';
import { planCreateDependency } from './dependency.js';
import { ConcordError } from '../errors.js';
import { PLAIN_STYLE, renderHint } from '../hints.js';

function context(parts: Parameters<typeof graph>[0]): MutationContext {
  const g = graph(parts);
  let n = 0;
  return {
    graph: g,
    now: '2026-11-21T10:00:00Z',
    actor: 'tester',
    newId: (kind) => `${kind.toUpperCase()}-NEW${++n}`,
    todo: (id) => {
      const raw = parts.todos?.find((t) => t['id'] === id);
      return raw ? TodoSchema.parse(raw) : undefined;
    },
    issue: (id) => {
      const raw = parts.issues?.find((t) => t['id'] === id);
      return raw ? IssueSchema.parse(raw) : undefined;
    },
  };
}

const codeOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    return (e as ConcordError).code;
  }
  return 'no error';
};

/** The ConcordError `fn` throws; fails the test when it throws nothing or something else. */
const thrown = (fn: () => unknown): ConcordError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConcordError);
    return e as ConcordError;
  }
  throw new Error('expected an error, but the call succeeded');
};

describe('todo planners', () => {
  it('creates a todo with timestamps and keeps both ends of each edge in step', () => {
    const ctx = context({ issues: [issue('I1', { blocking: [] })], todos: [todo('A'), todo('B')] });
    const plan = planCreateTodo(ctx, { task: 'New', repo: 'web' as never, blocked_by: ['A' as never, 'I1' as never], blocking: ['B' as never] });
    expect(plan.changes[0]).toEqual({ op: 'create', section: 'todos', record: expect.objectContaining({ id: 'TODO-NEW1', task: 'New', repo: 'web', status: 'pending', priority: 'medium', created: ctx.now, updated: ctx.now, blocked_by: ['A', 'I1'], blocking: ['B'] }) });
    expect(plan.changes.slice(1)).toEqual([
      { op: 'update', section: 'todos', id: 'A', set: { blocking: ['TODO-NEW1'], updated: ctx.now } },
      { op: 'update', section: 'issues', id: 'I1', set: { blocking: ['TODO-NEW1'], updated: ctx.now } },
      { op: 'update', section: 'todos', id: 'B', set: { blocked_by: ['TODO-NEW1'], updated: ctx.now } },
    ]);
  });

  it('refuses unknown repos and unknown blockers, with a suggestion', () => {
    const ctx = context({ todos: [todo('TODO-1')] });
    expect(() => planCreateTodo(ctx, { task: 't', repo: 'wbe' as never })).toThrow(/repo "wbe" is not in the ecosystem/);
    const e = thrown(() => planCreateTodo(ctx, { task: 't', repo: 'web' as never, blocked_by: ['TODO-2' as never] }));
    expect(e.code).toBe('UNKNOWN_REFERENCE');
    expect(renderHint(e.hint, PLAIN_STYLE)).toContain('TODO-1');
  });

  it('removes the other end when an edge is dropped, and ignores a no-op update', () => {
    const ctx = context({ todos: [todo('A', { blocking: ['B'] }), todo('B', { blocked_by: ['A'] })] });
    const plan = planUpdateTodo(ctx, 'B', { blocked_by: [] });
    expect(plan.changes).toEqual([
      { op: 'update', section: 'todos', id: 'B', set: { blocked_by: [], updated: ctx.now } },
      { op: 'update', section: 'todos', id: 'A', set: { blocking: [], updated: ctx.now } },
    ]);
    expect(planUpdateTodo(ctx, 'B', { task: 'task B', blocked_by: ['A' as never] }).changes).toEqual([]);
  });

  it('checks transitions against the table and refuses to start blocked work unless forced', () => {
    const ctx = context({ todos: [todo('A'), todo('B', { blocked_by: ['A'] }), todo('C', { status: 'blocked' }), todo('D', { status: 'completed' })] });
    expect(codeOf(() => planUpdateTodo(ctx, 'B', { status: 'in_progress' }))).toBe('TODO_BLOCKED');
    expect(planUpdateTodo(ctx, 'B', { status: 'in_progress', force: true }).changes).toHaveLength(1);
    expect(codeOf(() => planCompleteTodo(ctx, 'C', {}))).toBe('INVALID_TRANSITION');
    expect(codeOf(() => planUpdateTodo(ctx, 'D', { status: 'in_progress' }))).toBe('INVALID_TRANSITION');
    expect(planUpdateTodo(ctx, 'D', { status: 'pending' }).changes).toHaveLength(1);
  });

  it('completes with actual hours and a closing note by the actor', () => {
    const ctx = context({ todos: [todo('A', { status: 'in_progress' })] });
    expect(planCompleteTodo(ctx, 'A', { actual_hours: 3, note: 'done, tests pass' }).changes).toEqual([
      { op: 'update', section: 'todos', id: 'A', set: { status: 'completed', updated: ctx.now, actual_hours: 3 }, append: { notes: [{ author: 'tester', at: ctx.now, text: 'done, tests pass' }] } },
    ]);
  });

  it('deletes a todo (forced: B waits on it) and the edges that point at it', () => {
    const ctx = context({ todos: [todo('A', { blocking: ['B'] }), todo('B', { blocked_by: ['A'] })] });
    expect(planDeleteTodo(ctx, 'A', { force: true }).changes).toEqual([
      { op: 'delete', section: 'todos', id: 'A' },
      { op: 'update', section: 'todos', id: 'B', set: { blocked_by: [], updated: ctx.now } },
    ]);
  });

  it('reports an unknown todo id with the nearest match', () => {
    const ctx = context({ todos: [todo('TODO-123')] });
    const e = thrown(() => planUpdateTodo(ctx, 'TODO-124', { status: 'in_progress' }));
    expect(e.code).toBe('TODO_NOT_FOUND');
    expect(e.hint).toBe('did you mean TODO-123?');
  });
});

describe('issue, plan and dependency planners', () => {
  it('closes an issue with a resolution and sets resolved_at', () => {
    const ctx = context({ issues: [issue('I1')] });
    expect(planCloseIssue(ctx, 'I1', { resolution: 'fixed' }).changes[0]).toEqual({
      op: 'update', section: 'issues', id: 'I1', set: { status: 'closed', resolution: 'fixed', resolved_at: ctx.now, updated: ctx.now },
    });
  });

  it('creates a plan with milestone ids and refuses to depend on itself', () => {
    const ctx = context({ plans: [{ id: 'P1', title: 'one' }] });
    const plan = planCreatePlan(ctx, { title: 'Two', depends_on: ['P1' as never], milestones: [{ name: 'Alpha', due: '2026-12-01' }] });
    expect(plan.changes[0]).toMatchObject({ op: 'create', record: { id: 'PLAN-NEW1', milestones: [{ id: 'MILESTONE-NEW2', name: 'Alpha', status: 'pending' }] } });
    expect(codeOf(() => planUpdatePlan(ctx, 'P1', { depends_on: ['P1' as never] }))).toBe('DEPENDENCY_CYCLE');
    expect(codeOf(() => planUpdatePlan(ctx, 'P1', { status: 'completed' }))).toBe('INVALID_TRANSITION');
  });

  it('refuses a dependency of a repo on itself or on an unknown repo', () => {
    const ctx = context({});
    expect(codeOf(() => planCreateDependency(ctx, { consumer: 'web' as never, provider: 'web' as never }))).toBe('INVALID_INPUT');
    expect(codeOf(() => planCreateDependency(ctx, { consumer: 'web' as never, provider: 'nope' as never }))).toBe('UNKNOWN_REFERENCE');
  });
});
