import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computeReady, isReady } from './ready.js';

const ids = (rows: { todo: { id: string } }[]) => rows.map((r) => r.todo.id);

describe('ready', () => {
  it('is judged by the blocker status, never by the edge alone', () => {
    const g = graph({
      todos: [
        todo('A', { status: 'completed', blocking: ['B'] }),
        todo('B', { blocked_by: ['A'] }),
        todo('C', { blocked_by: ['D'] }),
        todo('D', { status: 'in_progress' }),
        todo('E', { blocked_by: ['X'] }),
        todo('F', { status: 'cancelled' }),
        todo('G', { blocked_by: ['F'] }),
      ],
    });
    expect(ids(computeReady(g))).toEqual(['B', 'G']);
  });

  it('treats resolved or closed issues as resolved blockers, open ones as blocking, across repos', () => {
    const g = graph({
      issues: [issue('I1', { status: 'resolved' }), issue('I2', { status: 'closed' }), issue('I3', { status: 'in_progress', repos: ['web'] })],
      todos: [todo('A', { blocked_by: ['I1'] }), todo('B', { blocked_by: ['I2'], repo: 'web' }), todo('C', { blocked_by: ['I3'] })],
    });
    expect(ids(computeReady(g)).sort()).toEqual(['A', 'B']);
  });

  it('counts an edge declared only on the blocker side (blocking)', () => {
    const g = graph({ todos: [todo('A', { blocking: ['B'] }), todo('B')] });
    expect(ids(computeReady(g))).toEqual(['A']);
  });

  it('excludes held todos, non-pending ones and those in paused plans or behind unfinished plans', () => {
    const g = graph({
      plans: [
        { id: 'P1', title: 'p1', status: 'on_hold' },
        { id: 'P2', title: 'p2', status: 'active' },
        { id: 'P3', title: 'p3', status: 'active', depends_on: ['P2'] },
      ],
      todos: [todo('A'), todo('B', { plan: 'P1' }), todo('C', { plan: 'P2' }), todo('D', { plan: 'P3' }), todo('E', { status: 'in_progress' }), todo('F', { status: 'blocked' })],
    });
    expect(ids(computeReady(g, { held: new Set(['A']) }))).toEqual(['C']);
    expect(isReady(g, g.todos.get('A')!)).toBe(true);
  });

  it('ranks by priority, then by what it unblocks, then by the chain it starts, then age', () => {
    const g = graph({
      todos: [
        todo('low', { priority: 'low' }),
        todo('crit', { priority: 'critical', created: '2026-02-01' }),
        todo('crit-old', { priority: 'critical', created: '2026-01-01' }),
        todo('med-hub', { blocking: ['x1', 'x2'] }),
        todo('med-chain', { blocking: ['y1'], estimated_hours: 1 }),
        todo('med', { estimated_hours: 1 }),
        todo('x1', { blocked_by: ['med-hub'] }),
        todo('x2', { blocked_by: ['med-hub'] }),
        todo('y1', { blocked_by: ['med-chain'], estimated_hours: 10 }),
      ],
    });
    const ready = computeReady(g);
    expect(ids(ready)).toEqual(['crit-old', 'crit', 'med-hub', 'med-chain', 'med', 'low']);
    expect(ready.find((r) => r.todo.id === 'med-chain')).toMatchObject({ unblocks: 1, chain_hours: 11 });
  });

  it('filters by repo, role, assignee and plan, and limits', () => {
    const g = graph({
      repos: [{ name: 'api', role: 'service' }, { name: 'web', role: 'app' }],
      todos: [todo('A', { repo: 'api', assignee: 'al' }), todo('B', { repo: 'web' }), todo('C', { repo: 'web', assignee: 'al' })],
    });
    expect(ids(computeReady(g, { repo: 'web' })).sort()).toEqual(['B', 'C']);
    expect(ids(computeReady(g, { role: 'service' }))).toEqual(['A']);
    expect(ids(computeReady(g, { assignee: 'al' })).sort()).toEqual(['A', 'C']);
    expect(computeReady(g, { limit: 2 })).toHaveLength(2);
  });

  it('does not loop on a cycle', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['B'] }), todo('B', { blocked_by: ['A'] }), todo('C')] });
    expect(ids(computeReady(g))).toEqual(['C']);
  });
});
