// The critical path: the chain of unresolved work with the most remaining estimated hours.
import { type Graph, workItem } from './graph.js';
import { computeWaves } from './order.js';
import { remainingHours } from './ready.js';

export interface CriticalPathStep {
  id: string;
  kind: 'todo' | 'issue';
  title: string;
  repo?: string;
  status: string;
  hours: number;
  /** Hours from the start of the path to the end of this step. */
  cumulative_hours: number;
  estimated: boolean;
}

export interface CriticalPath {
  steps: CriticalPathStep[];
  total_hours: number;
  /** Unresolved todos with no estimate, counted as 0 hours: the path may be longer than it looks. */
  unestimated: string[];
}

/** Longest path by remaining hours through the unresolved blocker DAG (optionally one plan or repo). */
export function computeCriticalPath(g: Graph, options: { plan?: string; repo?: string } = {}): CriticalPath {
  const { order } = computeWaves(g, options);
  const inScope = new Set(order);
  const best = new Map<string, { hours: number; prev?: string }>();
  const unestimated: string[] = [];
  for (const id of order) {
    const todo = g.todos.get(id);
    const own = todo ? remainingHours(todo) : 0;
    if (todo && todo.estimated_hours === undefined) unestimated.push(id);
    let top: { hours: number; prev?: string } = { hours: own };
    for (const b of g.blockers.get(id) ?? []) {
      const prior = inScope.has(b) ? best.get(b) : undefined;
      if (prior && prior.hours + own > top.hours) top = { hours: prior.hours + own, prev: b };
    }
    best.set(id, top);
  }
  let end: string | undefined;
  let endHours = -1;
  for (const [id, v] of best) {
    if (v.hours > endHours || (v.hours === endHours && end !== undefined && id < end)) {
      end = id;
      endHours = v.hours;
    }
  }
  const ids: string[] = [];
  for (let cur = end; cur !== undefined; cur = best.get(cur)?.prev) ids.push(cur);
  ids.reverse();
  let cumulative = 0;
  const steps = ids.map((id): CriticalPathStep => {
    const item = workItem(g, id)!;
    const hours = item.kind === 'todo' ? remainingHours(item.row) : 0;
    cumulative += hours;
    return {
      id,
      kind: item.kind,
      title: item.kind === 'todo' ? item.row.task : item.row.title,
      ...(item.kind === 'todo' && item.row.repo ? { repo: item.row.repo } : {}),
      status: item.row.status,
      hours,
      cumulative_hours: cumulative,
      estimated: item.kind === 'issue' || item.row.estimated_hours !== undefined,
    };
  });
  return { steps, total_hours: Math.max(endHours, 0), unestimated: unestimated.sort() };
}
