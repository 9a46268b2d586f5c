// The typed event map: the only source of events for history, hooks, metrics and the live views.
import type { ItemKind } from './model.js';

export const SURFACES = ['cli', 'mcp', 'http', 'hook', 'worker', 'scheduler', 'file'] as const;
/** Where a change came from; `file` is an edit of ecosystem.yaml made outside Concord (by hand, by git). */
export type Surface = (typeof SURFACES)[number];

export interface FieldChange {
  field: string;
  from?: unknown;
  to?: unknown;
}

export type EntityKind = ItemKind | 'repo' | 'role' | 'job' | 'activity' | 'workflow';

interface EntityEvents {
  created: { record: Record<string, unknown> };
  updated: { changes: FieldChange[] };
  deleted: { record: Record<string, unknown> };
}
interface StatusEvents {
  status_changed: { from: string; to: string };
}

/** What the scheduler records about a job or an activity (`job:*`, `activity:*`; docs/scheduler.md). */
interface ScheduleEvents {
  /** A run started: `trigger` is schedule, catchup, manual, event or webhook; `instant` when it was due. */
  fired: { fire: number; trigger: string; instant: string; forced?: boolean };
  succeeded: { fire: number; trigger: string; instant: string; duration_ms: number; summary: string };
  /** `outcome`: failed, timed_out, cancelled or abandoned (its server stopped). */
  failed: { fire: number; trigger: string; instant: string; duration_ms?: number; outcome: string; error: string };
  /** A scheduled instant passed while no server ran and the misfire policy dropped it; `count` more until `until`. */
  missed: { instant: string; policy: string; count?: number; until?: string };
  /** A due fire was dropped: `overlap` (a run was in progress) or `breaker_open`. */
  skipped: { fire: number; trigger: string; instant: string; reason: string };
  breaker_opened: { failures: number };
  breaker_reset: Record<string, never>;
}

/** Every event type and its payload (`data`). Names are `noun:verb`. */
export interface EventPayloads {
  'issue:created': EntityEvents['created'];
  'issue:updated': EntityEvents['updated'];
  'issue:status_changed': StatusEvents['status_changed'];
  'issue:deleted': EntityEvents['deleted'];
  'plan:created': EntityEvents['created'];
  'plan:updated': EntityEvents['updated'];
  'plan:status_changed': StatusEvents['status_changed'];
  'plan:deleted': EntityEvents['deleted'];
  'milestone:created': EntityEvents['created'];
  'milestone:updated': EntityEvents['updated'];
  'milestone:status_changed': StatusEvents['status_changed'];
  'milestone:deleted': EntityEvents['deleted'];
  'todo:created': EntityEvents['created'];
  'todo:updated': EntityEvents['updated'];
  'todo:status_changed': StatusEvents['status_changed'];
  'todo:note_added': { note: { author?: string; at?: string; text: string } };
  'todo:checkpointed': { checkpoint: number; phase: string; progress: number };
  'todo:deleted': EntityEvents['deleted'];
  'todo:claimed': { agent: string; kind: 'claim' | 'run'; fence: number; expires_at: string; run_id?: string };
  'todo:released': { agent: string; reason: 'released' | 'completed' | 'cancelled' | 'expired' };
  'dependency:created': EntityEvents['created'];
  'dependency:updated': EntityEvents['updated'];
  'dependency:status_changed': StatusEvents['status_changed'];
  'dependency:deleted': EntityEvents['deleted'];
  /** Recorded when a check's outcome differs from the previous check's (every check is kept in dependency_checks). */
  'dependency:checked': { outcome: string; previous?: string; details?: string; latency_ms?: number };
  'run:queued': { run: string; pool: string; executor: string; sweep?: string };
  'run:started': { run: string; attempt: number; worker: string; executor: string; branch?: string };
  'run:succeeded': RunEnded;
  /** Ended for good without success: failed, no_op, infra_error. */
  'run:failed': RunEnded;
  /** Stopped and resumable: a limit, stalled, needs_input. */
  'run:stopped': RunEnded;
  'run:cancelled': { run: string; attempt: number; reason?: string };
  /** Another attempt is queued (an infrastructure error backing off, or an agent failure with feedback). */
  'run:retrying': { run: string; attempt: number; status: string; reason: string; delay_ms: number };
  /** Taken back from a worker that stopped heartbeating (after checking no process still holds it). */
  'run:reclaimed': { run: string; attempt: number; worker?: string };
  'run:resumed': { run: string; answer?: string };
  /** A sweep of the plan (the entity) began or resumed: its todos in waves. */
  'sweep:started': { sweep: string; milestone?: string; todos: number; waves: number; resumed: boolean };
  'sweep:finished': { sweep: string; status: string; succeeded: number; failed: number; halted: number; left: number; runs: number; cost_usd: number };
  'repo:created': EntityEvents['created'];
  'repo:updated': EntityEvents['updated'];
  'repo:deleted': EntityEvents['deleted'];
  'role:created': EntityEvents['created'];
  'role:updated': EntityEvents['updated'];
  'role:deleted': EntityEvents['deleted'];
  'job:fired': ScheduleEvents['fired'];
  'job:succeeded': ScheduleEvents['succeeded'];
  'job:failed': ScheduleEvents['failed'];
  'job:missed': ScheduleEvents['missed'];
  'job:skipped': ScheduleEvents['skipped'];
  'job:breaker_opened': ScheduleEvents['breaker_opened'];
  'job:breaker_reset': ScheduleEvents['breaker_reset'];
  'activity:fired': ScheduleEvents['fired'];
  'activity:succeeded': ScheduleEvents['succeeded'];
  'activity:failed': ScheduleEvents['failed'];
  'activity:missed': ScheduleEvents['missed'];
  'activity:skipped': ScheduleEvents['skipped'];
  'activity:breaker_opened': ScheduleEvents['breaker_opened'];
  'activity:breaker_reset': ScheduleEvents['breaker_reset'];
  /** A workflow run (docs/workflows.md): `trigger` is cli, mcp, http, job or activity. */
  'workflow:started': { run: string; trigger: string; steps: number };
  'workflow:succeeded': { run: string; duration_ms: number; steps: Record<string, string> };
  /** `failed_step` is the step that failed it (none when it was cancelled); `cleanup` what was undone. */
  'workflow:failed': { run: string; duration_ms: number; status: string; error: string; failed_step?: string; steps: Record<string, string>; cleanup: string[] };
}

export type EventType = keyof EventPayloads;

/** How a run's attempt ended (the payload of run:succeeded, run:failed and run:stopped). */
export interface RunEnded {
  run: string;
  attempt: number;
  status: string;
  reason: string;
  branch?: string;
  cost_usd?: number;
  cost_kind?: 'reported' | 'estimated';
  tokens?: { input: number; output: number };
  diffstat?: { files: number; insertions: number; deletions: number };
}

/** What an event is about, taken from the record: hook filters (repo, priority) and history read it. */
export interface EventSubject {
  title?: string;
  repos?: string[];
  priority?: string;
  plan?: string;
  milestone?: string;
}

export interface DomainEvent<T extends EventType = EventType> {
  type: T;
  entity: { kind: EntityKind; id: string };
  /** ISO time. */
  at: string;
  actor: string;
  surface: Surface;
  data: EventPayloads[T];
  subject?: EventSubject;
}

export type AnyDomainEvent = { [T in EventType]: DomainEvent<T> }[EventType];

/** Typed constructor, so an event cannot carry another type's payload. */
export function makeEvent<T extends EventType>(
  type: T,
  entity: DomainEvent<T>['entity'],
  data: EventPayloads[T],
  meta: { at: string; actor: string; surface: Surface; subject?: EventSubject | undefined },
): DomainEvent<T> {
  const { subject, ...rest } = meta;
  return { type, entity, data, ...rest, ...(subject ? { subject } : {}) };
}
