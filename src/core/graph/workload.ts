// Workload: open work and remaining hours per assignee and per repo.
import type { TodoRow } from '../model.js';
import { type Graph, isResolved } from './graph.js';
import { isReady, remainingHours } from './ready.js';

export interface WorkloadRow {
  /** Assignee or repo name; `(unassigned)` / `(no repo)` for the rest. */
  name: string;
  open: number;
  in_progress: number;
  blocked: number;
  ready: number;
  remaining_hours: number;
  /** Open todos without an estimate (their hours are unknown, not zero). */
  unestimated: number;
  by_priority: Record<string, number>;
}

export interface Workload {
  by_assignee: WorkloadRow[];
  by_repo: WorkloadRow[];
  total: WorkloadRow;
}

export const UNASSIGNED = '(unassigned)';
export const NO_REPO = '(no repo)';

function emptyRow(name: string): WorkloadRow {
  return { name, open: 0, in_progress: 0, blocked: 0, ready: 0, remaining_hours: 0, unestimated: 0, by_priority: {} };
}

function addTo(row: WorkloadRow, t: TodoRow, ready: boolean, blocked: boolean): void {
  row.open++;
  if (t.status === 'in_progress') row.in_progress++;
  if (blocked) row.blocked++;
  if (ready) row.ready++;
  row.remaining_hours = Math.round((row.remaining_hours + remainingHours(t)) * 100) / 100;
  if (t.estimated_hours === undefined) row.unestimated++;
  row.by_priority[t.priority] = (row.by_priority[t.priority] ?? 0) + 1;
}

export function computeWorkload(g: Graph, options: { repo?: string; assignee?: string; held?: ReadonlySet<string> } = {}): Workload {
  const byAssignee = new Map<string, WorkloadRow>();
  const byRepo = new Map<string, WorkloadRow>();
  const total = emptyRow('total');
  for (const t of g.todos.values()) {
    if (isResolved(g, t.id)) continue;
    if (options.repo && t.repo !== options.repo) continue;
    if (options.assignee && t.assignee !== options.assignee) continue;
    const ready = isReady(g, t, options.held);
    const blocked = t.status === 'blocked' || (!ready && t.status === 'pending' && !options.held?.has(t.id));
    const a = t.assignee ?? UNASSIGNED;
    const r = t.repo ?? NO_REPO;
    if (!byAssignee.has(a)) byAssignee.set(a, emptyRow(a));
    if (!byRepo.has(r)) byRepo.set(r, emptyRow(r));
    addTo(byAssignee.get(a)!, t, ready, blocked);
    addTo(byRepo.get(r)!, t, ready, blocked);
    addTo(total, t, ready, blocked);
  }
  const sort = (rows: WorkloadRow[]) => rows.sort((x, y) => y.remaining_hours - x.remaining_hours || y.open - x.open || x.name.localeCompare(y.name));
  return { by_assignee: sort([...byAssignee.values()]), by_repo: sort([...byRepo.values()]), total };
}
