// PostgreSQL connections of the fleet: one pool per process, transactions, and riding out a restart.
//
// A PostgreSQL restart drops every connection: the operation that was using one fails with a
// connection error (never a domain error), so it is retried on a new connection until the server is
// back or `retryMs` passes. An idle client that dies is dropped by the pool (its 'error' is expected).
import pg from 'pg';
import { ConcordError } from '../core/errors.js';

export type Db = pg.Pool;
export type Tx = pg.PoolClient;

export function openPool(url: string, max = 10): Db {
  const pool = new pg.Pool({ connectionString: url, max, connectionTimeoutMillis: 5_000, idleTimeoutMillis: 10_000, application_name: 'concord' });
  // A dropped connection (a restart) is an error on an idle client: expected, and the next query reconnects.
  pool.on('error', () => undefined);
  pool.on('connect', (c) => c.on('error', () => undefined));
  return pool;
}

const CONNECTION_CODES = new Set(['57P01', '57P02', '57P03', '08000', '08001', '08003', '08004', '08006', 'ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTCONN']);

/** An error of the connection (the server went away or is starting), not of the statement. */
export function isConnectionError(e: unknown): boolean {
  const err = e as { code?: string; message?: string };
  if (err?.code && CONNECTION_CODES.has(err.code)) return true;
  return /Connection terminated|connection timeout|Client has encountered a connection error|not queryable|the database system is (starting up|shutting down)|timeout exceeded when trying to connect/i.test(err?.message ?? '');
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn`, again on a connection error, until `retryMs` has passed; then UNAVAILABLE-style DATABASE_UNAVAILABLE. */
export async function retrying<T>(fn: () => Promise<T>, retryMs: number): Promise<T> {
  const deadline = Date.now() + retryMs;
  for (let i = 0; ; i++) {
    try {
      return await fn();
    } catch (e) {
      if (!isConnectionError(e)) throw e;
      if (Date.now() > deadline) throw new ConcordError('DATABASE_UNAVAILABLE', `PostgreSQL is unreachable: ${(e as Error).message}`, { hint: 'check the database URL (CONCORD_DATABASE_URL, queue.database_url) and that the server is up' });
      await sleep(Math.min(1_000, 25 * 2 ** i));
    }
  }
}

/** One transaction on a client of its own; a connection error drops the client and retries the whole transaction. */
export async function transaction<T>(db: Db, retryMs: number, fn: (c: Tx) => Promise<T>): Promise<T> {
  return retrying(async () => {
    const c = await db.connect();
    let broken: Error | undefined;
    try {
      await c.query('BEGIN');
      const out = await fn(c);
      await c.query('COMMIT');
      return out;
    } catch (e) {
      if (isConnectionError(e)) broken = e as Error;
      else await c.query('ROLLBACK').catch((r: Error) => (broken = r));
      throw e;
    } finally {
      c.release(broken);
    }
  }, retryMs);
}
