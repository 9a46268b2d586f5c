// The state database (.concord/state.db): SQLite in WAL mode, migrated on open; a damaged one is set
// aside and rebuilt, loudly, since part of what it holds cannot be rebuilt from ecosystem.yaml.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { ConcordError } from '../core/errors.js';
import { MIGRATIONS } from './migrations.js';

export type StateDb = Database.Database;

/**
 * What a state database holds that ecosystem.yaml cannot give back: lost when it is deleted or rebuilt.
 * (The index and the search documents are rebuilt from the file; issued ids only guard against reuse.)
 */
export const DURABLE_STATE =
  'claims and leases (todos in progress become stale; their old tokens are refused), checkpoints, hook deliveries not yet made, the history and the dependency-check history';

/** Beside state.db: says a database was created here, so a later missing one was deleted, not never made. */
const markerOf = (file: string) => `${file}.created`;

/**
 * Opens (creating if needed) the state database at `file` and brings its schema up to date. A database
 * that is damaged (empty, not SQLite, a corrupt header) is moved aside and a new one created; `warn` says so,
 * and what was lost with it. Check `stateWritable` first: a read-only one cannot be opened.
 */
export function openStateDb(file: string, warn: (message: string) => void = () => undefined): StateDb {
  return openedAsItIs(file) ?? underRebuildLock(file, () => openLocked(file, warn));
}

/**
 * The usual case, without the rebuild lock: a database that is there, readable and migrated. A missing, damaged
 * or older one takes the lock (only then can two processes get in each other's way), as does one that opens
 * as a new empty database (an empty file).
 */
function openedAsItIs(file: string): StateDb | undefined {
  let db: StateDb | undefined;
  try {
    db = new Database(file, { fileMustExist: true });
    if ((db.pragma('user_version', { simple: true }) as number) < MIGRATIONS.length) throw new Error('to migrate');
    configure(db);
  } catch {
    db?.close();
    return undefined;
  }
  markCreated(file);
  return db;
}

function markCreated(file: string): void {
  if (!fs.existsSync(markerOf(file))) fs.writeFileSync(markerOf(file), `${new Date().toISOString()}\n`);
}

/** The settings of every connection (journal_mode is the file's own, and a no-op once it is WAL). */
function configure(db: StateDb): void {
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  // SQLite's own default page cache (2 MB): better-sqlite3 builds it with 16 MB a connection, which a first
  // index or a first search filled (~12 MiB more resident memory at 10,000 todos) for no time saved: the
  // pages are in the OS's file cache anyway.
  db.pragma('cache_size = -2000');
}

function openLocked(file: string, warn: (message: string) => void): StateDb {
  const existed = fs.existsSync(file);
  if (!existed && fs.existsSync(markerOf(file))) {
    warn(`${file} was deleted: a new one is built from ecosystem.yaml, but it cannot bring back ${DURABLE_STATE}`);
  }
  let damage = existed && fs.statSync(file).size === 0 ? 'it is empty (0 bytes)' : undefined;
  if (!damage) {
    try {
      return opened(file);
    } catch (e) {
      damage = damageOf(e);
      if (!damage) {
        if (e instanceof ConcordError) throw e;
        throw new ConcordError('IO_ERROR', `cannot open the state database ${file}: ${(e as Error).message}`, { cause: e });
      }
    }
  }
  const aside = setAside(file);
  warn(`${file} was damaged (${damage}); it was moved to ${aside} and a new one is built from ecosystem.yaml. Lost with it: ${DURABLE_STATE}`);
  return opened(file);
}

function opened(file: string): StateDb {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    configure(db);
    migrate(db);
  } catch (e) {
    db.close();
    throw e;
  }
  markCreated(file);
  return db;
}

/** Whether `e` says the file is not a usable SQLite database (rather than busy or unreachable). */
function damageOf(e: unknown): string | undefined {
  const code = (e as { code?: string }).code ?? '';
  if (code === 'SQLITE_NOTADB') return 'it is not an SQLite database';
  if (code.startsWith('SQLITE_CORRUPT')) return `it is corrupt: ${(e as Error).message}`;
  return undefined;
}

/** Moves a damaged database (and its WAL files) aside, keeping it for inspection. */
function setAside(file: string): string {
  const aside = `${file}.damaged-${new Date().toISOString().replace(/[:.]/g, '-')}`;
  fs.renameSync(file, aside);
  for (const suffix of ['-wal', '-shm']) if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, aside + suffix);
  return aside;
}

/** Whether the state database at `file` (and its folder, for the WAL files) can be written. */
export function stateWritable(file: string): boolean {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.accessSync(path.dirname(file), fs.constants.W_OK);
    for (const f of [file, `${file}-wal`, `${file}-shm`]) if (fs.existsSync(f)) fs.accessSync(f, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Opening (and so any rebuild) is serialised between processes by a lock beside the database, so that two
 * processes finding it damaged set it aside once, not each other's new one. Held only while opening.
 */
function underRebuildLock<T>(file: string, fn: () => T): T {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const lock = new Database(`${file}.open-lock`, { timeout: MIGRATION_WAIT_MS });
  try {
    if (!lock.prepare("SELECT 1 FROM sqlite_master WHERE name = 'lock'").get()) lock.exec('CREATE TABLE IF NOT EXISTS lock (id INTEGER PRIMARY KEY)');
    lock.exec('BEGIN IMMEDIATE');
    return fn();
  } finally {
    if (lock.inTransaction) lock.exec('ROLLBACK');
    lock.close();
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
