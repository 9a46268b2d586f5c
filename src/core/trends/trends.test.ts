import { describe, expect, it } from 'vitest';
import { snapshot, todo } from '../../../test/helpers/builders.js';
import { computeTrends } from './compute.js';
import { computeForecast } from './forecast.js';
import { buildTimelines, type LifecycleEvent } from './timeline.js';
import { isoWeekLabel, lastWeeks, weekStart } from './weeks.js';

const T = (s: string) => Date.parse(s);
const created = (id: string, at: string): LifecycleEvent => ({ entity_id: id, type: 'todo:created', at });
const moved = (id: string, at: string, from: string, to: string): LifecycleEvent => ({ entity_id: id, type: 'todo:status_changed', at, data: { from, to } });

describe('ISO weeks', () => {
  it('labels weeks by ISO 8601, across year ends', () => {
    expect(isoWeekLabel(T('2026-01-01T10:00:00Z'))).toBe('2026-W01');
    expect(isoWeekLabel(T('2024-12-30T00:00:00Z'))).toBe('2025-W01');
    expect(isoWeekLabel(T('2021-01-03T23:59:59Z'))).toBe('2020-W53');
    expect(new Date(weekStart(T('2026-03-11T12:00:00Z'))).toISOString()).toBe('2026-03-09T00:00:00.000Z');
    expect(lastWeeks(T('2026-03-11T12:00:00Z'), 3).map((w) => w.label)).toEqual(['2026-W09', '2026-W10', '2026-W11']);
  });
});

describe('timelines', () => {
  it('dates starts and completions from the history, trusting the file about the status', () => {
    const rows = snapshot({
      todos: [
        todo('A', { status: 'completed', created: '2026-03-01' }),
        todo('B', { status: 'in_progress' }),
        todo('C', { status: 'completed', updated: '2026-02-20T00:00:00Z' }),
      ],
    }).todos;
    const t = buildTimelines(rows, [
      created('A', '2026-03-02T00:00:00Z'),
      moved('A', '2026-03-03T00:00:00Z', 'pending', 'in_progress'),
      moved('A', '2026-03-04T00:00:00Z', 'in_progress', 'completed'),
      moved('B', '2026-03-04T00:00:00Z', 'in_progress', 'completed'),
      moved('B', '2026-03-05T00:00:00Z', 'completed', 'in_progress'),
    ]);
    expect(t.get('A')).toMatchObject({ created: T('2026-03-01T00:00:00Z'), started: T('2026-03-03T00:00:00Z'), completed: T('2026-03-04T00:00:00Z'), estimated: false });
    expect(t.get('B')!.completed).toBeUndefined();
    expect(t.get('C')).toMatchObject({ completed: T('2026-02-20T00:00:00Z'), estimated: true });
  });
});

describe('forecast', () => {
  const now = T('2026-03-11T12:00:00Z');

  it('is exact when every week finishes the same amount', () => {
    const f = computeForecast({ key: 'P', remaining: 6, samples: [2, 2, 2, 2], now, due: '2026-04-30' });
    expect(f).toMatchObject({ likely: '2026-04-01', range: { from: '2026-04-01', to: '2026-04-01' }, throughput_per_week: 2, chance_by_due: 1 });
  });

  it('spreads uneven weeks into a range, the same every time', () => {
    const input = { key: 'P', remaining: 10, samples: [0, 1, 5, 2, 0, 4, 3, 1], now, due: '2026-04-01' };
    const f = computeForecast(input);
    expect(f.range!.from < f.likely! && f.likely! < f.range!.to).toBe(true);
    expect(f.chance_by_due).toBeGreaterThan(0);
    expect(f.chance_by_due).toBeLessThan(1);
    expect(computeForecast(input)).toEqual(f);
  });

  it('says why there is no forecast without throughput, and that nothing remains when done', () => {
    expect(computeForecast({ key: 'P', remaining: 3, samples: [0, 0, 0], now })).toMatchObject({ likely: null, range: null, note: expect.stringMatching(/no todo was completed/) });
    expect(computeForecast({ key: 'P', remaining: 0, samples: [], now })).toMatchObject({ likely: '2026-03-11', note: 'nothing remains' });
  });
});

describe('trends', () => {
  const now = T('2026-03-11T12:00:00Z'); // Wednesday of 2026-W11
  const s = snapshot({
    plans: [{ id: 'PLAN-1', title: 'Launch', status: 'active', target: '2026-06-30', milestones: [{ id: 'M-1', name: 'Beta', due: '2026-03-31' }] }],
    todos: [
      todo('A', { status: 'completed', plan: 'PLAN-1', milestone: 'M-1', estimated_hours: 2 }),
      todo('B', { status: 'completed', plan: 'PLAN-1', estimated_hours: 3 }),
      todo('C', { status: 'in_progress', milestone: 'M-1', estimated_hours: 5 }),
      todo('D', { status: 'pending', plan: 'PLAN-1', estimated_hours: 1 }),
      todo('E', { status: 'cancelled', plan: 'PLAN-1' }),
      todo('F', { status: 'completed', repo: 'web' }),
    ],
  });
  const events = [
    ...['A', 'B', 'C', 'D', 'E', 'F'].map((id) => created(id, '2026-02-23T09:00:00Z')), // W09
    moved('A', '2026-02-24T09:00:00Z', 'pending', 'in_progress'),
    moved('A', '2026-02-26T09:00:00Z', 'in_progress', 'completed'), // W09, cycle 2 d, lead 3 d
    moved('B', '2026-03-02T09:00:00Z', 'pending', 'in_progress'),
    moved('B', '2026-03-06T09:00:00Z', 'in_progress', 'completed'), // W10, cycle 4 d, lead 11 d
    moved('C', '2026-03-09T09:00:00Z', 'pending', 'in_progress'),
    moved('E', '2026-03-03T09:00:00Z', 'pending', 'cancelled'),
    moved('F', '2026-03-10T09:00:00Z', 'pending', 'completed'), // W11 (running week), no start
  ];
  const trends = computeTrends({ rows: s.todos, plans: s.plans, events, now, weeks: 3, sampleWeeks: 2 });

  it('counts created and completed todos per week', () => {
    expect(trends.weeks).toEqual([
      { week: '2026-W09', start: '2026-02-23', created: 6, completed: 1 },
      { week: '2026-W10', start: '2026-03-02', created: 0, completed: 1 },
      { week: '2026-W11', start: '2026-03-09', created: 0, completed: 1 },
    ]);
    expect(trends.throughput_per_week).toBe(1); // the two full weeks, not the running one
  });

  it('measures cycle time from the first start and lead time from creation', () => {
    expect(trends.cycle_time).toEqual({ count: 2, median_days: 3, p85_days: 3.7, mean_days: 3 });
    expect(trends.lead_time.count).toBe(3);
    expect(trends.lead_time.median_days).toBe(11);
  });

  it('burns down each plan and milestone, leaving cancelled work out of scope', () => {
    const plan = trends.plans[0]!;
    expect(plan).toMatchObject({ id: 'PLAN-1', total: 4, done: 2, remaining: 2, remaining_hours: 6 });
    expect(plan.burndown.map((p) => [p.week, p.scope, p.remaining])).toEqual([
      ['2026-W09', 5, 4],
      ['2026-W10', 4, 2],
      ['2026-W11', 4, 2],
    ]);
    expect(plan.forecast).toMatchObject({ remaining: 2, sample_weeks: 2, throughput_per_week: 1, due: '2026-06-30' });
    const m = plan.milestones[0]!;
    expect(m).toMatchObject({ id: 'M-1', total: 2, done: 1, remaining: 1 });
    expect(m.forecast.throughput_per_week).toBe(0.5);
  });

  it('narrows to one repo', () => {
    const web = computeTrends({ rows: s.todos, plans: s.plans, events, now, weeks: 3, sampleWeeks: 2, repo: 'web' });
    expect(web.weeks.map((w) => w.completed)).toEqual([0, 0, 1]);
    expect(web.plans[0]!.total).toBe(0);
  });
});

describe('work done before the history began', () => {
  it('counts as done in totals and burndowns, though no week can claim it', () => {
    const s = snapshot({ plans: [{ id: 'P', title: 'P', status: 'active' }], todos: [todo('A', { status: 'completed', plan: 'P' }), todo('B', { plan: 'P' }), todo('C', { status: 'cancelled', plan: 'P' })] });
    const t = computeTrends({ rows: s.todos, plans: s.plans, events: [], now: T('2026-03-11T12:00:00Z'), weeks: 2, sampleWeeks: 2 });
    expect(t.plans[0]).toMatchObject({ total: 2, done: 1, remaining: 1 });
    expect(t.plans[0]!.burndown.map((p) => [p.scope, p.remaining])).toEqual([[2, 1], [2, 1]]);
    expect(t.weeks.map((w) => w.completed)).toEqual([0, 0]);
  });
});
