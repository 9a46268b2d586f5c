import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { ConcordError } from '../errors.js';
import { PLAIN_STYLE, renderHint } from '../hints.js';
import { IssueSchema } from '../schema/issue.js';
import { TodoSchema } from '../schema/todo.js';
import type { MutationContext } from './change.js';
import { planCloseIssue, planDeleteIssue } from './issue.js';
import { planUpdateMilestone, planUpdatePlan } from './plan.js';
import { planDeleteTodo } from './todo.js';

function context(parts: Parameters<typeof graph>[0]): MutationContext {
  return {
    graph: graph(parts),
    now: '2026-11-21T10:00:00Z',
    actor: 'tester',
    newId: () => 'X-1',
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

const thrown = (fn: () => unknown): ConcordError => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(ConcordError);
    return e as ConcordError;
  }
  throw new Error('expected an error, but the call succeeded');
};

const plans = [{ id: 'P1', title: 'Launch', status: 'active', milestones: [{ id: 'M1', name: 'Beta', status: 'in_progress' }, { id: 'M2', name: 'GA' }] }];

describe('completing a plan or milestone with open members', () => {
  const ctx = context({
    plans,
    issues: [issue('I1', { plan: 'P1' })],
    todos: [todo('A', { plan: 'P1', milestone: 'M1', status: 'completed' }), todo('B', { plan: 'P1', milestone: 'M1' }), todo('C', { plan: 'P1', status: 'cancelled' }), todo('D', { milestone: 'M2', status: 'completed' })],
  });

  it('refuses a plan with open todos and issues, naming them, unless forced', () => {
    const e = thrown(() => planUpdatePlan(ctx, 'P1', { status: 'completed' }));
    expect(e.code).toBe('OPEN_WORK');
    expect(e.message).toBe('plan P1 cannot be completed: 2 of its todos and issues are still open (B pending, I1 pending)');
    expect(renderHint(e.hint, PLAIN_STYLE)).toContain('force: true');
    expect(planUpdatePlan(ctx, 'P1', { status: 'completed', force: true }).changes).toEqual([{ op: 'update', section: 'plans', id: 'P1', set: { status: 'completed', updated: ctx.now } }]);
    // Other changes to an unfinished plan need no force.
    expect(planUpdatePlan(ctx, 'P1', { status: 'on_hold' }).changes).toHaveLength(1);
  });

  it('refuses a milestone at 1 of 2 done, and completes one whose members are all done', () => {
    expect(thrown(() => planUpdateMilestone(ctx, 'M1', { status: 'completed' })).message).toBe('milestone M1 cannot be completed: 1 of its todos and issues is still open (B pending)');
    expect(planUpdateMilestone(ctx, 'M1', { status: 'completed', force: true }).changes[0]).toMatchObject({ set: { status: 'completed' } });
    expect(planUpdateMilestone(ctx, 'M2', { status: 'completed' }).changes[0]).toMatchObject({ set: { status: 'completed' } });
  });
});

describe('closing an issue with open todos under it', () => {
  it('closes it and warns, naming the open todos', () => {
    const ctx = context({ issues: [issue('I1')], todos: [todo('A', { issue: 'I1' }), todo('B', { issue: 'I1', status: 'completed' }), todo('C', { issue: 'I1', status: 'in_progress' })] });
    const plan = planCloseIssue(ctx, 'I1', {});
    expect(plan.changes[0]).toMatchObject({ set: { status: 'closed' } });
    expect(plan.warnings).toEqual(['issue I1 is now closed, but 2 todos under it are still open (A pending, C in_progress); complete or cancel them']);
    const quiet = context({ issues: [issue('I1')], todos: [todo('B', { issue: 'I1', status: 'completed' })] });
    expect(planCloseIssue(quiet, 'I1', {}).warnings).toBeUndefined();
  });
});

describe('deleting a blocker', () => {
  const ctx = context({
    issues: [issue('I1', { blocking: ['B'] })],
    todos: [todo('A', { blocking: ['B'] }), todo('B', { blocked_by: ['A', 'I1'] }), todo('Z', { status: 'completed', blocking: ['B'] }), todo('W', { blocked_by: ['Z'] })],
  });

  it('is refused while open work waits on it, suggesting to cancel it instead', () => {
    const e = thrown(() => planDeleteTodo(ctx, 'A'));
    expect(e.code).toBe('HAS_DEPENDENTS');
    expect(e.message).toBe('todo A blocks 1 open item (B pending); deleting it would make it ready');
    expect(renderHint(e.hint, PLAIN_STYLE)).toBe('cancel it instead, so the record and the reason stay (todo.update {"id":"A","status":"cancelled","note":"why"}), or pass force: true to delete it and its edges');
    expect(renderHint(thrown(() => planDeleteIssue(ctx, 'I1')).hint, PLAIN_STYLE)).toContain('issue.close {"id":"I1","resolution":"why"}');
  });

  it('goes ahead with --force (the edges go too), and for a resolved blocker or one nothing waits on', () => {
    expect(planDeleteTodo(ctx, 'A', { force: true }).changes).toEqual([
      { op: 'delete', section: 'todos', id: 'A' },
      { op: 'update', section: 'todos', id: 'B', set: { blocked_by: ['I1'], updated: ctx.now } },
    ]);
    expect(planDeleteTodo(ctx, 'Z').changes[0]).toEqual({ op: 'delete', section: 'todos', id: 'Z' });
    expect(planDeleteTodo(ctx, 'B').changes[0]).toEqual({ op: 'delete', section: 'todos', id: 'B' });
  });
});
