import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computeCriticalPath } from './critical-path.js';
import { computeWaves } from './order.js';

describe('waves and order', () => {
  it('groups unresolved work into parallel waves that respect every edge', () => {
    const g = graph({
      issues: [issue('I', { status: 'pending' })],
      todos: [todo('A'), todo('B', { blocked_by: ['A'] }), todo('C', { blocked_by: ['A', 'I'] }), todo('D', { blocked_by: ['B', 'C'] }), todo('E', { status: 'completed' }), todo('F', { blocked_by: ['E'] })],
    });
    const w = computeWaves(g);
    expect(w.waves).toEqual([['A', 'F', 'I'], ['B', 'C'], ['D']]);
    expect(w.order.indexOf('A')).toBeLessThan(w.order.indexOf('B'));
    expect(w.cyclic).toEqual([]);
  });

  it('reports items on cycles instead of ordering them', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['B'] }), todo('B', { blocked_by: ['A'] }), todo('C', { blocked_by: ['A'] }), todo('D')] });
    expect(computeWaves(g)).toEqual({ waves: [['D']], order: ['D'], cyclic: ['A', 'B', 'C'] });
  });
});

describe('critical path', () => {
  it('follows the most remaining hours and notes unestimated work', () => {
    const g = graph({
      todos: [
        todo('A', { estimated_hours: 2 }),
        todo('B', { estimated_hours: 10, blocked_by: ['A'] }),
        todo('C', { estimated_hours: 1, blocked_by: ['A'] }),
        todo('D', { estimated_hours: 3, blocked_by: ['B', 'C'] }),
        todo('E', { blocked_by: ['C'] }),
        todo('F', { estimated_hours: 50, status: 'completed' }),
        todo('G', { estimated_hours: 6, actual_hours: 4, status: 'in_progress' }),
      ],
    });
    const cp = computeCriticalPath(g);
    expect(cp.steps.map((s) => s.id)).toEqual(['A', 'B', 'D']);
    expect(cp.total_hours).toBe(15);
    expect(cp.steps.map((s) => s.cumulative_hours)).toEqual([2, 12, 15]);
    expect(cp.unestimated).toEqual(['E']);
  });

  it('is empty when nothing is left', () => {
    expect(computeCriticalPath(graph({ todos: [todo('A', { status: 'completed' })] }))).toEqual({ steps: [], total_hours: 0, unestimated: [] });
  });
});
