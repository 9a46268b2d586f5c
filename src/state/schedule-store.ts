// The scheduler's durable state: fires (one row per (target, key): two servers insert an instant once),
// per-target marks and breakers, and events waiting out a quiet period.
import type { StateDb } from './db.js';

export const FIRE_STATES = ['due', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'abandoned', 'skipped', 'missed'] as const;
export type FireStatus = (typeof FIRE_STATES)[number];
export const FINISHED: readonly FireStatus[] = ['succeeded', 'failed', 'timed_out', 'cancelled', 'abandoned'];

export interface FireRow {
  id: number;
  target: string;
  key: string;
  trigger: string;
  instant: string;
  lane: string;
  status: FireStatus;
  forced: number;
  payload: string | null;
  holder: string | null;
  lease_until: string | null;
  cancel_requested: number;
  started_at: string | null;
  ended_at: string | null;
  duration_ms: number | null;
  reason: string | null;
  error: string | null;
  output: string | null;
  created_at: string;
}

export interface TargetRow {
  target: string;
  planned_upto: string;
  anchor: string;
  failures: number;
  breaker_open_at: string | null;
  updated_at: string;
}

export interface QuietRow {
  target: string;
  bucket: string;
  first_at: string;
  due_at: string;
  events: number;
  payload: string;
}

/** Finished fires kept per target (older ones are pruned when one finishes). */
const KEPT_PER_TARGET = 200;

export class ScheduleStore {
  constructor(private readonly db: StateDb) {}

  target(target: string): TargetRow | undefined {
    return this.db.prepare('SELECT * FROM schedule_targets WHERE target = ?').get(target) as TargetRow | undefined;
  }

  targets(): TargetRow[] {
    return this.db.prepare('SELECT * FROM schedule_targets ORDER BY target').all() as TargetRow[];
  }

  /**
   * The target's row, its mark and anchor set when it was never planned (the first server wins). A row
   * made by a manual run or a breaker count has them empty: the target was not planned yet.
   */
  ensureTarget(target: string, plannedUpto: string, anchor: string, now: string): TargetRow {
    this.db.prepare('INSERT OR IGNORE INTO schedule_targets (target, planned_upto, anchor, updated_at) VALUES (?, ?, ?, ?)').run(target, plannedUpto, anchor, now);
    this.db.prepare("UPDATE schedule_targets SET planned_upto = ?, anchor = ? WHERE target = ? AND planned_upto = ''").run(plannedUpto, anchor, target);
    return this.target(target)!;
  }

  /** A row for the breaker of a target that was never planned (a manual run before any server ran). */
  private touch(target: string, now: string): void {
    this.db.prepare("INSERT OR IGNORE INTO schedule_targets (target, planned_upto, anchor, updated_at) VALUES (?, '', '', ?)").run(target, now);
  }

  setPlannedUpto(target: string, upto: string, now: string): void {
    this.db.prepare('UPDATE schedule_targets SET planned_upto = MAX(planned_upto, ?), updated_at = ? WHERE target = ?').run(upto, now, target);
  }

  /** Records a run's outcome in the breaker count; returns the consecutive failures now. */
  countOutcome(target: string, failed: boolean, now: string): number {
    this.touch(target, now);
    const sql = failed ? 'failures = failures + 1' : 'failures = 0';
    return this.db.prepare(`UPDATE schedule_targets SET ${sql}, updated_at = ? WHERE target = ? RETURNING failures`).pluck().get(now, target) as number;
  }

  openBreaker(target: string, now: string): boolean {
    return this.db.prepare('UPDATE schedule_targets SET breaker_open_at = ?, updated_at = ? WHERE target = ? AND breaker_open_at IS NULL').run(now, now, target).changes === 1;
  }

  /** Closes the breaker and clears the failure count; false when it was not open. */
  resetBreaker(target: string, now: string): boolean {
    const r = this.db.prepare('UPDATE schedule_targets SET breaker_open_at = NULL, failures = 0, updated_at = ? WHERE target = ? AND (breaker_open_at IS NOT NULL OR failures > 0)').run(now, target);
    return r.changes === 1;
  }

  /** Adds a fire; undefined when this (target, key) exists already (another server, or an earlier tick). */
  insertFire(f: { target: string; key: string; trigger: string; instant: string; lane?: string; status: FireStatus; forced?: boolean; payload?: string; reason?: string }, now: string): number | undefined {
    const r = this.db
      .prepare('INSERT OR IGNORE INTO schedule_fires (target, key, trigger, instant, lane, status, forced, payload, reason, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run(f.target, f.key, f.trigger, f.instant, f.lane ?? '', f.status, f.forced ? 1 : 0, f.payload ?? null, f.reason ?? null, now);
    return r.changes === 1 ? Number(r.lastInsertRowid) : undefined;
  }

  fire(id: number): FireRow | undefined {
    return this.db.prepare('SELECT * FROM schedule_fires WHERE id = ?').get(id) as FireRow | undefined;
  }

  /** Due and running fires of a target, oldest first. */
  open(target: string): FireRow[] {
    return this.db.prepare("SELECT * FROM schedule_fires WHERE target = ? AND status IN ('due', 'running') ORDER BY instant, id").all(target) as FireRow[];
  }

  /** Targets with due fires. */
  targetsWithDue(): string[] {
    return this.db.prepare("SELECT DISTINCT target FROM schedule_fires WHERE status = 'due'").pluck().all() as string[];
  }

  /** Takes a due fire for this holder; false if another took it first. */
  claim(id: number, holder: string, now: string, leaseUntil: string): boolean {
    return this.db.prepare("UPDATE schedule_fires SET status = 'running', holder = ?, started_at = ?, lease_until = ? WHERE id = ? AND status = 'due'").run(holder, now, leaseUntil, id).changes === 1;
  }

  /** Renews a running fire's lease; returns whether cancellation was asked for, or undefined if the lease is lost. */
  heartbeat(id: number, holder: string, leaseUntil: string): { cancel: boolean } | undefined {
    const row = this.db.prepare("UPDATE schedule_fires SET lease_until = ? WHERE id = ? AND holder = ? AND status = 'running' RETURNING cancel_requested").get(leaseUntil, id, holder) as { cancel_requested: number } | undefined;
    return row ? { cancel: row.cancel_requested === 1 } : undefined;
  }

  requestCancel(ids: readonly number[]): void {
    const stmt = this.db.prepare("UPDATE schedule_fires SET cancel_requested = 1 WHERE id = ? AND status = 'running'");
    for (const id of ids) stmt.run(id);
  }

  skip(id: number, reason: string, now: string): boolean {
    return this.db.prepare("UPDATE schedule_fires SET status = 'skipped', reason = ?, ended_at = ? WHERE id = ? AND status = 'due'").run(reason, now, id).changes === 1;
  }

  /** Ends a running fire held by `holder`; false if it was not (its lease was taken as abandoned). */
  finish(id: number, holder: string, f: { status: FireStatus; ended_at: string; duration_ms: number; error?: string | undefined; output?: string | undefined }): boolean {
    const r = this.db
      .prepare("UPDATE schedule_fires SET status = ?, ended_at = ?, duration_ms = ?, error = ?, output = ?, lease_until = NULL WHERE id = ? AND holder = ? AND status = 'running'")
      .run(f.status, f.ended_at, Math.round(f.duration_ms), f.error?.slice(0, 4_000) ?? null, f.output?.slice(-4_000) ?? null, id, holder);
    return r.changes === 1;
  }

  /** Running fires whose holder stopped renewing (a server died): ended as abandoned, returned. */
  reapExpired(now: string): FireRow[] {
    return this.db.prepare("UPDATE schedule_fires SET status = 'abandoned', ended_at = ?, reason = 'lease expired: its server stopped', lease_until = NULL WHERE status = 'running' AND lease_until < ? RETURNING *").all(now, now) as FireRow[];
  }

  /** Drops finished fires beyond the newest KEPT_PER_TARGET of a target. */
  prune(target: string): void {
    this.db
      .prepare("DELETE FROM schedule_fires WHERE target = ? AND status NOT IN ('due', 'running') AND id NOT IN (SELECT id FROM schedule_fires WHERE target = ? AND status NOT IN ('due', 'running') ORDER BY id DESC LIMIT ?)")
      .run(target, target, KEPT_PER_TARGET);
  }

  history(target: string, limit: number): FireRow[] {
    return this.db.prepare('SELECT * FROM schedule_fires WHERE target = ? ORDER BY id DESC LIMIT ?').all(target, limit) as FireRow[];
  }

  lastFinished(target: string): FireRow | undefined {
    return this.db.prepare(`SELECT * FROM schedule_fires WHERE target = ? AND status IN (${FINISHED.map(() => '?').join(', ')}) ORDER BY id DESC LIMIT 1`).get(target, ...FINISHED) as FireRow | undefined;
  }

  /** An event (or webhook call) joins the quiet period of its bucket; due_at moves to `dueAt`. */
  addQuiet(target: string, bucket: string, at: string, dueAt: (firstAt: string) => string, item: unknown): void {
    const row = this.db.prepare('SELECT * FROM schedule_quiet WHERE target = ? AND bucket = ?').get(target, bucket) as QuietRow | undefined;
    const items = row ? (JSON.parse(row.payload) as unknown[]) : [];
    // Keeps the latest items only: a storm of events costs a bounded row.
    items.push(item);
    const payload = JSON.stringify(items.slice(-20));
    if (!row) this.db.prepare('INSERT INTO schedule_quiet (target, bucket, first_at, due_at, events, payload) VALUES (?, ?, ?, ?, 1, ?)').run(target, bucket, at, dueAt(at), payload);
    else this.db.prepare('UPDATE schedule_quiet SET due_at = ?, events = events + 1, payload = ? WHERE target = ? AND bucket = ?').run(dueAt(row.first_at), payload, target, bucket);
  }

  /** Quiet periods that ended: removed and returned (one server gets each). */
  takeQuietDue(now: string): QuietRow[] {
    return this.db.prepare('DELETE FROM schedule_quiet WHERE due_at <= ? RETURNING *').all(now) as QuietRow[];
  }

  nextQuietDue(): string | undefined {
    return (this.db.prepare('SELECT MIN(due_at) FROM schedule_quiet').pluck().get() as string | null) ?? undefined;
  }

  quiet(target: string): QuietRow[] {
    return this.db.prepare('SELECT * FROM schedule_quiet WHERE target = ? ORDER BY bucket').all(target) as QuietRow[];
  }

  get eventsEnqueuedUpto(): number {
    return Number((this.db.prepare("SELECT value FROM meta WHERE key = 'activities_enqueued_upto'").pluck().get() as string | undefined) ?? 0);
  }
  set eventsEnqueuedUpto(seq: number) {
    this.db.prepare("INSERT INTO meta (key, value) VALUES ('activities_enqueued_upto', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(String(seq));
  }
}
