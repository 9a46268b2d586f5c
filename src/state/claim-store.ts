// Claims in the state database: compare-and-set with a lease and a fencing token.
import type { StateDb } from './db.js';

export interface ClaimRow {
  todo_id: string;
  agent: string;
  token: number;
  claimed_at: string;
  heartbeat_at: string;
  expires_at: string;
}

export class ClaimStore {
  constructor(private readonly db: StateDb) {}

  get(todoId: string): ClaimRow | undefined {
    return this.db.prepare('SELECT * FROM claims WHERE todo_id = ?').get(todoId) as ClaimRow | undefined;
  }

  /** Todos whose claim has not expired at `now` (ISO). */
  live(now: string): ClaimRow[] {
    return this.db.prepare('SELECT * FROM claims WHERE expires_at > ? ORDER BY todo_id').all(now) as ClaimRow[];
  }

  /** The next fencing token. Call inside a transaction. */
  nextToken(): number {
    return (this.db.prepare('UPDATE fencing SET last_token = last_token + 1 WHERE id = 1 RETURNING last_token').get() as { last_token: number }).last_token;
  }

  put(row: ClaimRow): void {
    this.db
      .prepare(
        `INSERT INTO claims (todo_id, agent, token, claimed_at, heartbeat_at, expires_at) VALUES (@todo_id, @agent, @token, @claimed_at, @heartbeat_at, @expires_at)
         ON CONFLICT(todo_id) DO UPDATE SET agent = excluded.agent, token = excluded.token, claimed_at = excluded.claimed_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
      )
      .run(row);
  }

  renew(todoId: string, token: number, heartbeatAt: string, expiresAt: string): boolean {
    return this.db.prepare('UPDATE claims SET heartbeat_at = ?, expires_at = ? WHERE todo_id = ? AND token = ?').run(heartbeatAt, expiresAt, todoId, token).changes === 1;
  }

  delete(todoId: string, token?: number): boolean {
    const r = token === undefined ? this.db.prepare('DELETE FROM claims WHERE todo_id = ?').run(todoId) : this.db.prepare('DELETE FROM claims WHERE todo_id = ? AND token = ?').run(todoId, token);
    return r.changes === 1;
  }
}
