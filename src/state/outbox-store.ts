// The hook outbox: one row per (hook, event), claimed with a lease by whichever process delivers it.
import type { DeliveryStatus } from '../core/hook-schemas.js';
import type { StateDb } from './db.js';

export interface DeliveryRow {
  id: number;
  hook: string;
  event_seq: number;
  event_type: string;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  created_at: string;
  updated_at: string;
  delivered_at: string | null;
  last_error: string | null;
  /** Exit code of a shell hook, HTTP status of a webhook. */
  last_status: number | null;
  last_duration_ms: number | null;
}

export interface DeliveryFilter {
  status?: readonly DeliveryStatus[];
  hook?: string;
  event_seq?: number;
  ids?: readonly number[];
  limit?: number;
}

/** Due: pending and its time has come, or claimed by a deliverer whose lease ran out (it died). */
const DUE = "((status = 'pending' AND next_attempt_at <= @now) OR (status = 'delivering' AND lease_until <= @now))";

export class OutboxStore {
  constructor(private readonly db: StateDb) {}

  get enqueuedUpto(): number {
    return Number((this.db.prepare("SELECT value FROM meta WHERE key = 'hooks_enqueued_upto'").pluck().get() as string | undefined) ?? 0);
  }
  set enqueuedUpto(seq: number) {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('hooks_enqueued_upto', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(seq));
  }

  /** Adds a delivery; false if this hook already has one for this event. */
  enqueue(hook: string, event: { seq: number; type: string }, now: string): boolean {
    const r = this.db
      .prepare("INSERT OR IGNORE INTO hook_outbox (hook, event_seq, event_type, status, next_attempt_at, created_at, updated_at) VALUES (?, ?, ?, 'pending', ?, ?, ?)")
      .run(hook, event.seq, event.type, now, now, now);
    return r.changes === 1;
  }

  due(now: string, limit: number): DeliveryRow[] {
    return this.db.prepare(`SELECT * FROM hook_outbox WHERE ${DUE} ORDER BY next_attempt_at, id LIMIT @limit`).all({ now, limit }) as DeliveryRow[];
  }

  /** Takes a due delivery for one attempt, until `leaseUntil`; false if another deliverer took it first. */
  claim(id: number, now: string, leaseUntil: string): boolean {
    return this.db.prepare(`UPDATE hook_outbox SET status = 'delivering', attempts = attempts + 1, lease_until = @lease, updated_at = @now WHERE id = @id AND ${DUE}`).run({ id, now, lease: leaseUntil }).changes === 1;
  }

  succeed(id: number, now: string, status: number | null, durationMs: number): void {
    this.db
      .prepare("UPDATE hook_outbox SET status = 'delivered', delivered_at = ?, updated_at = ?, lease_until = NULL, last_error = NULL, last_status = ?, last_duration_ms = ? WHERE id = ?")
      .run(now, now, status, Math.round(durationMs), id);
  }

  /** A failed attempt: retried at `retryAt`, or dead-lettered when there is none. */
  fail(id: number, now: string, error: string, status: number | null, durationMs: number | null, retryAt: string | undefined): void {
    this.db
      .prepare('UPDATE hook_outbox SET status = ?, next_attempt_at = ?, updated_at = ?, lease_until = NULL, last_error = ?, last_status = ?, last_duration_ms = ? WHERE id = ?')
      .run(retryAt ? 'pending' : 'dead', retryAt ?? now, now, error.slice(0, 2000), status, durationMs === null ? null : Math.round(durationMs), id);
  }

  /** Gives a claimed delivery back without spending its attempt (the deliverer is stopping). */
  release(id: number, now: string): void {
    this.db.prepare("UPDATE hook_outbox SET status = 'pending', attempts = MAX(0, attempts - 1), lease_until = NULL, updated_at = ? WHERE id = ? AND status = 'delivering'").run(now, id);
  }

  get(id: number): DeliveryRow | undefined {
    return this.db.prepare('SELECT * FROM hook_outbox WHERE id = ?').get(id) as DeliveryRow | undefined;
  }

  list(f: DeliveryFilter = {}): DeliveryRow[] {
    const { sql, params } = where(f);
    return this.db.prepare(`SELECT * FROM hook_outbox ${sql} ORDER BY id DESC LIMIT ?`).all(...params, f.limit ?? 50) as DeliveryRow[];
  }

  /** Puts matching deliveries back in the queue with fresh attempts; returns their ids. */
  replay(f: DeliveryFilter, now: string): number[] {
    const { sql, params } = where(f);
    const reset = this.db.prepare(`UPDATE hook_outbox SET status = 'pending', attempts = 0, next_attempt_at = ?, lease_until = NULL, updated_at = ? ${sql} RETURNING id`);
    return (reset.pluck().all(now, now, ...params) as number[]).sort((a, b) => a - b);
  }

  counts(): { hook: string; status: DeliveryStatus; n: number }[] {
    return this.db.prepare('SELECT hook, status, COUNT(*) AS n FROM hook_outbox GROUP BY hook, status ORDER BY hook, status').all() as { hook: string; status: DeliveryStatus; n: number }[];
  }

  /** When the next pending delivery falls due (undefined: nothing is waiting). */
  nextDueAt(): string | undefined {
    return (this.db.prepare("SELECT MIN(CASE status WHEN 'pending' THEN next_attempt_at ELSE lease_until END) FROM hook_outbox WHERE status IN ('pending', 'delivering')").pluck().get() as string | null) ?? undefined;
  }
}

function where(f: DeliveryFilter): { sql: string; params: unknown[] } {
  const w: string[] = [];
  const params: unknown[] = [];
  if (f.status?.length) {
    w.push(`status IN (${f.status.map(() => '?').join(', ')})`);
    params.push(...f.status);
  }
  if (f.hook) {
    w.push('hook = ?');
    params.push(f.hook);
  }
  if (f.event_seq !== undefined) {
    w.push('event_seq = ?');
    params.push(f.event_seq);
  }
  if (f.ids) {
    w.push(f.ids.length ? `id IN (${f.ids.map(() => '?').join(', ')})` : '0');
    params.push(...f.ids);
  }
  return { sql: w.length ? `WHERE ${w.join(' AND ')}` : '', params };
}
