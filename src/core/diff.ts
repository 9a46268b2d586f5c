// Field-by-field differences between two versions of a record, and the events they mean.
import { type AnyDomainEvent, type EntityKind, type FieldChange, makeEvent, type Surface } from './events.js';
import { subjectOf } from './event-subject.js';

/** Fields whose change is bookkeeping, not news. */
const QUIET_FIELDS = new Set(['updated']);

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (a === undefined || b === undefined || a === null || b === null) return false;
  if (typeof a !== 'object' || typeof b !== 'object') return false;
  return JSON.stringify(a) === JSON.stringify(b);
}

/** Changed top-level fields, excluding `skip` (nested records diffed on their own) and bookkeeping. */
export function diffRecords(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  skip: readonly string[] = [],
): FieldChange[] {
  const changes: FieldChange[] = [];
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  for (const field of keys) {
    if (QUIET_FIELDS.has(field) || skip.includes(field)) continue;
    const from = before[field];
    const to = after[field];
    if (sameValue(from, to) || (isEmpty(from) && isEmpty(to))) continue;
    changes.push({ field, ...(from !== undefined ? { from } : {}), ...(to !== undefined ? { to } : {}) });
  }
  return changes;
}

const isEmpty = (v: unknown) => v === undefined || (Array.isArray(v) && v.length === 0);

interface Meta {
  at: string;
  actor: string;
  surface: Surface;
}

type Rec = Record<string, unknown>;

/**
 * Events for one record going from `before` to `after` (either may be absent: created / deleted).
 * Plans yield milestone events for their nested milestones (also when the plan is deleted); todos yield
 * `todo:note_added` for notes. Each event carries its subject (title, repos, priority) from the record.
 */
export function eventsForChange(kind: EntityKind, before: Rec | undefined, after: Rec | undefined, baseMeta: Meta, parent?: Rec): AnyDomainEvent[] {
  const id = String((after ?? before)?.[kind === 'repo' || kind === 'role' ? 'name' : 'id'] ?? '');
  const entity = { kind, id };
  const meta = { ...baseMeta, subject: subjectOf(kind, after ?? before, parent) };
  const out: AnyDomainEvent[] = [];
  const type = <S extends string>(verb: S) => `${kind}:${verb}` as const;
  if (!before && after) {
    out.push(makeEvent(type('created') as 'todo:created', entity, { record: after }, meta));
    if (kind === 'plan') out.push(...milestoneEvents(undefined, after, baseMeta));
    return out;
  }
  if (before && !after) {
    out.push(makeEvent(type('deleted') as 'todo:deleted', entity, { record: before }, meta));
    if (kind === 'plan') out.push(...milestoneEvents(before, undefined, baseMeta));
    return out;
  }
  if (!before || !after) return out;
  // Notes are append-only: appended ones are `todo:note_added`; any other change (a hand edit that
  // rewrote or removed a note) is an ordinary field change, so the history has no holes.
  const oldNotes = (before['notes'] as Rec[] | undefined) ?? [];
  const newNotes = (after['notes'] as Rec[] | undefined) ?? [];
  const appendedNotes = kind === 'todo' && oldNotes.every((n, i) => sameValue(n, newNotes[i]));
  const skip = kind === 'plan' ? ['milestones'] : appendedNotes ? ['notes'] : [];
  const changes = diffRecords(before, after, skip);
  if (changes.length) out.push(makeEvent(type('updated') as 'todo:updated', entity, { changes }, meta));
  const status = changes.find((c) => c.field === 'status');
  if (status && kind !== 'repo' && kind !== 'role') {
    out.push(makeEvent(type('status_changed') as 'todo:status_changed', entity, { from: String(status.from ?? ''), to: String(status.to ?? '') }, meta));
  }
  if (appendedNotes) {
    for (const note of newNotes.slice(oldNotes.length)) {
      out.push(makeEvent('todo:note_added', { kind: 'todo', id }, { note: note as { text: string } }, meta));
    }
  }
  if (kind === 'plan') out.push(...milestoneEvents(before, after, baseMeta));
  return out;
}

function milestoneEvents(before: Rec | undefined, after: Rec | undefined, meta: Meta): AnyDomainEvent[] {
  const list = (r: Rec | undefined) => new Map(((r?.['milestones'] as Rec[] | undefined) ?? []).map((m) => [String(m['id']), m]));
  const old = list(before);
  const cur = list(after);
  const out: AnyDomainEvent[] = [];
  const plan = after ?? before;
  for (const [id, m] of cur) out.push(...eventsForChange('milestone', old.get(id), m, meta, plan));
  for (const [id, m] of old) if (!cur.has(id)) out.push(...eventsForChange('milestone', m, undefined, meta, plan));
  return out;
}
