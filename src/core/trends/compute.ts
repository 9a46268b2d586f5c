// Trends of the ecosystem: throughput per week, cycle and lead time, and per plan and milestone a burndown
// and a forecast of the completion date. Pure: history, rows and plans in, numbers out.
import type { Plan, TodoRow } from '../model.js';
import { isoSeconds } from '../normalize.js';
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

/** Counts per week of a time taken from each timeline (weeks are contiguous, oldest first). */
function perWeek(list: readonly TodoTimeline[], weeks: readonly Week[], time: (t: TodoTimeline) => number | undefined): number[] {
  const counts = new Array<number>(weeks.length).fill(0);
  if (!weeks.length) return counts;
  const start = weeks[0]!.start;
  const span = weeks[0]!.end - start;
  for (const t of list) {
    const at = time(t);
    if (at === undefined || at < start) continue;
    const i = Math.floor((at - start) / span);
    if (i < weeks.length) counts[i]!++;
  }
  return counts;
}

export function computeTrends(d: TrendsData): Trends {
  let timelines = [...buildTimelines(d.rows, d.events).values()];
  if (d.repo) timelines = timelines.filter((t) => t.row?.repo === d.repo);
  const weeks = lastWeeks(d.now, d.weeks);
  // Forecasts sample full weeks only: the running week would pull every forecast down.
  const sampleWeeks = lastWeeks(d.now, d.sampleWeeks + 1).slice(0, -1);
  const samplesOf = (list: readonly TodoTimeline[]) => perWeek(list, sampleWeeks, (t) => t.completed);
  const allSamples = samplesOf(timelines);

  const windowStart = weeks[0]!.start;
  const measured = timelines.filter((t) => !t.estimated && t.completed !== undefined && t.completed >= windowStart);
  const cycle = measured.flatMap((t) => (t.started !== undefined ? [t.completed! - t.started] : []));
  const lead = measured.flatMap((t) => (t.created !== undefined ? [t.completed! - t.created] : []));

  const scope = (id: string, title: string, status: string, list: readonly TodoTimeline[], due: string | undefined): ScopeTrend => {
    const live = list.filter((t) => !t.dropped);
    const open = live.filter((t) => !t.done);
    return {
      id,
      title,
      status,
      total: live.length,
      done: live.length - open.length,
      remaining: open.length,
      remaining_hours: Math.round(open.reduce((h, t) => h + (t.row?.estimated_hours ?? 0), 0) * 10) / 10,
      burndown: computeBurndown(list, weeks, d.now),
      forecast: computeForecast({ key: id, remaining: open.length, samples: samplesOf(list), now: d.now, due }),
    };
  };

  // One pass to group todos by plan and by milestone (a todo belongs to a plan through either field).
  const byPlan = new Map<string, TodoTimeline[]>();
  const byMilestone = new Map<string, TodoTimeline[]>();
  const planOfMilestone = new Map(d.plans.flatMap((p) => p.milestones.map((m) => [m.id as string, p.id as string] as const)));
  const push = (map: Map<string, TodoTimeline[]>, key: string, t: TodoTimeline) => (map.get(key) ?? map.set(key, []).get(key)!).push(t);
  for (const t of timelines) {
    if (!t.row) continue;
    const plans = new Set<string>();
    if (t.row.plan !== undefined) plans.add(t.row.plan);
    const viaMilestone = t.row.milestone !== undefined ? planOfMilestone.get(t.row.milestone) : undefined;
    if (viaMilestone !== undefined) plans.add(viaMilestone);
    for (const p of plans) push(byPlan, p, t);
    if (t.row.milestone !== undefined) push(byMilestone, t.row.milestone, t);
  }

  const plans = d.plan ? d.plans.filter((p) => p.id === d.plan) : d.plans.filter((p) => p.status !== 'completed' && p.status !== 'cancelled');
  const created = perWeek(timelines, weeks, (t) => t.created);
  const completed = perWeek(timelines, weeks, (t) => t.completed);
  return {
    as_of: isoSeconds(d.now),
    weeks: weeks.map((w, i) => ({ week: w.label, start: isoDate(w.start), created: created[i]!, completed: completed[i]! })),
    throughput_per_week: Math.round((allSamples.reduce((a, b) => a + b, 0) / Math.max(1, allSamples.length)) * 100) / 100,
    cycle_time: durationStats(cycle),
    lead_time: durationStats(lead),
    plans: plans.map((p) => ({
      ...scope(p.id, p.title, p.status, byPlan.get(p.id) ?? [], p.target),
      milestones: p.milestones.map((m) => scope(m.id, m.name, m.status, byMilestone.get(m.id) ?? [], m.due)),
    })),
    estimated: timelines.filter((t) => t.estimated && t.completed !== undefined).length,
  };
}
