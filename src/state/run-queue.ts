// The embedded run queue: the RunQueue contract on SQLite (the durable runtime database in .concord/).
//
// It has a connection of its own with busy_timeout 0, and waits for SQLite's write lock by polling
// with short sleeps: a queue operation never blocks the event loop while the same process holds a
// write elsewhere, and never joins (as a savepoint) a transaction another part of the process opened.
// Each operation is one short IMMEDIATE transaction; the write lock is what makes a claim atomic
// across processes (the per-repo and global counts are read and the run taken in one transaction).
import type { Statement } from 'better-sqlite3';
import { ConcordError } from '../core/errors.js';
import type { RunOutcome } from '../core/runs/outcome.js';
import {
  type AttemptRecord,
  type ClaimedRun,
  type ClaimRequest,
  type EnqueueRequest,
  type FinishRequest,
  type Lease,
  newLeaseToken,
  newRunId,
  nextFence,
  queueFull,
  type QueueCounts,
  type RunFilter,
  runNotFound,
  type RunQueue,
  type RunRecord,
  type StartDetails,
  staleRun,
  type Transition,
} from '../core/runs/queue.js';
import { assertRunTransition, LIVE_RUN_STATUSES, type RunStatus } from '../core/runs/states.js';
import { openStateDb, type StateDb } from './db.js';

interface Row {
  seq: number;
  id: string;
  todo_id: string;
  repo: string;
  pool: string;
  executor: string;
  status: RunStatus;
  attempt: number;
  not_before: string;
  created_at: string;
  updated_at: string;
  started_at: string | null;
  finished_at: string | null;
  requested_by: string;
  sweep_id: string | null;
  retry_of: string | null;
  worker: string | null;
  lease_token: string | null;
  fence: number | null;
  heartbeat_at: string | null;
  lease_expires_at: string | null;
  cancel_requested: number;
  resume: number;
  answer: string | null;
  feedback: string | null;
  worktree: string | null;
  branch: string | null;
  base_commit: string | null;
  session: string | null;
  agent_pid: number | null;
  worker_pid: number | null;
  host: string | null;
  log: string | null;
  outcome: string | null;
}

const LIVE = `(${LIVE_RUN_STATUSES.map((s) => `'${s}'`).join(', ')})`;
const ACTIVE = "('dispatching', 'running')";
const iso = (d: Date) => d.toISOString();
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function toRecord(r: Row): RunRecord {
  const rec: RunRecord = {
    id: r.id,
    seq: r.seq,
    todo: r.todo_id,
    repo: r.repo,
    pool: r.pool,
    executor: r.executor,
    status: r.status,
    attempt: r.attempt,
    not_before: r.not_before,
    created_at: r.created_at,
    updated_at: r.updated_at,
    requested_by: r.requested_by,
    cancel_requested: r.cancel_requested === 1,
    resume: r.resume === 1,
  };
  const optional = {
    started_at: r.started_at,
    finished_at: r.finished_at,
    sweep: r.sweep_id,
    retry_of: r.retry_of,
    worker: r.worker,
    fence: r.fence,
    heartbeat_at: r.heartbeat_at,
    lease_expires_at: r.lease_expires_at,
    answer: r.answer,
    feedback: r.feedback,
    worktree: r.worktree,
    branch: r.branch,
    base_commit: r.base_commit,
    session: r.session,
    agent_pid: r.agent_pid,
    worker_pid: r.worker_pid,
    host: r.host,
    log: r.log,
  } as const;
  for (const [k, v] of Object.entries(optional)) if (v !== null) (rec as Record<string, unknown>)[k] = v;
  if (r.outcome) rec.outcome = JSON.parse(r.outcome) as RunOutcome;
  return rec;
}

/** Opens the queue's own connection to the runtime database at `file`. */
export function openRunQueue(file: string, random: (n: number) => Uint8Array, options: { waitMs?: number } = {}): SqliteRunQueue {
  const db = openStateDb(file);
  db.pragma('busy_timeout = 0');
  return new SqliteRunQueue(db, random, options.waitMs ?? 30_000);
}

export class SqliteRunQueue implements RunQueue {
  private readonly cache = new Map<string, Statement<unknown[]>>();

  constructor(
    readonly db: StateDb,
    private readonly random: (n: number) => Uint8Array,
    private readonly waitMs = 30_000,
  ) {}

  private st(sql: string): Statement<unknown[]> {
    let s = this.cache.get(sql);
    if (!s) this.cache.set(sql, (s = this.db.prepare(sql)));
    return s;
  }

  /** Runs `fn` in one IMMEDIATE transaction, waiting for the write lock without blocking the event loop. */
  private async write<T>(fn: () => T): Promise<T> {
    const deadline = Date.now() + this.waitMs;
    for (;;) {
      try {
        this.st('BEGIN IMMEDIATE').run();
        break;
      } catch (e) {
        const code = (e as { code?: string }).code;
        if (code !== 'SQLITE_BUSY' && code !== 'SQLITE_LOCKED') throw e;
        if (Date.now() > deadline) throw new ConcordError('LOCK_TIMEOUT', `the run queue in ${this.db.name} stayed locked for more than ${this.waitMs} ms`, { hint: 'another process holds the state database; retry' });
        await sleep(1 + Math.floor(Math.random() * 4));
      }
    }
    try {
      const out = fn();
      this.st('COMMIT').run();
      return out;
    } catch (e) {
      if (this.db.inTransaction) this.st('ROLLBACK').run();
      throw e;
    }
  }

  private row(id: string): Row | undefined {
    return this.st('SELECT * FROM runs WHERE id = ?').get(id) as Row | undefined;
  }

  private must(id: string): Row {
    const r = this.row(id);
    if (!r) throw runNotFound(id);
    return r;
  }

  /** The row, if `token` is its live lease; STALE_RUN otherwise. */
  private held(id: string, token: string): Row {
    const r = this.must(id);
    if (r.lease_token !== token) throw staleRun(id, r.lease_token ? 'another worker holds it now' : `it is ${r.status}`);
    return r;
  }

  async enqueue(req: EnqueueRequest, now: Date): Promise<{ run: RunRecord; created: boolean }> {
    return this.write(() => {
      const live = this.st(`SELECT * FROM runs WHERE todo_id = ? AND status IN ${LIVE}`).get(req.todo) as Row | undefined;
      if (live) return { run: toRecord(live), created: false };
      const queued = (this.st("SELECT COUNT(*) AS n FROM runs WHERE status = 'queued'").get() as { n: number }).n;
      if (queued >= req.capacity) throw queueFull(req.capacity, queued);
      const at = iso(now);
      const id = newRunId(this.random);
      // The unique partial index is what guarantees one live run per todo; the read above only avoids
      // an exception in the common case (another process may insert between the two, and lose here).
      try {
        const row = this.st(
          `INSERT INTO runs (id, todo_id, repo, pool, executor, status, not_before, created_at, updated_at, requested_by, sweep_id, retry_of)
           VALUES (?, ?, ?, ?, ?, 'queued', ?, ?, ?, ?, ?, ?) RETURNING *`,
        ).get(id, req.todo, req.repo, req.pool, req.executor, at, at, at, req.requested_by, req.sweep ?? null, req.retry_of ?? null) as Row;
        return { run: toRecord(row), created: true };
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        const winner = this.st(`SELECT * FROM runs WHERE todo_id = ? AND status IN ${LIVE}`).get(req.todo) as Row;
        return { run: toRecord(winner), created: false };
      }
    });
  }

  async claim(req: ClaimRequest, now: Date): Promise<ClaimedRun | undefined> {
    const at = iso(now);
    return this.write(() => {
      const active = (this.st(`SELECT COUNT(*) AS n FROM runs WHERE status IN ${ACTIVE}`).get() as { n: number }).n;
      if (active >= req.max_running) return undefined;
      const order =
        req.selector === 'round_robin'
          ? `(SELECT MAX(p.started_at) FROM runs p WHERE p.repo = h.repo AND p.started_at IS NOT NULL), r.seq`
          : req.selector === 'affinity'
            ? `COALESCE((SELECT CAST(key AS INTEGER) FROM json_each(@recent) WHERE value = h.repo), 1e9), r.seq`
            : `h.n, r.seq`;
      // The head of each repo's queue (its oldest due run this worker may take: FIFO within a repo whatever
      // the selector), kept if the repo has room; the selector orders the repos. The repos with queued runs
      // are walked on the partial index of queued runs (one seek each), and each head is one more seek, so a
      // claim costs by the number of repos, not of queued runs. The filters are spelled out (a parameter per
      // pool; sweep and runs only when asked): a json_each inside the per-repo seek is rebuilt for each repo.
      const pools = req.pools.map((_, i) => `@p${i}`).join(', ') || 'NULL';
      const row = this.st(
        `WITH RECURSIVE repos(repo) AS (
           SELECT MIN(repo) FROM runs INDEXED BY runs_queued_repo WHERE status = 'queued'
           UNION ALL
           SELECT (SELECT MIN(q.repo) FROM runs q INDEXED BY runs_queued_repo WHERE q.status = 'queued' AND q.repo > repos.repo) FROM repos WHERE repos.repo IS NOT NULL
         ), load AS MATERIALIZED (
           SELECT g.repo, (SELECT COUNT(*) FROM runs a INDEXED BY runs_active_repo WHERE a.status IN ${ACTIVE} AND a.repo = g.repo) AS n
           FROM repos g WHERE g.repo IS NOT NULL
         ), heads AS (
           SELECT l.repo, l.n, (
             SELECT q.seq FROM runs q INDEXED BY runs_queued_repo
             WHERE q.status = 'queued' AND q.repo = l.repo AND q.not_before <= @now AND q.pool IN (${pools})
               ${req.sweep !== undefined ? 'AND q.sweep_id = @sweep' : ''} ${req.runs ? 'AND q.id IN (SELECT value FROM json_each(@runs))' : ''}
             ORDER BY q.seq LIMIT 1) AS seq
           FROM load l
           WHERE l.n < COALESCE((SELECT value FROM json_each(@limits) WHERE key = l.repo), @per_repo)
         )
         SELECT r.* FROM heads h JOIN runs r ON r.seq = h.seq
         ORDER BY ${order}
         LIMIT 1`,
      ).get({
        now: at,
        limits: JSON.stringify(req.repo_limits),
        per_repo: req.per_repo,
        ...Object.fromEntries(req.pools.map((p, i) => [`p${i}`, p])),
        ...(req.selector === 'affinity' ? { recent: JSON.stringify(req.recent_repos ?? []) } : {}),
        ...(req.sweep !== undefined ? { sweep: req.sweep } : {}),
        ...(req.runs ? { runs: JSON.stringify(req.runs) } : {}),
      }) as Row | undefined;
      if (!row) return undefined;
      const lease: Lease = { token: newLeaseToken(this.random), fence: nextFence(row.fence ?? undefined, now.getTime()), expires_at: iso(new Date(now.getTime() + req.lease_ms)) };
      const taken = this.st(
        `UPDATE runs SET status = 'dispatching', worker = ?, lease_token = ?, fence = ?, heartbeat_at = ?, lease_expires_at = ?, worker_pid = ?, host = ?, agent_pid = NULL, updated_at = ? WHERE id = ? AND status = 'queued' RETURNING *`,
      ).get(req.worker, lease.token, lease.fence, at, lease.expires_at, req.worker_pid ?? null, req.host ?? null, at, row.id) as Row;
      return { run: toRecord(taken), lease };
    });
  }

  async start(id: string, token: string, d: StartDetails, now: Date): Promise<RunRecord> {
    const at = iso(now);
    return this.write(() => {
      const r = this.held(id, token);
      assertRunTransition(id, r.status, 'running');
      const attempt = r.attempt + 1;
      const row = this.st(
        `UPDATE runs SET status = 'running', attempt = ?, started_at = COALESCE(started_at, ?), heartbeat_at = ?, worktree = COALESCE(?, worktree), branch = COALESCE(?, branch),
           base_commit = COALESCE(?, base_commit), agent_pid = ?, log = COALESCE(?, log), session = COALESCE(?, session), updated_at = ? WHERE id = ? RETURNING *`,
      ).get(attempt, at, at, d.worktree ?? null, d.branch ?? null, d.base_commit ?? null, d.agent_pid ?? null, d.log ?? null, d.session ?? null, at, id) as Row;
      this.st(`INSERT OR REPLACE INTO run_attempts (run_id, attempt, worker, started_at, status) VALUES (?, ?, ?, ?, 'running')`).run(id, attempt, r.worker, at);
      return toRecord(row);
    });
  }

  /** Records the agent's process group once it started (what recovery probes). */
  async setAgentPid(id: string, token: string, pid: number | undefined): Promise<void> {
    await this.write(() => {
      this.held(id, token);
      this.st('UPDATE runs SET agent_pid = ? WHERE id = ?').run(pid ?? null, id);
    });
  }

  async heartbeat(id: string, token: string, now: Date, leaseMs: number, details: Pick<StartDetails, 'session'> = {}): Promise<{ cancel_requested: boolean; lease: Lease }> {
    const at = iso(now);
    return this.write(() => {
      const r = this.held(id, token);
      if (r.status !== 'dispatching' && r.status !== 'running') throw staleRun(id, `it is ${r.status}`);
      const expires = iso(new Date(now.getTime() + leaseMs));
      this.st('UPDATE runs SET heartbeat_at = ?, lease_expires_at = ?, session = COALESCE(?, session), updated_at = ? WHERE id = ?').run(at, expires, details.session ?? null, at, id);
      return { cancel_requested: r.cancel_requested === 1, lease: { token, fence: r.fence!, expires_at: expires } };
    });
  }

  async finish(id: string, token: string, req: FinishRequest, now: Date): Promise<Transition> {
    const at = iso(now);
    return this.write(() => {
      const r = this.held(id, token);
      const to: RunStatus = req.retry && r.cancel_requested === 0 ? 'queued' : r.cancel_requested === 1 ? 'cancelled' : req.outcome.status;
      assertRunTransition(id, r.status, to);
      const outcome = JSON.stringify(to === 'cancelled' && req.outcome.status !== 'cancelled' ? { ...req.outcome, status: 'cancelled', reason: `cancelled (${req.outcome.reason})` } : req.outcome);
      const queued = to === 'queued';
      const row = this.st(
        `UPDATE runs SET status = ?, outcome = ?, worker = NULL, lease_token = NULL, lease_expires_at = NULL, agent_pid = NULL, resume = 0, answer = NULL,
           feedback = ?, not_before = ?, finished_at = ?, session = COALESCE(?, session), updated_at = ? WHERE id = ? RETURNING *`,
      ).get(to, outcome, queued ? (req.retry?.feedback ?? null) : null, queued ? iso(new Date(now.getTime() + req.retry!.delay_ms)) : r.not_before, queued ? null : at, req.outcome.session ?? null, at, id) as Row;
      this.st('UPDATE run_attempts SET finished_at = ?, status = ?, outcome = ? WHERE run_id = ? AND attempt = ?').run(at, req.outcome.status, JSON.stringify(req.outcome), id, r.attempt);
      return { run: toRecord(row), from: r.status, to };
    });
  }

  async release(id: string, token: string, now: Date): Promise<Transition> {
    const at = iso(now);
    return this.write(() => {
      const r = this.held(id, token);
      const to: RunStatus = r.cancel_requested === 1 ? 'cancelled' : 'queued';
      assertRunTransition(id, r.status, to);
      // Handed back unfinished: the attempt it started (if any) is given back too, and the next one resumes it.
      const attempt = r.status === 'running' ? r.attempt - 1 : r.attempt;
      if (r.status === 'running') this.st('DELETE FROM run_attempts WHERE run_id = ? AND attempt = ?').run(id, r.attempt);
      this.st(
        `UPDATE runs SET status = ?, attempt = ?, worker = NULL, lease_token = NULL, lease_expires_at = NULL, agent_pid = NULL, resume = CASE WHEN ? AND session IS NOT NULL THEN 1 ELSE resume END,
           finished_at = CASE WHEN ? = 'cancelled' THEN ? ELSE NULL END, updated_at = ? WHERE id = ?`,
      ).run(to, attempt, r.status === 'running' ? 1 : 0, to, at, at, id);
      return { run: toRecord(this.row(id)!), from: r.status, to };
    });
  }

  async cancel(id: string, now: Date): Promise<Transition | undefined> {
    const at = iso(now);
    return this.write(() => {
      const r = this.must(id);
      if (r.status === 'dispatching' || r.status === 'running') {
        this.st('UPDATE runs SET cancel_requested = 1, updated_at = ? WHERE id = ?').run(at, id);
        return undefined;
      }
      assertRunTransition(id, r.status, 'cancelled');
      this.st("UPDATE runs SET status = 'cancelled', finished_at = ?, updated_at = ?, resume = 0 WHERE id = ?").run(at, at, id);
      return { run: toRecord(this.row(id)!), from: r.status, to: 'cancelled' };
    });
  }

  async resume(id: string, now: Date, answer?: string): Promise<Transition> {
    const at = iso(now);
    return this.write(() => {
      const r = this.must(id);
      assertRunTransition(id, r.status, 'queued');
      try {
        this.st("UPDATE runs SET status = 'queued', resume = 1, answer = ?, not_before = ?, finished_at = NULL, cancel_requested = 0, updated_at = ? WHERE id = ?").run(answer ?? null, at, at, id);
      } catch (e) {
        if ((e as { code?: string }).code !== 'SQLITE_CONSTRAINT_UNIQUE') throw e;
        const live = this.st(`SELECT id FROM runs WHERE todo_id = ? AND status IN ${LIVE}`).get(r.todo_id) as { id: string };
        throw new ConcordError('RUN_EXISTS', `todo ${r.todo_id} already has a live run, ${live.id}; run ${id} was not resumed`, { hint: `cancel ${live.id} first, or let it finish`, data: { id, live: live.id } });
      }
      return { run: toRecord(this.row(id)!), from: r.status, to: 'queued' };
    });
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const r = this.row(id);
    return r ? toRecord(r) : undefined;
  }

  async attempts(id: string): Promise<AttemptRecord[]> {
    const rows = this.st('SELECT * FROM run_attempts WHERE run_id = ? ORDER BY attempt').all(id) as { run_id: string; attempt: number; worker: string; started_at: string; finished_at: string | null; status: RunStatus; outcome: string | null }[];
    return rows.map((a) => ({
      run: a.run_id,
      attempt: a.attempt,
      worker: a.worker,
      started_at: a.started_at,
      status: a.status,
      ...(a.finished_at ? { finished_at: a.finished_at } : {}),
      ...(a.outcome ? { outcome: JSON.parse(a.outcome) as RunOutcome } : {}),
    }));
  }

  async list(f: RunFilter = {}): Promise<RunRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status?.length) {
      where.push(`status IN (${f.status.map(() => '?').join(', ')})`);
      params.push(...f.status);
    }
    for (const [col, v] of [['todo_id', f.todo], ['repo', f.repo], ['pool', f.pool], ['sweep_id', f.sweep]] as const) {
      if (v === undefined) continue;
      where.push(`${col} = ?`);
      params.push(v);
    }
    const sql = `SELECT * FROM runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT ?`;
    return (this.db.prepare(sql).all(...params, f.limit ?? 100) as Row[]).map(toRecord);
  }

  async expired(now: Date): Promise<RunRecord[]> {
    return (this.st(`SELECT * FROM runs WHERE status IN ${ACTIVE} AND lease_expires_at <= ? ORDER BY seq`).all(iso(now)) as Row[]).map(toRecord);
  }

  async reclaim(id: string, fence: number, now: Date, d: { end: false; delay_ms: number } | { end: true; reason: string }): Promise<Transition | undefined> {
    const at = iso(now);
    return this.write(() => {
      const r = this.must(id);
      // Someone heartbeated, finished or reclaimed it since it was read as expired: leave it alone.
      if ((r.status !== 'dispatching' && r.status !== 'running') || r.fence !== fence || (r.lease_expires_at ?? '') > at) return undefined;
      const to: RunStatus = r.cancel_requested === 1 ? 'cancelled' : d.end ? 'infra_error' : 'queued';
      assertRunTransition(id, r.status, to);
      const outcome: RunOutcome | undefined =
        r.status === 'running' ? { status: 'infra_error', reason: d.end ? d.reason : 'the worker stopped heartbeating (it died); reclaimed', turns: 0, tokens: { input: 0, output: 0 } } : undefined;
      this.st(
        `UPDATE runs SET status = ?, worker = NULL, lease_token = NULL, lease_expires_at = NULL, agent_pid = NULL, outcome = COALESCE(?, outcome),
           resume = CASE WHEN ? = 'queued' AND session IS NOT NULL THEN 1 ELSE resume END,
           not_before = ?, finished_at = CASE WHEN ? = 'queued' THEN NULL ELSE ? END, updated_at = ? WHERE id = ?`,
      ).run(to, outcome ? JSON.stringify(outcome) : null, to, d.end ? r.not_before : iso(new Date(now.getTime() + d.delay_ms)), to, at, at, id);
      if (r.status === 'running' && outcome) this.st("UPDATE run_attempts SET finished_at = ?, status = 'infra_error', outcome = ? WHERE run_id = ? AND attempt = ?").run(at, JSON.stringify(outcome), id, r.attempt);
      return { run: toRecord(this.row(id)!), from: r.status, to };
    });
  }

  async counts(): Promise<QueueCounts> {
    const by = this.st('SELECT status, COUNT(*) AS n FROM runs GROUP BY status').all() as { status: RunStatus; n: number }[];
    const repos = this.st(`SELECT repo, COUNT(*) AS n FROM runs WHERE status IN ${ACTIVE} GROUP BY repo`).all() as { repo: string; n: number }[];
    const by_status = Object.fromEntries(by.map((r) => [r.status, r.n]));
    return { queued: by_status['queued'] ?? 0, active: (by_status['dispatching'] ?? 0) + (by_status['running'] ?? 0), by_status, active_by_repo: Object.fromEntries(repos.map((r) => [r.repo, r.n])) };
  }

  close(): void {
    this.db.close();
  }
}
