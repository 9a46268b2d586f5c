// Each todo's life (created, started, completed, cancelled) from the history, filled in from the file.
import type { TodoRow } from '../model.js';
import { parseTime } from './weeks.js';

/** A creation, status change or deletion of a todo, as stored in the history. */
export interface LifecycleEvent {
  entity_id: string;
  type: string;
  at: string;
  data?: unknown;
}

export interface TodoTimeline {
  id: string;
  row: TodoRow | undefined;
  created: number | undefined;
  /** First move to in_progress. */
  started: number | undefined;
  completed: number | undefined;
  cancelled: number | undefined;
  /** Completed or cancelled now (possibly at an unknown time, before the history began). */
  done: boolean;
  dropped: boolean;
  /** The completion or cancellation time is the record's `updated`: the history began after it. */
  estimated: boolean;
}

export function buildTimelines(rows: readonly TodoRow[], events: readonly LifecycleEvent[]): Map<string, TodoTimeline> {
  const out = new Map<string, TodoTimeline>();
  const get = (id: string) => {
    let t = out.get(id);
    if (!t) out.set(id, (t = { id, row: undefined, created: undefined, started: undefined, completed: undefined, cancelled: undefined, done: false, dropped: false, estimated: false }));
    return t;
  };
  for (const e of events) {
    const t = get(e.entity_id);
    const at = parseTime(e.at);
    if (at === undefined) continue;
    const verb = e.type.slice(e.type.indexOf(':') + 1);
    if (verb === 'created') t.created ??= at;
    if (verb !== 'status_changed') continue;
    const { from, to } = (e.data ?? {}) as { from?: string; to?: string };
    if (to === 'in_progress') t.started ??= at;
    if (to === 'completed') t.completed = at;
    else if (from === 'completed') t.completed = undefined;
    if (to === 'cancelled') t.cancelled = at;
    else if (from === 'cancelled') t.cancelled = undefined;
  }
  for (const t of out.values()) [t.done, t.dropped] = [t.completed !== undefined, t.cancelled !== undefined];
  for (const row of rows) {
    const t = get(row.id);
    t.row = row;
    t.created = parseTime(row.created) ?? t.created;
    // The file is the truth about the status; the history only dates it.
    const updated = parseTime(row.updated);
    t.done = row.status === 'completed';
    t.dropped = row.status === 'cancelled';
    if (row.status !== 'completed') t.completed = undefined;
    else if (t.completed === undefined && updated !== undefined) [t.completed, t.estimated] = [updated, true];
    if (row.status !== 'cancelled') t.cancelled = undefined;
    else if (t.cancelled === undefined && updated !== undefined) [t.cancelled, t.estimated] = [updated, true];
  }
  return out;
}
