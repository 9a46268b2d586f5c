import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computeRepoDiagram, computeTodoDiagram } from './diagram.js';

describe('repo diagram', () => {
  it('has every catalog repo, the dependencies as consumer -> provider, and providers missing from the catalog', () => {
    const g = graph({ repos: ['api', 'web', 'lib'], dependencies: [{ id: 'D1', consumer: 'web', provider: 'api', status: 'satisfied', version_constraint: '^1' }, { id: 'D2', consumer: 'api', provider: 'ghost', type: 'mcp' }] });
    const d = computeRepoDiagram(g);
    expect(d.nodes.map((n) => [n.id, n.kind])).toEqual([['api', 'repo'], ['web', 'repo'], ['lib', 'repo'], ['ghost', 'missing']]);
    expect(d.edges).toEqual([
      { from: 'web', to: 'api', label: 'runtime ^1', status: 'satisfied', open: false },
      { from: 'api', to: 'ghost', label: 'mcp', status: 'unknown', open: true },
    ]);
    expect(computeRepoDiagram(g, { repo: 'web' }).nodes.map((n) => n.id)).toEqual(['web', 'api']);
  });
});

describe('todo diagram', () => {
  const g = graph({
    issues: [issue('I', { repos: ['web'] })],
    todos: [
      todo('A', { estimated_hours: 2, status: 'completed' }),
      todo('B', { estimated_hours: 5, blocked_by: ['A'], plan: 'P' }),
      todo('C', { estimated_hours: 1, blocked_by: ['B'], repo: 'web', plan: 'P' }),
      todo('D', { estimated_hours: 4, blocked_by: ['I'], repo: 'web' }),
      todo('E', { blocked_by: ['GONE'] }),
    ],
    plans: [{ id: 'P', title: 'plan' }],
  });

  it('shows unresolved work, blocker -> blocked edges, ready todos and the critical path', () => {
    const d = computeTodoDiagram(g);
    expect(d.nodes.map((n) => n.id)).toEqual(['B', 'C', 'D', 'E', 'I', 'GONE']);
    expect(d.nodes.find((n) => n.id === 'GONE')).toEqual({ id: 'GONE', kind: 'missing', label: 'GONE (not in the ecosystem)', external: true });
    expect(d.nodes.filter((n) => n.ready).map((n) => n.id)).toEqual(['B']);
    expect(d.nodes.filter((n) => n.critical).map((n) => n.id)).toEqual(['B', 'C']);
    expect(d.edges).toEqual([
      { from: 'B', to: 'C', open: true, critical: true },
      { from: 'I', to: 'D', open: true },
      { from: 'GONE', to: 'E', open: true },
    ]);
  });

  it('limits to a plan, adds outside blockers as external, and includes finished work with all', () => {
    expect(computeTodoDiagram(g, { plan: 'P' }).nodes.map((n) => [n.id, n.external ?? false])).toEqual([['B', false], ['C', false]]);
    const all = computeTodoDiagram(g, { plan: 'P', all: true });
    expect(all.nodes.map((n) => n.id)).toEqual(['B', 'C', 'A']);
    expect(all.nodes.find((n) => n.id === 'A')).toMatchObject({ external: true, status: 'completed', done: true });
    expect(all.edges).toContainEqual({ from: 'A', to: 'B', open: false });
    expect(computeTodoDiagram(g, { repo: 'web' }).nodes.map((n) => n.id)).toEqual(['C', 'D', 'I', 'B']);
  });
});
