// Event triggers of activities: the history subscriber that puts matching events into quiet periods.
//
// It runs inside the transaction of the change (see app/subscribers.ts), so it only writes rows: the runs
// themselves start from the scheduler (`concord serve`), never here. 10 rapid events -> 1 quiet period -> 1 run.
import type { StoredEvent } from '../../state/event-store.js';
import { typePatternRegExp } from '../../core/event-match.js';
import { expandStatusShorthand, type Target, type Trigger } from '../../core/scheduling/schemas.js';
import { ScheduleStore } from '../../state/schedule-store.js';
import type { WorkspaceCore as Workspace } from '../workspace-core.js';
import { loadActivities } from './activities.js';

/** Without max_wait, a storm of events still runs after this many quiet periods. */
const MAX_WAIT_PERIODS = 10;

const SCHEDULER_TYPES = /^(job|activity):/;

/** Whether `e` is one `trigger` of `target` listens for (its type, the filter, and no loops). */
export function eventMatches(target: Target, trigger: Trigger, e: Pick<StoredEvent, 'type' | 'entity' | 'surface' | 'data' | 'subject'>): boolean {
  if (!trigger.event) return false;
  // An activity never reacts to its own runs; other scheduler-made changes reach only triggers that name scheduler events.
  if (e.entity.kind === target.kind && e.entity.id === target.name) return false;
  const to = (e.data as { to?: unknown } | undefined)?.to;
  const typeOk = trigger.event.some((p) => {
    const x = expandStatusShorthand(p);
    if (!typePatternRegExp(x.type).test(e.type)) return false;
    if (x.to !== undefined && to !== x.to) return false;
    return e.surface !== 'scheduler' || SCHEDULER_TYPES.test(x.type);
  });
  if (!typeOk) return false;
  const f = trigger.filter;
  if (f?.repo && !(e.subject?.repos ?? []).some((r) => f.repo!.includes(r))) return false;
  if (f?.priority && !(e.subject?.priority && (f.priority as string[]).includes(e.subject.priority))) return false;
  if (f?.to && !(typeof to === 'string' && f.to.includes(to))) return false;
  return true;
}

export function quietBucket(index: number, trigger: Trigger, e: Pick<StoredEvent, 'subject'>): string[] {
  if (trigger.quiet_per !== 'repo') return [`trigger:${index}`];
  const repos = e.subject?.repos ?? [];
  return repos.length ? repos.map((r) => `trigger:${index}:${r}`) : [`trigger:${index}:-`];
}

/** When a quiet period that began at `firstAt` ends, if the newest event came at `now`. */
export function quietDueAt(trigger: Pick<Trigger, 'quiet' | 'max_wait'>, firstAt: number, now: number): number {
  const quiet = trigger.quiet ?? 0;
  const maxWait = trigger.max_wait ?? quiet * MAX_WAIT_PERIODS;
  return Math.min(firstAt + maxWait, now + quiet);
}

/** Puts the events after the high-water mark into the quiet periods of the enabled activities they match. */
export function enqueueActivityEvents(ws: Workspace, appended: readonly StoredEvent[] = []): void {
  const store = new ScheduleStore(ws.db);
  const listening = loadActivities(ws).activities.map((a) => a.target).filter((t) => t.enabled && t.triggers.some((x) => x.event));
  if (!listening.length) {
    // Nothing listens: move the mark, so that an activity enabled later does not replay old history.
    const last = appended[appended.length - 1]?.seq;
    if (last !== undefined && last > store.eventsEnqueuedUpto) store.eventsEnqueuedUpto = last;
    return;
  }
  const now = ws.time();
  const iso = (ms: number) => new Date(ms).toISOString();
  for (const batch of ws.events.after(store.eventsEnqueuedUpto, appended)) {
    for (const e of batch) {
      for (const t of listening) {
        t.triggers.forEach((trigger, i) => {
          if (!eventMatches(t, trigger, e)) return;
          for (const bucket of quietBucket(i, trigger, e)) store.addQuiet(t.id, bucket, iso(now), (first) => iso(quietDueAt(trigger, Date.parse(first), now)), { seq: e.seq, type: e.type, entity: e.entity });
        });
      }
    }
    store.eventsEnqueuedUpto = batch[batch.length - 1]!.seq;
  }
}
