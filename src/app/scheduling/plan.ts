// One pass of the scheduler over the state DB: record due and missed fires, end quiet periods, and decide
// which due fires start. Each step is one IMMEDIATE transaction, so two servers on one state DB interleave
// cleanly: a (target, key) is inserted once, and a due fire is claimed by one of them.
import { type AnyDomainEvent, makeEvent } from '../../core/events.js';
import { planInstants } from '../../core/scheduling/misfire.js';
import { planDispatch } from '../../core/scheduling/overlap.js';
import type { Target } from '../../core/scheduling/schemas.js';
import { scheduleMissed, scheduleSkipped } from '../../obs/metrics.js';
import { withStateTransaction } from '../../state/lock.js';
import { type FireRow, ScheduleStore } from '../../state/schedule-store.js';
import type { Workspace } from '../workspace.js';
import { countBetween, instantsBetween, latestInstants, nextInstant } from './cron.js';
import { targetById } from './targets.js';

/** Missed instants recorded with a row and an event each; the rest of an outage is summed up in one event. */
const MAX_MISSED_EVENTS = 100;

const iso = (ms: number) => new Date(ms).toISOString();
const timeTriggers = (t: Target) => t.triggers.filter((x) => x.cron !== undefined || x.interval !== undefined);

export function scheduleEvent<T extends 'fired' | 'succeeded' | 'failed' | 'missed' | 'skipped' | 'breaker_opened' | 'breaker_reset'>(ws: Workspace, target: Target, verb: T, data: Record<string, unknown>): AnyDomainEvent {
  const type = `${target.kind}:${verb}` as const;
  return makeEvent(type as never, { kind: target.kind, id: target.name }, data as never, { at: ws.now(), actor: ws.actor(), surface: ws.surface, subject: { title: target.name } }) as AnyDomainEvent;
}

/**
 * Runs `fn` in a transaction of the state DB, queued behind the others of this connection (the write
 * pipeline holds one across awaits) and IMMEDIATE, so another process's pass waits for this one.
 */
export function inScheduleTransaction<T>(ws: Workspace, fn: () => T): Promise<T> {
  return withStateTransaction(ws.db, ws.lockTimeoutMs, 'the scheduler state', fn);
}

/**
 * Records the due and missed instants of the targets' time triggers up to now, in one transaction. The mark
 * (planned_upto) moves in it, so no other server sees these instants again: each is planned once.
 */
export function planTimeTriggers(ws: Workspace, targets: readonly Target[], graceMs: number): Promise<void> {
  const timed = targets.filter((t) => timeTriggers(t).length);
  if (!timed.length) return Promise.resolve();
  const store = new ScheduleStore(ws.db);
  return inScheduleTransaction(ws, () => {
    const now = ws.time();
    const events: AnyDomainEvent[] = [];
    for (const target of timed) {
      const triggers = timeTriggers(target);
      // A new interval job fires at once (its anchor); a new cron job waits for its next instant.
      const fresh = triggers.some((t) => t.interval !== undefined) ? now - 1 : now;
      const row = store.ensureTarget(target.id, iso(fresh), iso(now), iso(now));
      const after = Date.parse(row.planned_upto);
      const anchor = Date.parse(row.anchor);
      // Nothing due: the mark stays, so the next pass asks the same (remembered) question.
      if (target.enabled && !triggers.some((t) => (nextInstant(t, anchor, after) ?? Infinity) <= now)) continue;
      if (target.enabled) events.push(...planTarget(ws, store, target, after, anchor, now, graceMs));
      store.setPlannedUpto(target.id, iso(now), iso(now));
    }
    ws.events.append(events);
  });
}

/**
 * One target's instants in (after, now]. Evaluating a cron expression costs ~0.2 ms an instant, so a long
 * outage of a frequent job is never walked through: the first instants are listed (missed, one event each),
 * the latest ones decide what fires, and what lies between is summed up in one event.
 */
function planTarget(ws: Workspace, store: ScheduleStore, target: Target, after: number, anchor: number, now: number, graceMs: number): AnyDomainEvent[] {
  const triggers = timeTriggers(target);
  const merge = (lists: number[][]) => [...new Set(lists.flat())].sort((a, b) => a - b);
  const heads = triggers.map((t) => instantsBetween(t, anchor, after, now, MAX_MISSED_EVENTS + 1));
  const complete = heads.every((h) => h.length <= MAX_MISSED_EVENTS);
  let considered: number[];
  let listedUpTo = Infinity;
  const events: AnyDomainEvent[] = [];
  if (complete) considered = merge(heads);
  else {
    // What can still fire: the latest instants (fire_once), those within the catch-up window, those on time.
    const m = target.misfire;
    const horizon = m.policy === 'fire_once' ? after : Math.max(after, now - Math.max(graceMs, m.policy === 'catchup' ? m.window_ms : 0));
    considered = merge(triggers.map((t) => latestInstants(t, anchor, horizon, now, (m.policy === 'catchup' ? m.max : 1) + MAX_MISSED_EVENTS)));
    const listed = merge(heads).filter((t) => t < (considered[0] ?? now + 1)).slice(0, MAX_MISSED_EVENTS);
    listedUpTo = listed[listed.length - 1] ?? after;
    for (const at of listed) events.push(missedFire(ws, store, target, at, now));
    const restFrom = Math.min(...triggers.map((t) => nextInstant(t, anchor, listedUpTo) ?? Infinity));
    const restUntil = (considered[0] ?? now + 1) - 1;
    if (restFrom <= restUntil) {
      // Counted when that is cheap (intervals); a cron expression would have to be walked instant by instant.
      const count = countBetween(triggers, anchor, listedUpTo, restUntil);
      if (count !== undefined) scheduleMissed.inc({ kind: target.kind, name: target.name }, count);
      const last = Math.max(...triggers.map((t) => latestInstants(t, anchor, listedUpTo, restUntil, 1)[0] ?? -Infinity));
      events.push(scheduleEvent(ws, target, 'missed', { instant: iso(restFrom), policy: m.policy, ...(count !== undefined ? { count } : {}), until: iso(last) }));
    }
  }
  const plan = planInstants(considered, now, graceMs, target.misfire);
  for (const f of plan.fire) store.insertFire({ target: target.id, key: iso(f.at), trigger: f.trigger, instant: iso(f.at), status: 'due' }, iso(now));
  const room = MAX_MISSED_EVENTS - events.length;
  for (const at of plan.missed.slice(0, Math.max(0, room))) events.push(missedFire(ws, store, target, at, now));
  const rest = plan.missed.slice(Math.max(0, room));
  if (rest.length) {
    scheduleMissed.inc({ kind: target.kind, name: target.name }, rest.length);
    events.push(scheduleEvent(ws, target, 'missed', { instant: iso(rest[0]!), policy: target.misfire.policy, count: rest.length, until: iso(rest[rest.length - 1]!) }));
  }
  if (events.length) store.prune(target.id);
  return events;
}

function missedFire(ws: Workspace, store: ScheduleStore, target: Target, at: number, now: number): AnyDomainEvent {
  scheduleMissed.inc({ kind: target.kind, name: target.name });
  store.insertFire({ target: target.id, key: iso(at), trigger: 'schedule', instant: iso(at), status: 'missed', reason: `no server was running (misfire: ${target.misfire.policy})` }, iso(now));
  return scheduleEvent(ws, target, 'missed', { instant: iso(at), policy: target.misfire.policy });
}

/** Ends the quiet periods that are over: each becomes one due fire carrying the events that fed it. */
export function endQuietPeriods(ws: Workspace): Promise<void> {
  const store = new ScheduleStore(ws.db);
  return inScheduleTransaction(ws, () => {
      const now = ws.time();
      for (const q of store.takeQuietDue(iso(now))) {
        const target = targetById(ws, q.target);
        if (!target?.enabled) continue;
        const trigger = q.bucket.startsWith('webhook:') ? 'webhook' : 'event';
        // `trigger:<i>:<repo>` is a quiet period per repo: its runs overlap only runs of the same repo.
        const lane = /^trigger:\d+:(.+)$/.exec(q.bucket)?.[1] ?? '';
        store.insertFire({ target: q.target, key: `${q.bucket}@${q.first_at}`, trigger, instant: q.due_at, lane, status: 'due', payload: JSON.stringify({ events: q.events, items: JSON.parse(q.payload) as unknown }) }, iso(now));
      }
    });
}

export interface DispatchOptions {
  holder: string;
  leaseMs: number;
}

/** Applies the overlap policy and the breaker to `target`'s due fires; returns those this holder now runs. */
export function dispatch(ws: Workspace, target: Target, o: DispatchOptions): Promise<FireRow[]> {
  const store = new ScheduleStore(ws.db);
  return inScheduleTransaction(ws, () => {
      const now = ws.time();
      const open = store.open(target.id);
      if (!open.some((f) => f.status === 'due')) return [];
      const breakerOpen = store.target(target.id)?.breaker_open_at != null;
      // Serial within a lane (a repo), parallel across lanes.
      const lanes = [...new Set(open.map((f) => f.lane))];
      const plans = lanes.map((lane) => {
        const mine = open.filter((f) => f.lane === lane);
        const running = mine.filter((f) => f.status === 'running').map((f) => ({ id: f.id, cancel_requested: f.cancel_requested === 1 }));
        const due = mine.filter((f) => f.status === 'due').map((f) => ({ id: f.id, trigger: f.trigger, forced: f.forced === 1 }));
        return planDispatch(target.overlap, running, due, breakerOpen);
      });
      const d = { skip: plans.flatMap((p) => p.skip), cancel: plans.flatMap((p) => p.cancel), start: plans.flatMap((p) => p.start) };
      const byId = new Map(open.map((f) => [f.id, f]));
      const events: AnyDomainEvent[] = [];
      for (const s of d.skip) {
        const f = byId.get(s.id)!;
        if (!store.skip(s.id, s.reason, iso(now))) continue;
        scheduleSkipped.inc({ kind: target.kind, name: target.name, reason: s.reason });
        events.push(scheduleEvent(ws, target, 'skipped', { fire: s.id, trigger: f.trigger, instant: f.instant, reason: s.reason }));
      }
      store.requestCancel(d.cancel);
      const claimed: FireRow[] = [];
      for (const id of d.start) {
        if (!store.claim(id, o.holder, iso(now), iso(now + o.leaseMs))) continue;
        const f = store.fire(id)!;
        claimed.push(f);
        events.push(scheduleEvent(ws, target, 'fired', { fire: id, trigger: f.trigger, instant: f.instant, ...(f.forced ? { forced: true } : {}) }));
      }
      ws.events.append(events);
      return claimed;
    });
}

/** When the next time trigger of any enabled target comes due (ms), for the runtime's timer. */
export function nextDueAt(ws: Workspace, targets: readonly Target[]): number | undefined {
  const store = new ScheduleStore(ws.db);
  let next: number | undefined;
  for (const t of targets) {
    if (!t.enabled) continue;
    const row = store.target(t.id);
    if (!row?.planned_upto) return ws.time();
    for (const trig of timeTriggers(t)) {
      const at = nextInstant(trig, Date.parse(row.anchor), Date.parse(row.planned_upto));
      if (at !== undefined && (next === undefined || at < next)) next = at;
    }
  }
  const quiet = store.nextQuietDue();
  if (quiet && (next === undefined || Date.parse(quiet) < next)) next = Date.parse(quiet);
  return next;
}

/** Runs whose server stopped renewing their lease (it died): ended as abandoned, with an event each. */
export function reapAbandoned(ws: Workspace, targets: readonly Target[]): Promise<void> {
  const store = new ScheduleStore(ws.db);
  return inScheduleTransaction(ws, () => {
      const now = ws.time();
      const events: AnyDomainEvent[] = [];
      for (const f of store.reapExpired(iso(now))) {
        const target = targets.find((t) => t.id === f.target);
        if (target) events.push(scheduleEvent(ws, target, 'failed', { fire: f.id, trigger: f.trigger, instant: f.instant, outcome: 'abandoned', error: f.reason ?? 'abandoned' }));
      }
      ws.events.append(events);
    });
}
