// A workspace: one ecosystem.yaml, its settings and its state database, as seen by one actor on one surface.
import { execFileSync } from 'node:child_process';
import { createHash, randomBytes, randomFillSync } from 'node:crypto';
import fs from 'node:fs';
import { homedir, userInfo } from 'node:os';
import path from 'node:path';
import { ConcordError } from '../core/errors.js';
import { type Surface, SURFACES } from '../core/events.js';
import type { RunEngine } from '../core/runs/queue.js';
import { isoSeconds } from '../core/normalize.js';
import { CheckpointStore } from '../state/checkpoint-store.js';
import { openStateDb, stateWritable, type StateDb } from '../state/db.js';
import { EventStore } from '../state/event-store.js';
import { IssuedIds } from '../state/ids-store.js';
import { LeaseStore } from '../state/lease-store.js';
import { IndexStore } from '../state/index-store.js';
import { OutboxStore } from '../state/outbox-store.js';
import { openRunQueue } from '../state/run-queue.js';
import { SearchStore } from '../state/search-store.js';
import { type Environment, readEnvironment } from './environment.js';
import { fleetDatabaseUrl, resolveSettings, type Settings, type SettingFlags } from './settings.js';
import { attachSubscribers } from './subscribers.js';
import type { LoadedSnapshot, WorkspaceCore } from './workspace-core.js';

export const ECOSYSTEM_FILE = 'ecosystem.yaml';
export const STATE_DIR = '.concord';

export interface WorkspaceOptions {
  /** Path of ecosystem.yaml (else CONCORD_ECOSYSTEM, else found by walking up from `cwd`). */
  file?: string;
  cwd?: string;
  actor?: string;
  surface?: Surface;
  env?: Record<string, string | undefined>;
  flags?: SettingFlags;
  /** Clock and randomness, replaceable for deterministic tests of time-dependent behaviour. */
  now?: () => Date;
  random?: (n: number) => Uint8Array;
  /** Where problems that must not fail a change go (a subscriber that failed); default stderr. */
  warn?: (message: string) => void;
  /** A status line for long work (the first indexing of a large file); `undefined` clears it. Default: none. */
  progress?: (text: string | undefined) => void;
  /**
   * Which build of Concord runs (bin/concord.cjs gives one): answers of whole-graph queries are then kept
   * in the index per file version (app/answers.ts). Without it nothing is kept.
   */
  build?: string;
}

export type { LoadedSnapshot } from './workspace-core.js';

/** Finds ecosystem.yaml: the given path, CONCORD_ECOSYSTEM, or the nearest one walking up from cwd. */
export function locateEcosystem(options: { file?: string; cwd?: string }, env: Environment): string {
  const cwd = options.cwd ?? process.cwd();
  const explicit = options.file ?? env.ecosystem;
  if (explicit) {
    const p = path.resolve(cwd, explicit);
    if (fs.existsSync(p) && fs.statSync(p).isDirectory()) return path.join(p, ECOSYSTEM_FILE);
    return p;
  }
  for (let dir = path.resolve(cwd); ; dir = path.dirname(dir)) {
    for (const candidate of [path.join(dir, ECOSYSTEM_FILE), path.join(dir, 'settings', ECOSYSTEM_FILE)]) {
      if (fs.existsSync(candidate)) return candidate;
    }
    if (path.dirname(dir) === dir) break;
  }
  throw new ConcordError('ECOSYSTEM_NOT_FOUND', `no ${ECOSYSTEM_FILE} in ${cwd} or any folder above it`, {
    hint: 'create one with `concord init`, or point to it with --file or CONCORD_ECOSYSTEM',
  });
}

interface SharedState {
  state?: { db: StateDb; index: IndexStore; events: EventStore; issued: IssuedIds; leases: LeaseStore; search: SearchStore; outbox: OutboxStore; checkpoints: CheckpointStore };
  cache?: LoadedSnapshot;
  /** The state database in use: the preferred one, or the cache folder's when that one cannot be written. */
  stateFile?: string;
  /** The run queue: the embedded one on a connection of its own (see state/run-queue.ts), or the fleet's. */
  runs?: RunEngine;
}

/**
 * Cryptographic random bytes drawn from a pool refilled 4 KB at a time: each byte is handed out once, and a
 * write that issues 10,000 ids (an import) makes 3 calls into the system's generator instead of 10,000.
 */
function pooledRandom(): (n: number) => Uint8Array {
  const pool = Buffer.alloc(4096);
  let at = pool.length;
  return (n) => {
    if (n > pool.length) return randomBytes(n);
    if (at + n > pool.length) {
      randomFillSync(pool);
      at = 0;
    }
    const out = new Uint8Array(pool.subarray(at, at + n));
    at += n;
    return out;
  };
}

export class Workspace implements WorkspaceCore {
  readonly file: string;
  readonly dir: string;
  /** Where the state database should be (.concord/state.db, or CONCORD_STATE_DIR). */
  private readonly preferredStateFile: string;
  readonly env: Environment;
  readonly settings: Settings;
  readonly surface: Surface;
  #session: string | undefined;
  /**
   * Who this is, with the actor, for leases: one MCP session, one CLI run (or CONCORD_SESSION), one run. Drawn
   * when first asked: a read never asks, and need not load node:crypto (~10 ms of a command's start).
   */
  get session(): string {
    return (this.#session ??= this.env.session ?? randomBytes(12).toString('base64url'));
  }
  private readonly clock: () => Date;
  readonly random: (n: number) => Uint8Array;
  private actorName: string | undefined;
  readonly warn: (message: string) => void;
  readonly progress: (text: string | undefined) => void;
  readonly build: string | undefined;
  /** The database connection and snapshot cache, shared by the views `as()` makes. */
  private readonly shared: SharedState;

  constructor(options: WorkspaceOptions = {}, from?: { base: Workspace; actor: string; surface: Surface; session?: string; detached?: boolean; warn?: (message: string) => void }) {
    if (from) {
      const b = from.base;
      this.env = b.env;
      this.file = b.file;
      this.dir = b.dir;
      this.preferredStateFile = b.preferredStateFile;
      this.settings = b.settings;
      this.clock = b.clock;
      this.random = b.random;
      this.warn = from.warn ?? b.warn;
      this.progress = b.progress;
      this.build = b.build;
      // A detached view has its own connection: its transactions never nest in another view's open write.
      this.shared = from.detached ? {} : b.shared;
      this.surface = from.surface;
      this.actorName = from.actor;
      this.#session = from.session ?? b.session;
      return;
    }
    this.env = readEnvironment(options.env);
    this.file = locateEcosystem(options, this.env);
    this.dir = path.dirname(this.file);
    this.preferredStateFile = path.join(this.env.stateDir ? path.resolve(this.env.stateDir) : path.join(this.dir, STATE_DIR), 'state.db');
    this.settings = resolveSettings(this.dir, this.env, options.flags);
    // A command run by a hook says so through CONCORD_SURFACE, whatever surface it is.
    this.surface = SURFACES.find((x) => x === this.env.surface) ?? options.surface ?? 'cli';
    this.warn = options.warn ?? ((message) => process.stderr.write(`warning: ${message}\n`));
    this.progress = options.progress ?? (() => undefined);
    this.build = options.build;
    this.clock = options.now ?? (() => new Date());
    this.random = options.random ?? pooledRandom();
    // concord.yaml's actor is read when the actor is first asked for (actor()): a read never asks.
    this.actorName = options.actor ?? this.env.actor;
    this.shared = {};
  }

  /** The same workspace (one database connection, one cache) seen by another actor, surface or session. */
  as(actor: string, surface: Surface = this.surface, session?: string): Workspace {
    return new Workspace({}, { base: this, actor, surface, ...(session ? { session } : {}) });
  }

  /**
   * The same view whose warnings go to `warn`: an MCP call or an HTTP request hands the warnings of its
   * write (an issue closed with open todos under it) to its caller, not to the server's stderr.
   */
  warningsTo(warn: (message: string) => void): Workspace {
    return new Workspace({}, { base: this, actor: this.actor(), surface: this.surface, session: this.session, warn });
  }

  /**
   * The same workspace on a database connection of its own, for a service that runs beside the surfaces
   * (the scheduler in `concord serve`): the write pipeline holds its transaction across awaits, and on a
   * shared connection another caller's transaction would nest inside it.
   */
  detached(actor: string, surface: Surface): Workspace {
    return new Workspace({}, { base: this, actor, surface, detached: true });
  }

  /** The clock in ms (the scheduler's time, lease fences; tests give `now`). */
  time(): number {
    return this.clock().getTime();
  }

  /** The last snapshot loaded, reused while the file is unchanged. */
  get cache(): LoadedSnapshot | undefined {
    return this.shared.cache;
  }
  set cache(value: LoadedSnapshot | undefined) {
    this.shared.cache = value;
  }

  /** The state database in use (see `open`). */
  get stateFile(): string {
    return this.shared.stateFile ?? this.preferredStateFile;
  }

  /**
   * Opens the state database: the preferred one, or, when it cannot be written (a read-only checkout), one in
   * the user's cache folder for this ecosystem file, so reads still work. A damaged one is rebuilt (db.ts).
   */
  private openDb(): StateDb {
    if (stateWritable(this.preferredStateFile)) return openStateDb(this.preferredStateFile, this.warn);
    let real = this.file;
    try {
      real = fs.realpathSync(this.file);
    } catch {
      // Not there yet: the path as given.
    }
    const cache = path.join(this.env.cacheHome ?? path.join(homedir(), '.cache'), 'concord', createHash('sha1').update(real).digest('hex').slice(0, 16), 'state.db');
    if (!fs.existsSync(cache)) this.warn(`${this.preferredStateFile} cannot be written (a read-only checkout?): using ${cache} for the index and this user's state`);
    this.shared.stateFile = cache;
    return openStateDb(cache, this.warn);
  }

  private open() {
    if (!this.shared.state) {
      const db = this.openDb();
      this.shared.state = {
        db,
        index: new IndexStore(db),
        events: new EventStore(db),
        issued: new IssuedIds(db),
        leases: new LeaseStore(db),
        search: new SearchStore(db),
        outbox: new OutboxStore(db),
        checkpoints: new CheckpointStore(db),
      };
      attachSubscribers(this);
    }
    return this.shared.state;
  }

  get db(): StateDb {
    return this.open().db;
  }
  get index(): IndexStore {
    return this.open().index;
  }
  get events(): EventStore {
    return this.open().events;
  }
  get issued(): IssuedIds {
    return this.open().issued;
  }
  get leases(): LeaseStore {
    return this.open().leases;
  }
  get search(): SearchStore {
    return this.open().search;
  }
  get outbox(): OutboxStore {
    return this.open().outbox;
  }
  get checkpoints(): CheckpointStore {
    return this.open().checkpoints;
  }
  /** The run queue (the durable runtime database), opened on first use. */
  get runs(): RunEngine {
    if (!this.shared.runs && this.fleet) {
      throw new ConcordError('INVALID_SETTINGS', 'queue.database_url names the fleet\'s PostgreSQL, but the fleet engine was not attached to this workspace', { hint: 'open workspaces through the CLI context, or call attachFleet (src/fleet/engine.ts)' });
    }
    return (this.shared.runs ??= openRunQueue(this.stateFile, this.random));
  }
  /** Whether runs live in the fleet's PostgreSQL (a database URL is configured) rather than in state.db. */
  get fleet(): boolean {
    return Boolean(fleetDatabaseUrl(this.settings));
  }
  /** Uses this queue engine for runs (the fleet's); the views `as()` makes share it. */
  useRunQueue(q: RunEngine): void {
    void this.shared.runs?.close();
    this.shared.runs = q;
  }
  /** True once the state database was opened (by this workspace or a view of it). */
  get isOpen(): boolean {
    return this.shared.state !== undefined;
  }

  /** ISO time now (seconds precision). */
  now(): string {
    return isoSeconds(Math.floor(this.clock().getTime() / 1000) * 1000);
  }

  today(): string {
    return this.now().slice(0, 10);
  }

  get lockTimeoutMs(): number {
    return this.settings.lock_timeout_ms;
  }

  /** Who is making changes: --actor, CONCORD_ACTOR, concord.yaml, the git user, the OS user. */
  actor(): string {
    if (this.actorName) return this.actorName;
    if (this.settings.actor) return (this.actorName = this.settings.actor);
    try {
      const name = execFileSync('git', ['config', 'user.name'], { cwd: this.dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'], timeout: 2000 }).trim();
      if (name) return (this.actorName = name);
    } catch {
      // No git, or no user configured.
    }
    return (this.actorName = userInfo().username || 'unknown');
  }

  close(): void {
    void this.shared.runs?.close();
    this.shared.runs = undefined;
    this.shared.state?.db.close();
    this.shared.state = undefined;
    this.shared.cache = undefined;
  }
}
