// Claims in the state database: compare-and-set with a lease and a fencing token.
import type { Claim } from '../core/claims.js';
import type { StateDb } from './db.js';

const COLUMNS = 'todo_id AS todo, agent, token, claimed_at, heartbeat_at, expires_at';

export class ClaimStore {
  constructor(private readonly db: StateDb) {}

  get(todoId: string): Claim | undefined {
    return this.db.prepare(`SELECT ${COLUMNS} FROM claims WHERE todo_id = ?`).get(todoId) as Claim | undefined;
  }

  /** Todos whose claim has not expired at `now` (ISO). */
  live(now: string): Claim[] {
    return this.db.prepare(`SELECT ${COLUMNS} FROM claims WHERE expires_at > ? ORDER BY todo_id`).all(now) as Claim[];
  }

  /** The next fencing token. Call inside a transaction. */
  nextToken(): number {
    return (this.db.prepare('UPDATE fencing SET last_token = last_token + 1 WHERE id = 1 RETURNING last_token').get() as { last_token: number }).last_token;
  }

  put(claim: Claim): void {
    this.db
      .prepare(
        `INSERT INTO claims (todo_id, agent, token, claimed_at, heartbeat_at, expires_at) VALUES (@todo, @agent, @token, @claimed_at, @heartbeat_at, @expires_at)
         ON CONFLICT(todo_id) DO UPDATE SET agent = excluded.agent, token = excluded.token, claimed_at = excluded.claimed_at, heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at`,
      )
      .run(claim);
  }

  renew(todoId: string, token: number, heartbeatAt: string, expiresAt: string): boolean {
    return this.db.prepare('UPDATE claims SET heartbeat_at = ?, expires_at = ? WHERE todo_id = ? AND token = ?').run(heartbeatAt, expiresAt, todoId, token).changes === 1;
  }

  delete(todoId: string, token?: number): boolean {
    const r = token === undefined ? this.db.prepare('DELETE FROM claims WHERE todo_id = ?').run(todoId) : this.db.prepare('DELETE FROM claims WHERE todo_id = ? AND token = ?').run(todoId, token);
    return r.changes === 1;
  }
}
