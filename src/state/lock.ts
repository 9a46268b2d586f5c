// Locks: the ecosystem file's write lock (one per file, whatever the state database) and transactions on
// the state database.
//
// Both are SQLite locks (fcntl underneath), which the operating system releases when a process dies, so a
// killed writer never leaves a stale lock behind (a lock file would). Waiting is a polling loop with short
// random sleeps, fairer under contention than SQLite's own growing back-off, and bounded by a deadline.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConcordError } from '../core/errors.js';
import type { StateDb } from './db.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function isBusy(e: unknown): boolean {
  const code = (e as { code?: string }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** Calls on the same connection wait their turn here; other processes are excluded by SQLite. */
const queues = new WeakMap<Database.Database, Promise<unknown>>();

function queued<T>(db: Database.Database, run: () => Promise<T>): Promise<T> {
  const previous = queues.get(db) ?? Promise.resolve();
  const next = previous.catch(() => undefined).then(run);
  queues.set(db, next);
  return next;
}

async function begin(db: Database.Database, timeoutMs: number, what: string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  const busyTimeout = db.pragma('busy_timeout', { simple: true }) as number;
  db.pragma('busy_timeout = 0');
  try {
    for (;;) {
      try {
        db.exec('BEGIN IMMEDIATE');
        return;
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
}

/**
 * Runs `fn` inside a transaction on the state database and commits; rolls back if it throws. Throws
 * LOCK_TIMEOUT after `timeoutMs`. Keep `fn` short: heartbeats and hook deliveries wait for it.
 */
export function withStateTransaction<T>(db: StateDb, timeoutMs: number, what: string, fn: () => T | Promise<T>): Promise<T> {
  return queued(db, async () => {
    await begin(db, timeoutMs, what);
    try {
      const result = await fn();
      db.exec('COMMIT');
      return result;
    } catch (e) {
      if (db.inTransaction) db.exec('ROLLBACK');
      throw e;
    }
  });
}

/** Where the write lock of an ecosystem file lives: `.concord/<name>.lock` beside its real path. */
export function lockFileOf(file: string): string {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch {
    real = path.resolve(file);
  }
  return path.join(path.dirname(real), '.concord', `${path.basename(real)}.lock`);
}

/** One connection per lock file and process: workspaces on the same file in one process share it. */
const lockDbs = new Map<string, Database.Database>();

function lockDb(lockFile: string): Database.Database {
  let db = lockDbs.get(lockFile);
  if (!db) {
    try {
      fs.mkdirSync(path.dirname(lockFile), { recursive: true });
      db = new Database(lockFile, { timeout: 5000 });
      // The lock is the RESERVED lock that BEGIN IMMEDIATE takes, which SQLite skips on an empty file: give
      // it one table, once (creating it when it exists would itself wait for the lock).
      if (!db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'lock'").get()) db.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY)');
    } catch (e) {
      db?.close();
      throw new ConcordError('IO_ERROR', `cannot take the write lock ${lockFile}: ${(e as Error).message}; nothing was changed`, {
        hint: 'writing needs a writable folder beside ecosystem.yaml (reads work without one)',
        cause: e,
      });
    }
    lockDbs.set(lockFile, db);
  }
  return db;
}

/**
 * Runs `fn` holding the write lock of the ecosystem file `file`: every writer of that file takes it, whatever
 * its CONCORD_STATE_DIR, for the whole read, plan, re-check and rename. Nothing but YAML writes takes it.
 */
export function withFileLock<T>(file: string, timeoutMs: number, fn: () => Promise<T>): Promise<T> {
  const lockFile = lockFileOf(file);
  const db = lockDb(lockFile);
  return queued(db, async () => {
    await begin(db, timeoutMs, `the write lock of ${file}`);
    try {
      return await fn();
    } finally {
      if (db.inTransaction) db.exec('ROLLBACK');
    }
  });
}
