// The history: domain events appended in the same transaction as the change they describe.
import type { AnyDomainEvent, EventType } from '../core/events.js';
import type { StateDb } from './db.js';

export interface StoredEvent {
  seq: number;
  type: EventType;
  entity: { kind: string; id: string };
  actor: string;
  surface: string;
  at: string;
  data: unknown;
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
}

export interface EventQuery {
  entity?: string;
  types?: readonly string[];
  since?: string;
  actor?: string;
  afterSeq?: number;
  limit?: number;
}

export class EventStore {
  constructor(private readonly db: StateDb) {}

  append(events: readonly AnyDomainEvent[]): number[] {
    const insert = this.db.prepare('INSERT INTO events (type, entity_kind, entity_id, actor, surface, at, data) VALUES (?, ?, ?, ?, ?, ?, ?)');
    return events.map((e) => Number(insert.run(e.type, e.entity.kind, e.entity.id, e.actor, e.surface, e.at, JSON.stringify(e.data)).lastInsertRowid));
  }

  list(q: EventQuery = {}): StoredEvent[] {
    const where: string[] = [];
    const params: unknown[] = [];
    if (q.entity) {
      where.push('entity_id = ?');
      params.push(q.entity);
    }
    if (q.types?.length) {
      where.push(`type IN (${q.types.map(() => '?').join(', ')})`);
      params.push(...q.types);
    }
    if (q.since) {
      where.push('at >= ?');
      params.push(q.since);
    }
    if (q.actor) {
      where.push('actor = ?');
      params.push(q.actor);
    }
    if (q.afterSeq !== undefined) {
      where.push('seq > ?');
      params.push(q.afterSeq);
    }
    const sql = `SELECT * FROM events ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    const rows = this.db.prepare(sql).all(...params, q.limit ?? 100) as EventRow[];
    return rows.map((r) => ({
      seq: r.seq,
      type: r.type as EventType,
      entity: { kind: r.entity_kind, id: r.entity_id },
      actor: r.actor,
      surface: r.surface,
      at: r.at,
      data: JSON.parse(r.data) as unknown,
    }));
  }
}
