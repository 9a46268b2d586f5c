// A sample payload for every event type: `concord hooks test EVENT` fires these, and their keys are the
// runtime list of event types (the compiler refuses a new type in EventPayloads without a sample here).
import type { DomainEvent, EntityKind, EventPayloads, EventType } from './events.js';

const record = { id: 'TODO-SAMPLE', task: 'A sample todo', repo: 'sample-repo', status: 'pending', priority: 'high' };
const created = { record };
const updated = { changes: [{ field: 'priority', from: 'medium', to: 'high' }] };
const status = { from: 'pending', to: 'in_progress' };
const fired = { fire: 1, trigger: 'schedule', instant: '2026-01-01T03:00:00.000Z' };
const succeeded = { ...fired, duration_ms: 1200, summary: 'dependency-check: 4 satisfied' };
const failed = { ...fired, duration_ms: 800, outcome: 'failed', error: 'npm exited with code 1' };
const missed = { instant: '2026-01-01T03:00:00.000Z', policy: 'skip' };
const skipped = { ...fired, reason: 'overlap' };

export const EVENT_SAMPLES: { [T in EventType]: EventPayloads[T] } = {
  'issue:created': created,
  'issue:updated': updated,
  'issue:status_changed': { from: 'pending', to: 'resolved' },
  'issue:deleted': created,
  'plan:created': created,
  'plan:updated': updated,
  'plan:status_changed': { from: 'draft', to: 'active' },
  'plan:deleted': created,
  'milestone:created': created,
  'milestone:updated': updated,
  'milestone:status_changed': status,
  'milestone:deleted': created,
  'todo:created': created,
  'todo:updated': updated,
  'todo:status_changed': status,
  'todo:note_added': { note: { author: 'sample', at: '2026-01-01T00:00:00Z', text: 'A sample note' } },
  'todo:checkpointed': { checkpoint: 1, phase: 'implementation', progress: 0.5 },
  'todo:deleted': created,
  'todo:claimed': { agent: 'sample-agent', kind: 'claim', fence: 1767225600000, expires_at: '2026-01-01T00:15:00Z' },
  'todo:released': { agent: 'sample-agent', reason: 'released' },
  'dependency:created': created,
  'dependency:updated': updated,
  'dependency:status_changed': { from: 'unknown', to: 'satisfied' },
  'dependency:deleted': created,
  'dependency:checked': { outcome: 'satisfied', details: 'matched ^v', latency_ms: 12 },
  'run:queued': { run: 'RUN-SAMPLE0000', pool: 'default', executor: 'claude' },
  'run:started': { run: 'RUN-SAMPLE0000', attempt: 1, worker: 'host:1234', executor: 'claude', branch: 'concord/TODO-SAMPLE/RUN-SAMPLE0000' },
  'run:succeeded': { run: 'RUN-SAMPLE0000', attempt: 1, status: 'succeeded', reason: 'done: 2 file(s) changed, +10 -1', cost_usd: 0.42, cost_kind: 'reported', tokens: { input: 12000, output: 900 }, diffstat: { files: 2, insertions: 10, deletions: 1 } },
  'run:failed': { run: 'RUN-SAMPLE0000', attempt: 2, status: 'failed', reason: 'acceptance failed: `npm test` exited with code 1' },
  'run:stopped': { run: 'RUN-SAMPLE0000', attempt: 1, status: 'limit_turns', reason: 'stopped at the turn limit (30 turns)' },
  'run:cancelled': { run: 'RUN-SAMPLE0000', attempt: 1, reason: 'cancelled by sample' },
  'run:retrying': { run: 'RUN-SAMPLE0000', attempt: 1, status: 'infra_error', reason: 'the agent reported an API error: 529 overloaded', delay_ms: 2000 },
  'run:reclaimed': { run: 'RUN-SAMPLE0000', attempt: 1, worker: 'host:1234' },
  'run:resumed': { run: 'RUN-SAMPLE0000', answer: 'use SQLite' },
  'sweep:started': { sweep: 'SWEEP-SAMPL', todos: 12, waves: 4, resumed: false },
  'sweep:finished': { sweep: 'SWEEP-SAMPL', status: 'completed', succeeded: 12, failed: 0, halted: 0, left: 0, runs: 12, cost_usd: 1.5 },
  'repo:created': created,
  'repo:updated': updated,
  'repo:deleted': created,
  'role:created': created,
  'role:updated': updated,
  'role:deleted': created,
  'job:fired': fired,
  'job:succeeded': succeeded,
  'job:failed': failed,
  'job:missed': missed,
  'job:skipped': skipped,
  'job:breaker_opened': { failures: 3 },
  'job:breaker_reset': {},
  'activity:fired': { ...fired, trigger: 'event' },
  'activity:succeeded': { ...succeeded, trigger: 'event' },
  'activity:failed': { ...failed, trigger: 'event' },
  'activity:missed': missed,
  'activity:skipped': { ...skipped, trigger: 'event' },
  'activity:breaker_opened': { failures: 3 },
  'activity:breaker_reset': {},
  'workflow:started': { run: 'WF-SAMPLE', trigger: 'cli', steps: 3 },
  'workflow:succeeded': { run: 'WF-SAMPLE', duration_ms: 1200, steps: { scaffold: 'succeeded', test: 'succeeded', notify: 'skipped' } },
  'workflow:failed': { run: 'WF-SAMPLE', duration_ms: 900, status: 'failed', error: 'test: npm exited with 1', failed_step: 'test', steps: { scaffold: 'succeeded', test: 'failed' }, cleanup: ['removed README.md from ./billing'] },
};

/** Every event type, in the order of the map. */
export const EVENT_TYPES = Object.keys(EVENT_SAMPLES) as EventType[];

export function isEventType(s: string): s is EventType {
  return Object.hasOwn(EVENT_SAMPLES, s);
}

const SAMPLE_IDS: Record<EntityKind, string> = {
  todo: 'TODO-SAMPLE',
  issue: 'ISSUE-SAMPLE',
  plan: 'PLAN-SAMPLE',
  milestone: 'MILESTONE-SAMPLE',
  dependency: 'DEP-SAMPLE',
  repo: 'sample-repo',
  role: 'sample-role',
  job: 'sample-job',
  activity: 'sample-activity',
  workflow: 'sample-workflow',
};

/** Event families about another entity than their name says: a run's events are its todo's, a sweep's its plan's. */
const ENTITY_OF: Readonly<Record<string, EntityKind>> = { run: 'todo', sweep: 'plan' };

/** A whole sample event of `type`, about a high-priority item in `sample-repo`. */
export function sampleEvent<T extends EventType>(type: T, meta: { at: string; actor: string }): DomainEvent<T> {
  const family = type.split(':')[0]!;
  const kind = ENTITY_OF[family] ?? (family as EntityKind);
  return {
    type,
    entity: { kind, id: SAMPLE_IDS[kind] },
    at: meta.at,
    actor: meta.actor,
    surface: 'hook',
    data: EVENT_SAMPLES[type],
    subject: { title: `A sample ${kind}`, repos: ['sample-repo'], priority: 'high' },
  };
}
