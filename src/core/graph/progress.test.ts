import { describe, expect, it } from 'vitest';
import { graph, issue, todo } from '../../../test/helpers/builders.js';
import { computePlanProgress, computeRoadmap } from './progress.js';
import { computeEcosystemStatus, computeRepoStatus } from './status.js';
import { computeWorkload } from './workload.js';

const eco = () =>
  graph({
    plans: [
      { id: 'P1', title: 'Launch', status: 'active', target: '2026-01-01', issues: ['I1'], milestones: [{ id: 'M1', name: 'Beta', due: '2026-06-01' }] },
      { id: 'P2', title: 'Later', status: 'draft' },
      { id: 'P3', title: 'Old', status: 'completed' },
    ],
    issues: [issue('I1', { status: 'resolved', repos: ['api'] }), issue('I2', { milestone: 'M1' })],
    todos: [
      todo('A', { plan: 'P1', status: 'completed', estimated_hours: 4, assignee: 'al' }),
      todo('B', { plan: 'P1', estimated_hours: 6, assignee: 'al', blocked_by: ['C'] }),
      todo('C', { milestone: 'M1', estimated_hours: 2, repo: 'web', assignee: 'bo' }),
      todo('D', { plan: 'P1', status: 'cancelled', estimated_hours: 100 }),
      todo('E', { repo: 'lib' }),
    ],
  });

describe('plan and milestone progress', () => {
  it('rolls up todos (through plan or milestone) and issues, leaving cancelled work out', () => {
    const [p1] = computePlanProgress(eco(), '2026-03-01', 'P1');
    expect(p1!.todos.sort()).toEqual(['A', 'B', 'C', 'D']);
    expect(p1!.issues.sort()).toEqual(['I1', 'I2']);
    expect(p1!.progress).toMatchObject({ total: 5, done: 2, percent: 40, hours_total: 12, hours_done: 4 });
    expect(p1!.overdue).toBe(true);
    const m1 = p1!.milestones[0]!;
    expect(m1).toMatchObject({ id: 'M1', todos: ['C'], issues: ['I2'], overdue: false });
    expect(m1.progress).toMatchObject({ total: 2, done: 0, percent: 0 });
  });

  it('counts todos and issues apart as well as together, so neither is taken for the other', () => {
    const [p1] = computePlanProgress(eco(), '2026-03-01', 'P1');
    expect(p1!.progress.todos).toEqual({ total: 3, done: 1, by_status: { completed: 1, pending: 2, cancelled: 1 } });
    expect(p1!.progress.issues).toEqual({ total: 2, done: 1, by_status: { resolved: 1, pending: 1 } });
    expect(p1!.milestones[0]!.progress.todos).toEqual({ total: 1, done: 0, by_status: { pending: 1 } });
    expect(p1!.milestones[0]!.progress.issues).toEqual({ total: 1, done: 0, by_status: { pending: 1 } });
  });

  it('orders the roadmap active first and hides finished plans unless asked', () => {
    expect(computeRoadmap(eco(), '2026-03-01').map((p) => p.id)).toEqual(['P1', 'P2']);
    expect(computeRoadmap(eco(), '2026-03-01', { all: true }).map((p) => p.id)).toEqual(['P1', 'P2', 'P3']);
  });
});

describe('workload', () => {
  it('sums open work and remaining hours per assignee and repo', () => {
    const w = computeWorkload(eco());
    expect(w.by_assignee.map((r) => [r.name, r.open, r.remaining_hours, r.ready, r.blocked])).toEqual([
      ['al', 1, 6, 0, 1],
      ['bo', 1, 2, 1, 0],
      ['(unassigned)', 1, 0, 1, 0],
    ]);
    expect(w.by_repo.find((r) => r.name === 'lib')).toMatchObject({ open: 1, unestimated: 1 });
    expect(w.total).toMatchObject({ open: 3, remaining_hours: 8 });
  });
});

describe('status', () => {
  it('reports a repo: counts, ready work, issues, plans', () => {
    const g = eco();
    const s = computeRepoStatus(g, g.repos.get('api')!, '2026-03-01');
    expect(s.todos).toMatchObject({ total: 3, ready: 0, blocked: 1, remaining_hours: 6 });
    expect(s.plans.map((p) => p.id)).toEqual(['P1']);
  });

  it('reports the ecosystem: counts by status, ready and blocked, per repo', () => {
    const s = computeEcosystemStatus(eco(), '2026-03-01');
    expect(s.counts.todos).toEqual({ completed: 1, pending: 3, cancelled: 1 });
    expect(s.ready).toBe(2);
    expect(s.blocked).toBe(1);
    expect(s.repos.find((r) => r.name === 'web')).toMatchObject({ open_todos: 1, ready: 1 });
  });
});
