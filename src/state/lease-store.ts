// Leases in the state database (durable runtime state, not the index): at most one row per todo, kept
// after it expires (the todo is then stale) until it is taken over or released.
import type { Lease } from '../core/claims.js';
import type { StateDb } from './db.js';

const COLUMNS = 'todo_id AS todo, agent, session, kind, run_id, token, fence, claimed_at, heartbeat_at, expires_at';

type Row = Omit<Lease, 'run_id'> & { run_id: string | null };
const fromRow = (r: Row | undefined): Lease | undefined => {
  if (!r) return undefined;
  const { run_id, ...rest } = r;
  return run_id === null ? rest : { ...rest, run_id };
};

export class LeaseStore {
  constructor(private readonly db: StateDb) {}

  get(todoId: string): Lease | undefined {
    return fromRow(this.db.prepare(`SELECT ${COLUMNS} FROM leases WHERE todo_id = ?`).get(todoId) as Row | undefined);
  }

  /** Every lease row, expired ones included. */
  all(): Lease[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM leases ORDER BY todo_id`).all() as Row[]).map((r) => fromRow(r)!);
  }

  /** Leases that have not expired at `now` (ISO). */
  live(now: string): Lease[] {
    return (this.db.prepare(`SELECT ${COLUMNS} FROM leases WHERE expires_at > ? ORDER BY todo_id`).all(now) as Row[]).map((r) => fromRow(r)!);
  }

  /** The next fence: max(last + 1, nowMs). Call inside a transaction. */
  nextFence(nowMs: number): number {
    return (this.db.prepare('UPDATE fencing SET last_token = max(last_token + 1, ?) WHERE id = 1 RETURNING last_token').get(nowMs) as { last_token: number }).last_token;
  }

  put(lease: Lease): void {
    this.db
      .prepare(
        `INSERT INTO leases (todo_id, agent, session, kind, run_id, token, fence, claimed_at, heartbeat_at, expires_at)
         VALUES (@todo, @agent, @session, @kind, @run_id, @token, @fence, @claimed_at, @heartbeat_at, @expires_at)
         ON CONFLICT(todo_id) DO UPDATE SET agent = excluded.agent, session = excluded.session, kind = excluded.kind, run_id = excluded.run_id,
           token = excluded.token, fence = excluded.fence, claimed_at = excluded.claimed_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
      )
      .run({ ...lease, run_id: lease.run_id ?? null });
  }

  /** Extends a live lease held with `token`; false when there is none (expired, released or taken over). */
  renew(todoId: string, token: string, now: string, expiresAt: string): boolean {
    return this.db.prepare('UPDATE leases SET heartbeat_at = ?, expires_at = ? WHERE todo_id = ? AND token = ? AND expires_at > ?').run(now, expiresAt, todoId, token, now).changes === 1;
  }

  /** Renews the lease of `token` even if it ran out (nobody replaced it): resumeLease in app/leases.ts. */
  resume(todoId: string, token: string, now: string, expiresAt: string): boolean {
    return this.db.prepare('UPDATE leases SET heartbeat_at = ?, expires_at = ? WHERE todo_id = ? AND token = ?').run(now, expiresAt, todoId, token).changes === 1;
  }

  delete(todoId: string): boolean {
    return this.db.prepare('DELETE FROM leases WHERE todo_id = ?').run(todoId).changes === 1;
  }
}
