import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computeBlocked, computeReach, waitedOn } from './blocked.js';
import { isResolved } from './graph.js';

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

  it('gives each todo the chains and roots of the whole graph, whichever todos are asked for (limit, repo)', () => {
    // A random graph with chains, cycles, issues, missing and resolved blockers (seeded, so the same every run).
    let seed = 7;
    const rand = (n: number) => {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      return (seed >>> 8) % n;
    };
    const statuses = ['pending', 'pending', 'in_progress', 'blocked', 'completed', 'cancelled'];
    const repos = ['api', 'web', 'lib'];
    const ids = (n: number) => Array.from({ length: n }, () => (rand(10) === 0 ? `I${rand(20)}` : rand(30) === 0 ? 'GONE' : `T${rand(300)}`));
    const g = graph({
      issues: Array.from({ length: 20 }, (_, i) => issue(`I${i}`, { status: rand(3) ? 'pending' : 'closed', repos: [repos[rand(3)]!], blocked_by: ids(rand(2)) })),
      todos: Array.from({ length: 300 }, (_, i) => todo(`T${i}`, { repo: repos[rand(3)], status: statuses[rand(statuses.length)], blocked_by: ids(rand(4)) })),
    });
    const all = computeBlocked(g);
    expect(all.some((b) => b.chain.length > 3)).toBe(true);
    // What the chains are worked out over (what some todos wait on) gives each of them what the whole graph gives.
    const unresolved = [...g.todos.values(), ...g.issues.values()].filter((x) => !isResolved(g, x.id)).map((x) => x.id);
    const whole = computeReach(g, unresolved);
    for (const from of [[all[0]!.todo.id], all.slice(0, 7).map((b) => b.todo.id), all.filter((b) => b.todo.repo === 'web').map((b) => b.todo.id)]) {
      const part = computeReach(g, waitedOn(g, from));
      for (const [id, r] of part) expect([id, r]).toEqual([id, whole.get(id)]);
    }
    for (const limit of [1, 5, 40]) expect(computeBlocked(g, { limit })).toEqual(all.slice(0, limit));
    for (const repo of repos) expect(computeBlocked(g, { repo })).toEqual(all.filter((b) => b.todo.repo === repo));
  });

  it('terminates on cycles', () => {
    const g = graph({ todos: [todo('A', { blocked_by: ['B'] }), todo('B', { blocked_by: ['A'] })] });
    const blocked = computeBlocked(g);
    expect(blocked).toHaveLength(2);
    expect(blocked[0]!.chain.length).toBeLessThanOrEqual(2);
  });
});
