// What surfaces call for jobs and activities: list, show, trigger (run now), reset a breaker, enable, disable.
// Plain app functions of (workspace, input), which the operations of src/ops/schedule.ts call on every surface.
import { hostname } from 'node:os';
import { ConcordError } from '../../core/errors.js';
import { arg, hint, op } from '../../core/hints.js';
import { formatDuration } from '../../core/scheduling/duration.js';
import type { Target, TargetKind, Trigger } from '../../core/scheduling/schemas.js';
import { type FireRow, ScheduleStore } from '../../state/schedule-store.js';
import type { Workspace } from '../workspace.js';
import { loadActivities, writeActivityEnabled } from './activities.js';
import { nextInstant } from './cron.js';
import { dispatch, inScheduleTransaction, scheduleEvent } from './plan.js';
import { type FireOutcome, runFire } from './run.js';
import { findTarget, jobTargets } from './targets.js';

export interface FireView {
  id: number;
  trigger: string;
  instant: string;
  status: string;
  forced?: boolean;
  started_at?: string;
  ended_at?: string;
  duration_ms?: number;
  reason?: string;
  error?: string;
}

export interface TargetView {
  kind: TargetKind;
  name: string;
  description?: string;
  enabled: boolean;
  triggers: string[];
  actions: string[];
  overlap: string;
  misfire: string;
  breaker: { threshold: number; failures: number; open: boolean; opened_at?: string };
  next_fire?: string;
  running: number;
  waiting: number;
  last?: FireView;
  source: string;
  builtin?: boolean;
}

const iso = (ms: number) => new Date(ms).toISOString();

function fireView(f: FireRow): FireView {
  return {
    id: f.id,
    trigger: f.trigger,
    instant: f.instant,
    status: f.status,
    ...(f.forced ? { forced: true } : {}),
    ...(f.started_at ? { started_at: f.started_at } : {}),
    ...(f.ended_at ? { ended_at: f.ended_at } : {}),
    ...(f.duration_ms !== null ? { duration_ms: f.duration_ms } : {}),
    ...(f.reason ? { reason: f.reason } : {}),
    ...(f.error ? { error: f.error } : {}),
  };
}

export function describeTrigger(t: Trigger): string {
  if (t.cron !== undefined) return `cron "${t.cron}" ${t.timezone ?? 'UTC'}`;
  if (t.interval !== undefined) return `every ${formatDuration(t.interval)}`;
  const quiet = t.quiet ? `, quiet ${formatDuration(t.quiet)}${t.quiet_per === 'repo' ? ' per repo' : ''}` : '';
  if (t.webhook !== undefined) return `webhook ${t.webhook}${quiet}`;
  const f = t.filter;
  const filter = f ? ` where ${[f.repo && `repo=${f.repo.join('|')}`, f.priority && `priority=${f.priority.join('|')}`, f.to && `to=${f.to.join('|')}`].filter(Boolean).join(' ')}` : '';
  return `event ${(t.event ?? []).join(', ')}${filter}${quiet}`;
}

function view(ws: Workspace, t: Target): TargetView {
  const store = new ScheduleStore(ws.db);
  const row = store.target(t.id);
  const open = store.open(t.id);
  const last = store.lastFinished(t.id);
  const anchor = row?.anchor ? Date.parse(row.anchor) : ws.time();
  const after = Math.max(ws.time(), row?.planned_upto ? Date.parse(row.planned_upto) : 0);
  const next = t.enabled ? t.triggers.map((x) => nextInstant(x, anchor, after)).filter((x): x is number => x !== undefined).sort((a, b) => a - b)[0] : undefined;
  const m = t.misfire;
  return {
    kind: t.kind,
    name: t.name,
    ...(t.description ? { description: t.description } : {}),
    enabled: t.enabled,
    triggers: t.triggers.map(describeTrigger),
    actions: t.actions.map((a) => (a.operation ? `operation ${a.operation}${a.args ? ` ${JSON.stringify(a.args)}` : ''}` : `command ${JSON.stringify(a.command)}${a.cwd ? ` in ${a.cwd}` : ''}`)),
    overlap: t.overlap,
    misfire: m.policy === 'catchup' ? `catchup (max ${m.max}, window ${formatDuration(m.window_ms)})` : m.policy,
    breaker: { threshold: t.breaker, failures: row?.failures ?? 0, open: Boolean(row?.breaker_open_at), ...(row?.breaker_open_at ? { opened_at: row.breaker_open_at } : {}) },
    ...(next !== undefined ? { next_fire: iso(next) } : {}),
    running: open.filter((f) => f.status === 'running').length,
    waiting: open.filter((f) => f.status === 'due').length,
    ...(last ? { last: fireView(last) } : {}),
    source: t.source,
    ...(t.builtin ? { builtin: true } : {}),
  };
}

export function listJobs(ws: Workspace): TargetView[] {
  return jobTargets(ws).map((t) => view(ws, t));
}

export function showJob(ws: Workspace, input: { name: string; limit?: number }): TargetView & { history: FireView[] } {
  const t = findTarget(ws, 'job', input.name);
  return { ...view(ws, t), history: new ScheduleStore(ws.db).history(t.id, input.limit ?? 20).map(fireView) };
}

export interface TriggerResult {
  kind: TargetKind;
  name: string;
  fire: number;
  /** succeeded, failed, timed_out, cancelled: it ran; skipped: refused (reason); waiting: buffered behind a run. */
  status: string;
  reason?: string;
  outcome?: FireOutcome;
}

export interface TriggerOptions {
  /** Run even while the breaker is open (the breaker stays open until reset). */
  force?: boolean;
  signal?: AbortSignal;
}

/**
 * Fires a job or activity now, in this process, and waits for the run (seed 002's manual trigger). The
 * overlap policy applies as to any fire: with `skip` and a run in progress it is skipped, with a buffer it
 * waits (and runs when that run ends, in whichever process ends it). An open breaker refuses unless forced.
 */
export async function triggerTarget(ws: Workspace, kind: TargetKind, name: string, options: TriggerOptions = {}): Promise<TriggerResult> {
  const target = findTarget(ws, kind, name);
  const store = new ScheduleStore(ws.db);
  const holder = `${ws.surface}:${hostname()}:${process.pid}`;
  const lease = ws.settings.scheduler.lease;
  const now = ws.time();
  const key = `manual:${iso(now)}:${Buffer.from(ws.random(4)).toString('hex')}`;
  const id = (await inScheduleTransaction(ws, () => store.insertFire({ target: target.id, key, trigger: 'manual', instant: iso(now), status: 'due', forced: options.force === true }, iso(now))))!;
  let mine: FireOutcome | undefined;
  // Runs what this process claimed, then what was buffered behind it, until nothing is left for it.
  for (let claimed = await dispatch(ws, target, { holder, leaseMs: lease }); claimed.length; claimed = await dispatch(ws, target, { holder, leaseMs: lease })) {
    const outcomes = await Promise.all(claimed.map((f) => runFire(ws, target, f, { holder, leaseMs: lease, heartbeatMs: ws.settings.scheduler.poll, ...(options.signal ? { signal: options.signal } : {}) })));
    mine ??= outcomes.find((o) => o.fire === id);
  }
  const row = store.fire(id)!;
  const status = row.status === 'due' ? 'waiting' : row.status;
  const result: TriggerResult = { kind, name: target.name, fire: id, status, ...(row.reason ? { reason: row.reason } : {}), ...(mine ? { outcome: mine } : {}) };
  if (row.status === 'skipped' && row.reason === 'breaker_open') {
    throw new ConcordError('BREAKER_OPEN', `${kind} "${target.name}" stopped after ${store.target(target.id)?.failures ?? target.breaker} consecutive failures (its circuit breaker is open)`, {
      hint: hint`reset it with ${op(kind === 'job' ? 'job.reset' : 'activity.reset', { name: target.name })}, or run it anyway with ${arg('force', true)}`,
      data: { ...result },
    });
  }
  if (row.status === 'skipped') {
    throw new ConcordError('JOB_BUSY', `${kind} "${target.name}" is running and its overlap policy is ${target.overlap}: this fire was skipped`, { hint: 'wait for the run to end, or set overlap: buffer_one', data: { ...result } });
  }
  return result;
}

export const triggerJob = (ws: Workspace, input: { name: string; force?: boolean }, o: Omit<TriggerOptions, 'force'> = {}) => triggerTarget(ws, 'job', input.name, { ...o, force: input.force === true });
export const runActivity = (ws: Workspace, input: { name: string; force?: boolean }, o: Omit<TriggerOptions, 'force'> = {}) => triggerTarget(ws, 'activity', input.name, { ...o, force: input.force === true });

/** Closes an open circuit breaker (and clears the failure count); says whether it was open. */
export async function resetBreaker(ws: Workspace, kind: TargetKind, name: string): Promise<{ kind: TargetKind; name: string; was_open: boolean }> {
  const target = findTarget(ws, kind, name);
  const store = new ScheduleStore(ws.db);
  const wasOpen = await inScheduleTransaction(ws, () => {
    const open = Boolean(store.target(target.id)?.breaker_open_at);
    if (store.resetBreaker(target.id, ws.now()) && open) ws.events.append([scheduleEvent(ws, target, 'breaker_reset', {})]);
    return open;
  });
  return { kind, name: target.name, was_open: wasOpen };
}

export function listActivities(ws: Workspace): { dir: string; activities: TargetView[]; invalid: { file: string; problems: string[] }[] } {
  const loaded = loadActivities(ws);
  return { dir: loaded.dir, activities: loaded.activities.map((a) => view(ws, a.target)), invalid: loaded.invalid };
}

export function showActivity(ws: Workspace, input: { name: string; limit?: number }): TargetView & { file: string; body: string; history: FireView[]; quiet: { bucket: string; events: number; due_at: string }[] } {
  const t = findTarget(ws, 'activity', input.name);
  const file = loadActivities(ws).activities.find((a) => a.target.id === t.id)!;
  const store = new ScheduleStore(ws.db);
  return {
    ...view(ws, t),
    file: file.file,
    body: file.body,
    history: store.history(t.id, input.limit ?? 20).map(fireView),
    quiet: store.quiet(t.id).map((q) => ({ bucket: q.bucket, events: q.events, due_at: q.due_at })),
  };
}

/** Sets `enabled:` in the activity's file; `changed` is false when it already was. */
export function setActivityEnabled(ws: Workspace, input: { name: string }, enabled: boolean): { name: string; enabled: boolean; changed: boolean; file: string } {
  const t = findTarget(ws, 'activity', input.name);
  const changed = writeActivityEnabled(t.source, enabled);
  return { name: t.name, enabled, changed, file: t.source };
}
