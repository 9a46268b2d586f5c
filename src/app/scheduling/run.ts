// Running a claimed fire: its actions in order under the target's timeout, a lease renewed while it runs
// (cancel_other and a lost lease stop it), then its outcome, the breaker and the events, in one transaction.
import type { AnyDomainEvent } from '../../core/events.js';
import type { Target } from '../../core/scheduling/schemas.js';
import type { Logger } from '../../obs/logger.js';
import { breakerOpen, scheduleFires, scheduleRunDuration, scheduleRuns } from '../../obs/metrics.js';
import { failSpan, withSpan } from '../../obs/tracing.js';
import { type FireRow, type FireStatus, ScheduleStore } from '../../state/schedule-store.js';
import type { Workspace } from '../workspace.js';
import { runAction } from './actions.js';
import { inScheduleTransaction, scheduleEvent } from './plan.js';

export interface FireOutcome {
  fire: number;
  target: string;
  trigger: string;
  instant: string;
  status: Extract<FireStatus, 'succeeded' | 'failed' | 'timed_out' | 'cancelled' | 'abandoned'>;
  duration_ms: number;
  summary: string;
  error?: string;
  output?: string;
  /** The breaker opened with this failure. */
  breaker_opened?: boolean;
}

export interface RunFireOptions {
  holder: string;
  leaseMs: number;
  /** How often the lease is renewed and a cancellation looked for (default a third of the lease). */
  heartbeatMs?: number;
  /** Stops the run (a server stopping): it ends as cancelled. */
  signal?: AbortSignal;
  logger?: Logger;
}

type Stop = 'timed_out' | 'cancelled' | 'abandoned';

export async function runFire(ws: Workspace, target: Target, fire: FireRow, o: RunFireOptions): Promise<FireOutcome> {
  const store = new ScheduleStore(ws.db);
  const started = performance.now();
  const stop = new AbortController();
  let why: Stop | undefined;
  const halt = (reason: Stop) => {
    why ??= reason;
    stop.abort();
  };
  const log = o.logger?.child({ [target.kind]: target.name, fire: fire.id, trigger: fire.trigger });
  const timer = setTimeout(() => halt('timed_out'), target.timeout_ms);
  const onStop = () => halt('cancelled');
  o.signal?.addEventListener('abort', onStop, { once: true });
  if (o.signal?.aborted) onStop();
  const beat = setInterval(() => {
    void inScheduleTransaction(ws, () => store.heartbeat(fire.id, o.holder, new Date(ws.time() + o.leaseMs).toISOString()))
      .then((r) => {
        if (!r) halt('abandoned');
        else if (r.cancel) halt('cancelled');
      })
      .catch((e: Error) => log?.warn({ err: e }, 'the lease could not be renewed; trying again'));
  }, Math.max(50, Math.min(o.heartbeatMs ?? Infinity, Math.floor(o.leaseMs / 3))));
  scheduleFires.inc({ kind: target.kind, name: target.name, trigger: fire.trigger });
  log?.info({ instant: fire.instant }, 'run started');

  const summaries: string[] = [];
  const outputs: string[] = [];
  let error: string | undefined;
  try {
    await withSpan(`${target.kind} ${target.name}`, { 'concord.target': target.id, 'concord.trigger': fire.trigger, 'concord.fire': fire.id }, async (span) => {
      for (const action of target.actions) {
        if (stop.signal.aborted) break;
        const r = await runAction(ws, target, fire, action, stop.signal).catch((e: Error) => ({ ok: false, summary: e.message, output: undefined }));
        summaries.push(r.summary);
        if (r.output) outputs.push(r.output);
        if (!r.ok) {
          error = r.summary;
          failSpan(span, r.summary);
          break;
        }
      }
    });
  } finally {
    clearTimeout(timer);
    clearInterval(beat);
    o.signal?.removeEventListener('abort', onStop);
  }
  const status: FireOutcome['status'] = why ?? (error ? 'failed' : 'succeeded');
  if (why) error = why === 'timed_out' ? `stopped after its timeout of ${target.timeout_ms} ms` : why === 'cancelled' ? 'cancelled (a newer fire, or the server stopping)' : 'its lease was lost (taken as abandoned)';
  const outcome: FireOutcome = {
    fire: fire.id,
    target: target.id,
    trigger: fire.trigger,
    instant: fire.instant,
    status,
    duration_ms: Math.round(performance.now() - started),
    summary: summaries.join('; ') || error || '',
    ...(error ? { error } : {}),
    ...(outputs.length ? { output: outputs.join('\n').slice(-4_000) } : {}),
  };
  await record(ws, store, target, o.holder, outcome);
  scheduleRuns.inc({ kind: target.kind, name: target.name, outcome: status });
  scheduleRunDuration.observe({ kind: target.kind, name: target.name }, outcome.duration_ms / 1000);
  if (outcome.breaker_opened) breakerOpen.set({ kind: target.kind, name: target.name }, 1);
  (status === 'succeeded' ? log?.info.bind(log) : log?.warn.bind(log))?.({ outcome: status, duration_ms: outcome.duration_ms, summary: outcome.summary, ...(outcome.breaker_opened ? { breaker: 'opened' } : {}) }, `run ${status}`);
  return outcome;
}

function record(ws: Workspace, store: ScheduleStore, target: Target, holder: string, o: FireOutcome): Promise<void> {
  const now = new Date(ws.time()).toISOString();
  return inScheduleTransaction(ws, () => {
      // A run whose lease was taken as abandoned meanwhile records nothing more.
      if (!store.finish(o.fire, holder, { status: o.status, ended_at: now, duration_ms: o.duration_ms, error: o.error, output: o.output })) return;
      const events: AnyDomainEvent[] = [];
      const base = { fire: o.fire, trigger: o.trigger, instant: o.instant, duration_ms: o.duration_ms };
      if (o.status === 'succeeded') events.push(scheduleEvent(ws, target, 'succeeded', { ...base, summary: o.summary.slice(0, 500) }));
      else events.push(scheduleEvent(ws, target, 'failed', { ...base, outcome: o.status, error: (o.error ?? '').slice(0, 500) }));
      // Stopping a run (a server shutting down, cancel_other) says nothing about the job: only its own failures count.
      if (o.status === 'succeeded' || o.status === 'failed' || o.status === 'timed_out') {
        const failures = store.countOutcome(target.id, o.status !== 'succeeded', now);
        if (target.breaker > 0 && failures >= target.breaker && store.openBreaker(target.id, now)) {
          o.breaker_opened = true;
          events.push(scheduleEvent(ws, target, 'breaker_opened', { failures }));
        }
      }
      store.prune(target.id);
      ws.events.append(events);
    });
}
