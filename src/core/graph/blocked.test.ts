import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computeBlocked } from './blocked.js';

describe('blocked', () => {
  it('shows each blocked todo with its direct blockers, its roots and the longest chain', () => {
    const g = graph({
      issues: [issue('I1', { status: 'pending', repos: ['lib'] })],
      todos: [
        todo('A', { blocked_by: ['I1'] }),
        todo('B', { blocked_by: ['A'] }),
        todo('C', { blocked_by: ['B', 'D'] }),
        todo('D'),
        todo('E', { blocked_by: ['Z'] }),
        todo('F', { blocked_by: ['done'] }),
        todo('done', { status: 'completed' }),
      ],
    });
    const blocked = computeBlocked(g);
    const c = blocked.find((b) => b.todo.id === 'C')!;
    expect(c.blockers.map((b) => b.id).sort()).toEqual(['B', 'D']);
    expect(c.roots.map((r) => r.id).sort()).toEqual(['D', 'I1']);
    expect(c.chain).toEqual(['C', 'B', 'A', 'I1']);
    expect(blocked.find((b) => b.todo.id === 'E')!.blockers).toEqual([{ id: 'Z', kind: 'missing', repos: [] }]);
    expect(blocked.map((b) => b.todo.id).sort()).toEqual(['A', 'B', 'C', 'E']);
  });

  it('includes todos marked blocked and those waiting on an unfinished plan', () => {
    const g = graph({
      plans: [{ id: 'P1', title: 'a', status: 'active' }, { id: 'P2', title: 'b', depends_on: ['P1'] }],
      todos: [todo('A', { status: 'blocked' }), todo('B', { plan: 'P2' })],
    });
    const blocked = computeBlocked(g);
    expect(blocked.map((b) => b.todo.id)).toEqual(['A', 'B']);
    expect(blocked[1]!.waiting_on_plans).toEqual(['P1']);
  });

  it('terminates on cycles', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['B'] }), todo('B', { blocked_by: ['A'] })] });
    const blocked = computeBlocked(g);
    expect(blocked).toHaveLength(2);
    expect(blocked[0]!.chain.length).toBeLessThanOrEqual(2);
  });
});
