// The state database (.concord/state.db): SQLite in WAL mode, migrated on open.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConcordError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';

export type StateDb = Database.Database;

/** Opens (creating if needed) the state database at `file` and brings its schema up to date. */
export function openStateDb(file: string): StateDb {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const db = new Database(file);
    db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    migrate(db);
    return db;
  } catch (e) {
    if (e instanceof ConcordError) throw e;
    throw new ConcordError('IO_ERROR', `cannot open the state database ${file}: ${(e as Error).message}`, {
      hint: 'it only holds derived data and history; if it is damaged, delete it and Concord rebuilds the index',
      cause: e,
    });
  }
}

/** How long opening waits for the lock to migrate (each attempt waits busy_timeout). */
const MIGRATION_WAIT_MS = 30_000;

function migrate(db: StateDb): void {
  const deadline = Date.now() + MIGRATION_WAIT_MS;
  for (;;) {
    if ((db.pragma('user_version', { simple: true }) as number) >= MIGRATIONS.length) return;
    try {
      db.exec('BEGIN IMMEDIATE');
      break;
    } catch (e) {
      // Processes that opened the file at the same time may have migrated it and now hold the write lock
      // again and again for their writes: look at the version again rather than fail to open.
      if ((e as { code?: string }).code !== 'SQLITE_BUSY' || Date.now() > deadline) throw e;
    }
  }
  try {
    const again = db.pragma('user_version', { simple: true }) as number;
    for (let v = again; v < MIGRATIONS.length; v++) db.exec(MIGRATIONS[v]!);
    db.pragma(`user_version = ${MIGRATIONS.length}`);
    db.exec('COMMIT');
  } catch (e) {
    db.exec('ROLLBACK');
    throw e;
  }
}
