import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { findCycles, findCycleThrough, formatCycle } from './cycles.js';

describe('cycles', () => {
  it('finds every cycle, through todos and issues', () => {
    const g = graph({
      issues: [issue('I', { blocked_by: ['C'] })],
      todos: [todo('A', { blocked_by: ['I'] }), todo('B', { blocked_by: ['A'] }), todo('C', { blocked_by: ['B'] }), todo('D', { blocked_by: ['D'] }), todo('E')],
    });
    const cycles = findCycles(g).map((c) => formatCycle(c));
    expect(cycles).toHaveLength(2);
    expect(cycles).toContain('D -> D');
    expect(cycles.find((c) => c.includes('A'))!.split(' -> ')).toHaveLength(5);
  });

  it('returns the cycle through a given item, in edge order', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['C'] }), todo('B', { blocked_by: ['A'] }), todo('C', { blocked_by: ['B'] }), todo('X', { blocked_by: ['A'] })] });
    expect(findCycleThrough(g, 'A')).toEqual(['A', 'B', 'C', 'A']);
    expect(findCycleThrough(g, 'X')).toBeUndefined();
  });

  it('handles a 20,000-long chain without overflowing the stack', () => {
    const todos = Array.from({ length: 20_000 }, (_, i) => todo(`T${i}`, i ? { blocked_by: [`T${i - 1}`] } : {}));
    expect(findCycles(graph({ todos }))).toEqual([]);
  });
});
