// Burndown of a set of todos: scope and what remained at the end of each week.
import { isoSeconds } from '../normalize.js';
import type { BurndownPoint } from './schemas.js';
import type { TodoTimeline } from './timeline.js';
import { isoWeekLabel, type Week } from './weeks.js';

/** Whether a todo was already completed (or cancelled) at `at`; unknown times count as always. */
const by = (flag: boolean, t: number | undefined, at: number) => flag && (t === undefined || t <= at);

export function computeBurndown(todos: readonly TodoTimeline[], weeks: readonly Week[], now: number): BurndownPoint[] {
  return weeks.map((w) => {
    const at = Math.min(w.end, now);
    let scope = 0;
    let remaining = 0;
    let hours = 0;
    for (const t of todos) {
      // A todo of unknown age (no `created`, no history) counts as having been there all along.
      if (t.created !== undefined && t.created > at) continue;
      if (by(t.dropped, t.cancelled, at)) continue;
      scope++;
      if (by(t.done, t.completed, at)) continue;
      remaining++;
      hours += t.row?.estimated_hours ?? 0;
    }
    return { week: isoWeekLabel(w.start), at: isoSeconds(at), scope, remaining, remaining_hours: Math.round(hours * 10) / 10 };
  });
}
