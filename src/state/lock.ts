// The ecosystem write lock: an IMMEDIATE transaction on the state database.
//
// SQLite's lock is released by the operating system when a process dies, so a killed writer never
// leaves a stale lock behind (a lock file would). Waiting is a polling loop with short random sleeps,
// fairer under contention than SQLite's own growing back-off, and bounded by a deadline.
import { ConcordError } from '../core/errors.js';
import type { StateDb } from './db.js';

const queues = new WeakMap<StateDb, Promise<unknown>>();

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/**
 * Runs `fn` inside the write lock and commits; rolls back if it throws. Calls on the same connection
 * wait their turn; other processes are excluded by SQLite. Throws LOCK_TIMEOUT after `timeoutMs`.
 */
export function withWriteLock<T>(db: StateDb, timeoutMs: number, what: string, fn: () => T | Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const run = previous.catch(() => undefined).then(() => locked(db, timeoutMs, what, fn));
  queues.set(db, run);
  return run;
}

async function locked<T>(db: StateDb, timeoutMs: number, what: string, fn: () => T | Promise<T>): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE');
        break;
      } catch (e) {
        if (!isBusy(e)) throw e;
        if (Date.now() >= deadline) {
          throw new ConcordError('LOCK_TIMEOUT', `another writer held ${what} for more than ${timeoutMs} ms; nothing was changed`, {
            hint: 'retry, or raise the wait with CONCORD_LOCK_TIMEOUT_MS (or lock_timeout_ms in concord.yaml)',
            data: { timeout_ms: timeoutMs },
          });
        }
        await sleep(1 + Math.floor(Math.random() * 8));
      }
    }
  } finally {
    db.pragma(`busy_timeout = ${busyTimeout}`);
  }
  try {
    const result = await fn();
    db.exec('COMMIT');
    return result;
  } catch (e) {
    if (db.inTransaction) db.exec('ROLLBACK');
    throw e;
  }
}
