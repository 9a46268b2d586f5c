// The history: domain events appended in the same transaction as the change they describe.
import type { AnyDomainEvent, EventSubject, EventType } from '../core/events.js';
import type { StateDb } from './db.js';

export interface StoredEvent {
  seq: number;
  type: EventType;
  entity: { kind: string; id: string };
  actor: string;
  surface: string;
  at: string;
  data: unknown;
  subject?: EventSubject;
}

interface EventRow {
  seq: number;
  type: string;
  entity_kind: string;
  entity_id: string;
  actor: string;
  surface: string;
  at: string;
  data: string;
  subject: string | null;
}

export interface EventQuery {
  entity?: string;
  /** Exact event types (expand patterns before). */
  types?: readonly string[];
  /** Events about this repo (from their subject). */
  repo?: string;
  since?: string;
  until?: string;
  actor?: string;
  surface?: string;
  afterSeq?: number;
  beforeSeq?: number;
  limit?: number;
  /** Oldest first (default: newest first). */
  ascending?: boolean;
}

/**
 * Called inside the transaction that appended `events`; the subscribers keep derived tables in step
 * (search, hook outbox). Errors are the subscriber's to contain: see `app/subscribers.ts`.
 */
export type EventSubscriber = (events: readonly StoredEvent[]) => void;

/** Events read back at a time by a subscriber catching up. */
const CATCH_UP_BATCH = 5_000;

function fromRow(r: EventRow): StoredEvent {
  return {
    seq: r.seq,
    type: r.type as EventType,
    entity: { kind: r.entity_kind, id: r.entity_id },
    actor: r.actor,
    surface: r.surface,
    at: r.at,
    data: JSON.parse(r.data) as unknown,
    ...(r.subject ? { subject: JSON.parse(r.subject) as EventSubject } : {}),
  };
}

export class EventStore {
  private readonly subscribers: EventSubscriber[] = [];
  /** Supplies the subject of an event appended without one (set by the workspace, which can read records). */
  describe: ((entity: { kind: string; id: string }) => EventSubject | undefined) | undefined;
  /** Events this connection appended (a CLI run delivers hooks only when it wrote something). */
  appendedHere = 0;
  /** Of those, the changes made through Concord (not edits found in the file): did this run write? */
  madeHere = 0;

  constructor(private readonly db: StateDb) {}

  subscribe(fn: EventSubscriber): void {
    this.subscribers.push(fn);
  }

  append(events: readonly AnyDomainEvent[]): number[] {
    if (!events.length) return [];
    const insert = this.db.prepare('INSERT INTO events (type, entity_kind, entity_id, actor, surface, at, data, subject) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    const stored = events.map((given): StoredEvent => {
      const subject = given.subject ?? this.describe?.(given.entity);
      const e = subject ? { ...given, subject } : given;
      const seq = Number(insert.run(e.type, e.entity.kind, e.entity.id, e.actor, e.surface, e.at, JSON.stringify(e.data), e.subject ? JSON.stringify(e.subject) : null).lastInsertRowid);
      return { seq, type: e.type, entity: { ...e.entity }, actor: e.actor, surface: e.surface, at: e.at, data: e.data, ...(e.subject ? { subject: e.subject } : {}) };
    });
    this.appendedHere += stored.length;
    this.madeHere += stored.filter((e) => e.surface !== 'file').length;
    for (const fn of this.subscribers) fn(stored);
    return stored.map((e) => e.seq);
  }

  list(q: EventQuery = {}): StoredEvent[] {
    const where: string[] = [];
    const params: unknown[] = [];
    const add = (sql: string, ...values: unknown[]) => {
      where.push(sql);
      params.push(...values);
    };
    if (q.entity) add('entity_id = ?', q.entity);
    if (q.types) add(q.types.length ? `type IN (${q.types.map(() => '?').join(', ')})` : '0', ...q.types);
    if (q.repo) add("EXISTS (SELECT 1 FROM json_each(events.subject, '$.repos') WHERE value = ?)", q.repo);
    if (q.since) add('at >= ?', q.since);
    if (q.until) add('at < ?', q.until);
    if (q.actor) add('actor = ?', q.actor);
    if (q.surface) add('surface = ?', q.surface);
    if (q.afterSeq !== undefined) add('seq > ?', q.afterSeq);
    if (q.beforeSeq !== undefined) add('seq < ?', q.beforeSeq);
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq ${q.ascending ? 'ASC' : 'DESC'} LIMIT ?`;
    return (this.db.prepare(sql).all(...params, q.limit ?? 100) as EventRow[]).map(fromRow);
  }

  /**
   * The events after a subscriber's high-water mark `upto`, oldest first, in batches. `appended` (the events
   * the subscriber was just handed) is used as it is when it follows on from the mark; when the mark is
   * behind it (an earlier update failed), the history is read from the mark instead.
   */
  *after(upto: number, appended: readonly StoredEvent[] = []): Generator<readonly StoredEvent[]> {
    const fresh = appended.filter((e) => e.seq > upto);
    if (appended.length && (!fresh.length || fresh[0]!.seq === upto + 1)) {
      if (fresh.length) yield fresh;
      return;
    }
    for (let seq = upto; ; ) {
      const batch = this.list({ afterSeq: seq, ascending: true, limit: CATCH_UP_BATCH });
      if (batch.length) yield batch;
      if (batch.length < CATCH_UP_BATCH) return;
      seq = batch[batch.length - 1]!.seq;
    }
  }

  get(seq: number): StoredEvent | undefined {
    const row = this.db.prepare('SELECT * FROM events WHERE seq = ?').get(seq) as EventRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** The newest sequence number (0 when the history is empty). */
  lastSeq(): number {
    return (this.db.prepare('SELECT COALESCE(MAX(seq), 0) AS seq FROM events').get() as { seq: number }).seq;
  }

  /** Status changes and creations of one kind of entity, oldest first: what trends are computed from. */
  lifecycle(kind: string): { entity_id: string; type: string; at: string; data: unknown }[] {
    const rows = this.db
      .prepare(`SELECT entity_id, type, at, data FROM events WHERE entity_kind = ? AND type IN (?, ?, ?) ORDER BY seq`)
      .all(kind, `${kind}:created`, `${kind}:status_changed`, `${kind}:deleted`) as { entity_id: string; type: string; at: string; data: string }[];
    return rows.map((r) => ({ entity_id: r.entity_id, type: r.type, at: r.at, data: r.type.endsWith(':status_changed') ? (JSON.parse(r.data) as unknown) : undefined }));
  }
}
