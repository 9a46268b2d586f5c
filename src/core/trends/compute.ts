// Trends of the ecosystem: throughput per week, cycle and lead time, and per plan and milestone a burndown
// and a forecast of the completion date. Pure: history, rows and plans in, numbers out.
import type { Plan, TodoRow } from '../model.js';
import { computeBurndown } from './burndown.js';
import { computeForecast } from './forecast.js';
import type { ScopeTrend, Trends } from './schemas.js';
import { durationStats } from './stats.js';
import { buildTimelines, type LifecycleEvent, type TodoTimeline } from './timeline.js';
import { isoDate, lastWeeks, type Week } from './weeks.js';

export interface TrendsData {
  rows: readonly TodoRow[];
  plans: readonly Plan[];
  events: readonly LifecycleEvent[];
  now: number;
  weeks: number;
  sampleWeeks: number;
  /** Only this plan (any status); default every plan that is not completed or cancelled. */
  plan?: string | undefined;
  repo?: string | undefined;
}

const inWeek = (t: number | undefined, w: Week) => t !== undefined && t >= w.start && t < w.end;

export function computeTrends(d: TrendsData): Trends {
  let timelines = [...buildTimelines(d.rows, d.events).values()];
  if (d.repo) timelines = timelines.filter((t) => t.row?.repo === d.repo);
  const weeks = lastWeeks(d.now, d.weeks);
  // Forecasts sample full weeks only: the running week would pull every forecast down.
  const sampleWeeks = lastWeeks(d.now, d.sampleWeeks + 1).slice(0, -1);
  const samplesOf = (list: readonly TodoTimeline[]) => sampleWeeks.map((w) => list.filter((t) => inWeek(t.completed, w)).length);
  const allSamples = samplesOf(timelines);

  const windowStart = weeks[0]!.start;
  const measured = timelines.filter((t) => !t.estimated && t.completed !== undefined && t.completed >= windowStart);
  const cycle = measured.flatMap((t) => (t.started !== undefined ? [t.completed! - t.started] : []));
  const lead = measured.flatMap((t) => (t.created !== undefined ? [t.completed! - t.created] : []));

  const scope = (id: string, title: string, status: string, list: readonly TodoTimeline[], due: string | undefined): ScopeTrend => {
    const live = list.filter((t) => !t.dropped);
    const done = live.filter((t) => t.done).length;
    const open = live.filter((t) => !t.done);
    return {
      id,
      title,
      status,
      total: live.length,
      done,
      remaining: open.length,
      remaining_hours: Math.round(open.reduce((h, t) => h + (t.row?.estimated_hours ?? 0), 0) * 10) / 10,
      burndown: computeBurndown(list, weeks, d.now),
      forecast: computeForecast({ key: id, remaining: open.length, samples: samplesOf(list), now: d.now, due }),
    };
  };

  const plans = d.plan ? d.plans.filter((p) => p.id === d.plan) : d.plans.filter((p) => p.status !== 'completed' && p.status !== 'cancelled');
  return {
    as_of: new Date(d.now).toISOString().replace('.000Z', 'Z'),
    weeks: weeks.map((w) => ({
      week: w.label,
      start: isoDate(w.start),
      created: timelines.filter((t) => inWeek(t.created, w)).length,
      completed: timelines.filter((t) => inWeek(t.completed, w)).length,
    })),
    throughput_per_week: Math.round((allSamples.reduce((a, b) => a + b, 0) / Math.max(1, allSamples.length)) * 100) / 100,
    cycle_time: durationStats(cycle),
    lead_time: durationStats(lead),
    plans: plans.map((p) => {
      const milestoneIds = new Set(p.milestones.map((m) => m.id as string));
      const members = timelines.filter((t) => t.row && (t.row.plan === p.id || (t.row.milestone !== undefined && milestoneIds.has(t.row.milestone))));
      return {
        ...scope(p.id, p.title, p.status, members, p.target),
        milestones: p.milestones.map((m) => scope(m.id, m.name, m.status, members.filter((t) => t.row!.milestone === m.id), m.due)),
      };
    }),
    estimated: timelines.filter((t) => t.estimated && t.completed !== undefined).length,
  };
}
