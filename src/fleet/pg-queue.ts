// The fleet's run queue: the RunQueue contract on PostgreSQL (schema `concord`, src/fleet/schema.ts).
//
// The same decisions as the embedded queue (src/state/run-queue.ts): the one transition table, the
// unique partial index for one live run per todo, fences that never go backwards, tokens on every
// write. Enqueue and claim read counts (capacity, per repo, the global cap) and act on them, so they
// take transaction-scoped advisory locks: an enqueue is one statement (concord.enqueue_run, schema.ts)
// under one lock, serial across every process; a claim is one statement (concord.claim_run) under its
// repo's lock and a slot of the fleet's cap, so claims in different repos go on in parallel. Start and
// finish are one statement each too, and a finish can claim its repo's next run in the same statement
// (concord.finish_run: the next run takes the finished one's place, so it needs no count and no lock).
// Every change but a claim is appended to `concord.transitions` in the same statement: the coordinator
// applies them to ecosystem.yaml and the history, in order.
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
import { assertRunTransition, type RunStatus } from '../core/runs/states.js';
import { type Db, transaction, retrying, type Tx } from './pg.js';
import { migrate } from './schema.js';

export type Row = Record<string, unknown> & { id: string; status: RunStatus; attempt: number; lease_token: string | null; fence: string | null; cancel_requested: boolean; lease_expires_at: string | null; not_before: string; todo_id: string; worker: string | null; session: string | null };

const names = new Map<string, string>();
/** A named (prepared) statement per SQL text: parsed and planned once per connection, not on every call. */
function prepared(c: Tx | Db, text: string, values: unknown[] = []) {
  let name = names.get(text);
  if (!name) names.set(text, (name = `concord_${names.size}`));
  return c.query({ name, text, values });
}

const LIVE = "('queued', 'dispatching', 'running')";
/** Every column of a run but its context (the prompt and settings a worker reads once, with its claim). */
const RUN_COLUMNS = 'seq, id, todo_id, repo, pool, executor, status, attempt, not_before, created_at, updated_at, started_at, finished_at, requested_by, sweep_id, retry_of, worker, lease_token, fence, heartbeat_at, lease_expires_at, cancel_requested, resume, answer, feedback, worktree, branch, base_commit, session, agent_pid, worker_pid, host, log, outcome';
const ACTIVE = "('dispatching', 'running')";
const iso = (d: Date) => d.toISOString();

const OPTIONAL: readonly [keyof RunRecord, string][] = [
  ['started_at', 'started_at'], ['finished_at', 'finished_at'], ['sweep', 'sweep_id'], ['retry_of', 'retry_of'], ['worker', 'worker'],
  ['heartbeat_at', 'heartbeat_at'], ['lease_expires_at', 'lease_expires_at'], ['answer', 'answer'], ['feedback', 'feedback'], ['worktree', 'worktree'],
  ['branch', 'branch'], ['base_commit', 'base_commit'], ['session', 'session'], ['agent_pid', 'agent_pid'], ['worker_pid', 'worker_pid'], ['host', 'host'], ['log', 'log'],
];

export function toRecord(r: Row): RunRecord {
  const rec: RunRecord = {
    id: r.id,
    seq: Number(r['seq']),
    todo: r.todo_id,
    repo: r['repo'] as string,
    pool: r['pool'] as string,
    executor: r['executor'] as string,
    status: r.status,
    attempt: r.attempt,
    not_before: r.not_before,
    created_at: r['created_at'] as string,
    updated_at: r['updated_at'] as string,
    requested_by: r['requested_by'] as string,
    cancel_requested: r.cancel_requested,
    resume: r['resume'] as boolean,
  };
  for (const [k, col] of OPTIONAL) if (r[col] !== null && r[col] !== undefined) (rec as Record<string, unknown>)[k] = r[col];
  if (r.fence !== null) rec.fence = Number(r.fence);
  if (r['outcome']) rec.outcome = r['outcome'] as RunOutcome;
  return rec;
}

/** A claim on the fleet: with the context the coordinator wrote for the run (jobs.ts, RunJobContext), so the worker need not read it. */
export interface FleetClaim extends ClaimedRun {
  context?: unknown;
}

/** The repo's next run a job goes on to: its named queue (`slot` of `slots`), the executors it may run, the worker's claim. */
export interface NextClaim {
  request: Omit<ClaimRequest, 'pools' | 'runs'>;
  repo: string;
  slots: number;
  slot: number;
  executors?: readonly string[];
}

/** A run's end, and what the job claimed with it. */
export type Chained = Transition & { looked?: boolean; next?: FleetClaim };

export interface PgRunQueueOptions {
  /** How long an operation keeps retrying while PostgreSQL is unreachable (a restart). */
  retryMs?: number;
}

export class PgRunQueue implements RunQueue {
  readonly retryMs: number;

  constructor(
    readonly db: Db,
    private readonly random: (n: number) => Uint8Array,
    o: PgRunQueueOptions = {},
  ) {
    this.retryMs = o.retryMs ?? 60_000;
  }

  /** One transaction, retried whole on a lost connection (fleet code adds its own statements to the queue's). */
  async transaction<T>(fn: (c: Tx) => Promise<T>): Promise<T> {
    await migrate(this.db, this.retryMs);
    return transaction(this.db, this.retryMs, fn);
  }

  private tx<T>(fn: (c: Tx) => Promise<T>): Promise<T> {
    return this.transaction(fn);
  }

  async query<R extends object = Row>(sql: string, params: unknown[] = []): Promise<R[]> {
    await migrate(this.db, this.retryMs);
    return retrying(async () => (await prepared(this.db, sql, params)).rows as R[], this.retryMs);
  }

  private async row(c: Tx, id: string, lock = true): Promise<Row | undefined> {
    return (await prepared(c, `SELECT * FROM concord.runs WHERE id = $1${lock ? ' FOR UPDATE' : ''}`, [id])).rows[0] as Row | undefined;
  }

  private async must(c: Tx, id: string): Promise<Row> {
    const r = await this.row(c, id);
    if (!r) throw runNotFound(id);
    return r;
  }

  private async held(c: Tx, id: string, token: string): Promise<Row> {
    const r = await this.must(c, id);
    if (r.lease_token !== token) throw staleRun(id, r.lease_token ? 'another worker holds it now' : `it is ${r.status}`);
    return r;
  }

  /** Updates the run, appends the transition, returns it. */
  private async move(c: Tx, id: string, set: string, params: unknown[], t: { op: string; from: RunStatus | undefined; to: RunStatus; at: string; delay_ms?: number }): Promise<Transition> {
    // One round trip: the update and its transition (the row as stored; toRecord reads it back).
    const n = params.length + 1;
    const sql = `WITH u AS (UPDATE concord.runs SET ${set} WHERE id = $1 RETURNING *),
      t AS (INSERT INTO concord.transitions (run_id, op, from_status, to_status, at, delay_ms, run)
            SELECT u.id, $${n + 1}::text, $${n + 2}::text, $${n + 3}::text, $${n + 4}::text, $${n + 5}::int, to_jsonb(u) - 'context' FROM u)
      SELECT ${RUN_COLUMNS} FROM u`;
    const run = toRecord((await prepared(c, sql, [id, ...params, t.op, t.from ?? null, t.to, t.at, t.delay_ms ?? null])).rows[0] as Row);
    return { run, from: t.from, to: t.to };
  }

  async enqueue(req: EnqueueRequest, now: Date): Promise<{ run: RunRecord; created: boolean }> {
    // One statement (concord.enqueue_run, schema.ts): the todo's live run, or QUEUE_FULL, or the new run.
    const [r] = await this.query<{ state: 'created' | 'live' | 'full'; queued: string | null; run_row: Row | null }>('SELECT * FROM concord.enqueue_run($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)', [
      newRunId(this.random),
      req.todo,
      req.repo,
      req.pool,
      req.executor,
      iso(now),
      req.requested_by,
      req.sweep ?? null,
      req.retry_of ?? null,
      req.capacity,
    ]);
    if (r!.state === 'full') throw queueFull(req.capacity, Number(r!.queued));
    return { run: toRecord(r!.run_row!), created: r!.state === 'created' };
  }

  claim(req: ClaimRequest, now: Date): Promise<FleetClaim | undefined> {
    return this.claimWith(req, now, null);
  }

  /**
   * The fleet's job going on in its repo (jobs.ts, takeRuns): the repo's next prepared, due run dealt to the
   * named queue `slot` of `slots` (of these executors), claimed, and its own job removed, in one statement.
   */
  claimNext(req: Omit<ClaimRequest, 'pools' | 'runs'>, now: Date, next: Omit<NextClaim, 'request'>): Promise<FleetClaim | undefined> {
    return this.claimWith({ ...req, pools: [] }, now, next);
  }

  private async claimWith(req: ClaimRequest, now: Date, next: Omit<NextClaim, 'request'> | null): Promise<FleetClaim | undefined> {
    const at = iso(now);
    const order =
      req.selector === 'round_robin'
        ? '(SELECT MAX(p.started_at) FROM concord.runs p WHERE p.repo = h.repo AND p.started_at IS NOT NULL) ASC NULLS FIRST, r.seq'
        : req.selector === 'affinity'
          ? 'COALESCE(array_position($6::text[], h.repo), 1000000000), r.seq'
          : 'COALESCE(a.n, 0), r.seq';
    const token = newLeaseToken(this.random);
    const expires = iso(new Date(now.getTime() + req.lease_ms));
    // One statement (schema.ts, concord.claim_run): the head of each repo's queue (its oldest due run this
    // worker may take), kept if the repo and the fleet have room, taken under the claim lock.
    const claim = (near: boolean) =>
      this.query(
        'SELECT * FROM concord.claim_run($1, $2, $3::text[], $4, $5::text[], $6::jsonb, $7::text[], $8, $9, $10, $11, $12, $13, $14, $15, $16, $17::jsonb)',
        [order, at, req.pools, req.sweep ?? null, req.runs ?? null, JSON.stringify(req.repo_limits), req.recent_repos ?? [], req.per_repo, req.max_running, req.worker, token, now.getTime(), expires, req.worker_pid ?? null, req.host ?? null, near, next && JSON.stringify(next)],
      );
    const [row] = await claim(false).catch((e: { code?: string }) => {
      if (e.code === 'CNEAR') return claim(true);
      throw e;
    });
    return row && this.claimed(row, { token, expires_at: expires });
  }

  /** Why a statement guarded by the lease's token changed nothing: not found, not held, or not allowed. */
  private async refused(id: string, token: string, to: (r: Row) => RunStatus): Promise<never> {
    const [r] = await this.query('SELECT * FROM concord.runs WHERE id = $1', [id]);
    if (!r) throw runNotFound(id);
    if (r.lease_token !== token) throw staleRun(id, r.lease_token ? 'another worker holds it now' : `it is ${r.status}`);
    assertRunTransition(id, r.status, to(r));
    throw staleRun(id, 'it changed meanwhile');
  }

  async start(id: string, token: string, d: StartDetails, now: Date): Promise<RunRecord> {
    const at = iso(now);
    // One statement: the run (if this token holds it, dispatching), its attempt and its transition.
    const [row] = await this.query(
      `WITH u AS (
         UPDATE concord.runs SET status = 'running', attempt = attempt + 1, started_at = COALESCE(started_at, $3), heartbeat_at = $3, worktree = COALESCE($4, worktree),
           branch = COALESCE($5, branch), base_commit = COALESCE($6, base_commit), agent_pid = $7, log = COALESCE($8, log), session = COALESCE($9, session), updated_at = $3
         WHERE id = $1 AND lease_token = $2 AND status = 'dispatching' RETURNING *
       ), a AS (
         INSERT INTO concord.run_attempts (run_id, attempt, worker, started_at, status) SELECT id, attempt, worker, $3, 'running' FROM u
         ON CONFLICT (run_id, attempt) DO UPDATE SET worker = EXCLUDED.worker, started_at = EXCLUDED.started_at, status = 'running', finished_at = NULL, outcome = NULL
       ), t AS (INSERT INTO concord.transitions (run_id, op, from_status, to_status, at, run) SELECT id, 'start', 'dispatching', 'running', $3, to_jsonb(u) - 'context' FROM u)
       SELECT ${RUN_COLUMNS} FROM u`,
      [id, token, at, d.worktree ?? null, d.branch ?? null, d.base_commit ?? null, d.agent_pid ?? null, d.log ?? null, d.session ?? null],
    );
    if (!row) return this.refused(id, token, () => 'running');
    return toRecord(row);
  }

  /** Records the agent's process group once it started. */
  async setAgentPid(id: string, token: string, pid: number | undefined): Promise<void> {
    const [set] = await this.query('UPDATE concord.runs SET agent_pid = $3 WHERE id = $1 AND lease_token = $2 RETURNING id', [id, token, pid ?? null]);
    if (!set) await this.notHeld(id);
  }

  /** Appends a piece of an attempt's log (written on the worker's host) at byte `at`. */
  async appendLog(id: string, attempt: number, at: number, chunk: Buffer): Promise<void> {
    await this.query('INSERT INTO concord.run_logs (run_id, attempt, at_byte, chunk) VALUES ($1, $2, $3, $4) ON CONFLICT DO NOTHING', [id, attempt, at, chunk]);
  }

  async logSize(id: string, attempt: number): Promise<number | undefined> {
    const [end] = await this.query<{ size: string | null }>('SELECT MAX(at_byte + length(chunk)) AS size FROM concord.run_logs WHERE run_id = $1 AND attempt = $2', [id, attempt]);
    return end?.size === null || end?.size === undefined ? undefined : Number(end.size);
  }

  async logBytes(id: string, attempt: number, from: number, to: number): Promise<Buffer> {
    const pieces = await this.query<{ at_byte: string; chunk: Buffer }>('SELECT at_byte, chunk FROM concord.run_logs WHERE run_id = $1 AND attempt = $2 AND at_byte < $4 AND at_byte + length(chunk) > $3 ORDER BY at_byte', [id, attempt, from, to]);
    const end = pieces.reduce((m, p) => Math.max(m, Number(p.at_byte) + p.chunk.length), from);
    const buf = Buffer.alloc(Math.max(0, Math.min(to, end) - from));
    for (const p of pieces) p.chunk.copy(buf, Math.max(0, Number(p.at_byte) - from), Math.max(0, from - Number(p.at_byte)), Math.min(p.chunk.length, to - Number(p.at_byte)));
    return buf;
  }

  async heartbeat(id: string, token: string, now: Date, leaseMs: number, details: Pick<StartDetails, 'session'> = {}): Promise<{ cancel_requested: boolean; lease: Lease }> {
    const at = iso(now);
    const expires = iso(new Date(now.getTime() + leaseMs));
    // The common case in one statement; only a refused heartbeat reads the row to say why.
    const [hb] = await this.query<{ cancel_requested: boolean; fence: string }>(
      `UPDATE concord.runs SET heartbeat_at = $3, lease_expires_at = $4, session = COALESCE($5, session), updated_at = $3
       WHERE id = $1 AND lease_token = $2 AND status IN ${ACTIVE} RETURNING cancel_requested, fence`,
      [id, token, at, expires, details.session ?? null],
    );
    if (hb) return { cancel_requested: hb.cancel_requested, lease: { token, fence: Number(hb.fence), expires_at: expires } };
    return this.notHeld(id);
  }

  /** Why a statement guarded by a lease's token found no run it holds: gone, held by another worker, or ended. */
  private async notHeld(id: string): Promise<never> {
    const r = await this.get(id);
    if (!r) throw runNotFound(id);
    throw staleRun(id, r.status === 'dispatching' || r.status === 'running' ? 'another worker holds it now' : `it is ${r.status}`);
  }

  /**
   * The attempt ended. With `next` (the job that holds the run's repo queue going on, jobs.ts takeRuns), the
   * repo's next prepared run of that queue is claimed in the same statement (concord.finish_run, schema.ts):
   * `next` on the answer is that claim, or undefined when there was none (`looked` says whether it was asked).
   */
  async finish(id: string, token: string, req: FinishRequest, now: Date, next?: NextClaim): Promise<Chained> {
    const at = iso(now);
    const retry = req.retry;
    const lease = next && { token: newLeaseToken(this.random), expires_at: iso(new Date(now.getTime() + next.request.lease_ms)) };
    const rows = await this.query<{ prior: RunStatus; run_row: Row }>('SELECT * FROM concord.finish_run($1, $2, $3, $4, $5::jsonb, $6, $7, $8, $9, $10, $11::jsonb)', [
      id,
      token,
      Boolean(retry),
      req.outcome.status,
      JSON.stringify(req.outcome),
      retry?.feedback ?? null,
      retry ? iso(new Date(now.getTime() + retry.delay_ms)) : null,
      at,
      req.outcome.session ?? null,
      retry?.delay_ms ?? null,
      next && lease
        ? JSON.stringify({ repo: next.repo, slots: next.slots, slot: next.slot, ...(next.executors ? { executors: next.executors } : {}), worker: next.request.worker, token: lease.token, now_ms: now.getTime(), expires: lease.expires_at, worker_pid: next.request.worker_pid ?? null, host: next.request.host ?? null })
        : null,
    ]);
    const [ended, claimed] = rows;
    if (!ended) return this.refused(id, token, (r) => (retry && !r.cancel_requested ? 'queued' : r.cancel_requested ? 'cancelled' : req.outcome.status));
    const run = toRecord(ended.run_row);
    return { run, from: ended.prior, to: run.status, looked: Boolean(next), ...(claimed && lease ? { next: this.claimed(claimed.run_row, lease) } : {}) };
  }

  /** A claimed row as the claim's answer: the run, its lease, and the context the coordinator wrote for it. */
  private claimed(row: Row, lease: { token: string; expires_at: string }): FleetClaim {
    const run = toRecord(row);
    return { run, lease: { token: lease.token, fence: run.fence!, expires_at: lease.expires_at }, ...(row['context'] ? { context: row['context'] } : {}) };
  }

  async release(id: string, token: string, now: Date): Promise<Transition> {
    const at = iso(now);
    return this.tx(async (c) => {
      const r = await this.held(c, id, token);
      const to: RunStatus = r.cancel_requested ? 'cancelled' : 'queued';
      assertRunTransition(id, r.status, to);
      const running = r.status === 'running';
      if (running) await prepared(c, 'WITH l AS (DELETE FROM concord.run_logs WHERE run_id = $1 AND attempt = $2) DELETE FROM concord.run_attempts WHERE run_id = $1 AND attempt = $2', [id, r.attempt]);
      return this.move(
        c,
        id,
        `status = $2, attempt = $3, worker = NULL, lease_token = NULL, lease_expires_at = NULL, agent_pid = NULL, resume = CASE WHEN $4 AND session IS NOT NULL THEN true ELSE resume END,
         finished_at = CASE WHEN $2 = 'cancelled' THEN $5 ELSE NULL END, updated_at = $5, context = CASE WHEN $2 = 'queued' THEN NULL ELSE context END`,
        [to, running ? r.attempt - 1 : r.attempt, running, at],
        { op: 'release', from: r.status, to, at },
      );
    });
  }

  async cancel(id: string, now: Date): Promise<Transition | undefined> {
    const at = iso(now);
    return this.tx(async (c) => {
      const r = await this.must(c, id);
      if (r.status === 'dispatching' || r.status === 'running') {
        await prepared(c, 'UPDATE concord.runs SET cancel_requested = true, updated_at = $2 WHERE id = $1', [id, at]);
        return undefined;
      }
      assertRunTransition(id, r.status, 'cancelled');
      return this.move(c, id, "status = 'cancelled', finished_at = $2, updated_at = $2, resume = false", [at], { op: 'cancel', from: r.status, to: 'cancelled', at });
    });
  }

  async resume(id: string, now: Date, answer?: string): Promise<Transition> {
    const at = iso(now);
    return this.tx(async (c) => {
      const r = await this.must(c, id);
      assertRunTransition(id, r.status, 'queued');
      await prepared(c, 'SAVEPOINT resume');
      try {
        return await this.move(c, id, "status = 'queued', resume = true, answer = $2, not_before = $3, finished_at = NULL, cancel_requested = false, updated_at = $3, context = NULL", [answer ?? null, at], { op: 'resume', from: r.status, to: 'queued', at });
      } catch (e) {
        if ((e as { code?: string }).code !== '23505') throw e;
        await prepared(c, 'ROLLBACK TO SAVEPOINT resume');
        const live = (await prepared(c, `SELECT id FROM concord.runs WHERE todo_id = $1 AND status IN ${LIVE}`, [r.todo_id])).rows[0] as { id: string };
        throw new ConcordError('RUN_EXISTS', `todo ${r.todo_id} already has a live run, ${live.id}; run ${id} was not resumed`, { hint: `cancel ${live.id} first, or let it finish`, data: { id, live: live.id } });
      }
    });
  }

  async get(id: string): Promise<RunRecord | undefined> {
    const [r] = await this.query('SELECT * FROM concord.runs WHERE id = $1', [id]);
    return r ? toRecord(r) : undefined;
  }

  async attempts(id: string): Promise<AttemptRecord[]> {
    const rows = await this.query<{ run_id: string; attempt: number; worker: string; started_at: string; finished_at: string | null; status: RunStatus; outcome: RunOutcome | null }>('SELECT * FROM concord.run_attempts WHERE run_id = $1 ORDER BY attempt', [id]);
    return rows.map((a) => ({ run: a.run_id, attempt: a.attempt, worker: a.worker, started_at: a.started_at, status: a.status, ...(a.finished_at ? { finished_at: a.finished_at } : {}), ...(a.outcome ? { outcome: a.outcome } : {}) }));
  }

  async list(f: RunFilter = {}): Promise<RunRecord[]> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (f.status?.length) {
      params.push(f.status);
      where.push(`status = ANY($${params.length}::text[])`);
    }
    for (const [col, v] of [['todo_id', f.todo], ['repo', f.repo], ['pool', f.pool], ['sweep_id', f.sweep]] as const) {
      if (v === undefined) continue;
      params.push(v);
      where.push(`${col} = $${params.length}`);
    }
    params.push(f.limit ?? 100);
    return (await this.query(`SELECT * FROM concord.runs ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY seq DESC LIMIT $${params.length}`, params)).map(toRecord);
  }

  async expired(now: Date): Promise<RunRecord[]> {
    return (await this.query(`SELECT * FROM concord.runs WHERE status IN ${ACTIVE} AND lease_expires_at <= $1 ORDER BY seq`, [iso(now)])).map(toRecord);
  }

  async reclaim(id: string, fence: number, now: Date, d: { end: false; delay_ms: number } | { end: true; reason: string }): Promise<Transition | undefined> {
    const at = iso(now);
    return this.tx(async (c) => {
      const r = await this.must(c, id);
      // Someone heartbeated, finished or reclaimed it since it was read as expired: leave it alone.
      if ((r.status !== 'dispatching' && r.status !== 'running') || Number(r.fence) !== fence || (r.lease_expires_at ?? '') > at) return undefined;
      const to: RunStatus = r.cancel_requested ? 'cancelled' : d.end ? 'infra_error' : 'queued';
      assertRunTransition(id, r.status, to);
      const outcome: RunOutcome | undefined = r.status === 'running' ? { status: 'infra_error', reason: d.end ? d.reason : 'the worker stopped heartbeating (it died); reclaimed', turns: 0, tokens: { input: 0, output: 0 } } : undefined;
      const t = await this.move(
        c,
        id,
        `status = $2, worker = NULL, lease_token = NULL, lease_expires_at = NULL, agent_pid = NULL, outcome = COALESCE($3::jsonb, outcome),
         resume = CASE WHEN $2 = 'queued' AND session IS NOT NULL THEN true ELSE resume END,
         not_before = $4, finished_at = CASE WHEN $2 = 'queued' THEN NULL ELSE $5 END, updated_at = $5, context = CASE WHEN $2 = 'queued' THEN NULL ELSE context END`,
        [to, outcome ? JSON.stringify(outcome) : null, d.end ? r.not_before : iso(new Date(now.getTime() + d.delay_ms)), at],
        { op: 'reclaim', from: r.status, to, at, ...(d.end ? {} : { delay_ms: d.delay_ms }) },
      );
      if (r.status === 'running' && outcome) await prepared(c, "UPDATE concord.run_attempts SET finished_at = $1, status = 'infra_error', outcome = $2 WHERE run_id = $3 AND attempt = $4", [at, JSON.stringify(outcome), id, r.attempt]);
      return t;
    });
  }

  async counts(): Promise<QueueCounts> {
    const by = await this.query<{ status: RunStatus; n: string }>('SELECT status, COUNT(*) AS n FROM concord.runs GROUP BY status');
    const repos = await this.query<{ repo: string; n: string }>(`SELECT repo, COUNT(*) AS n FROM concord.runs WHERE status IN ${ACTIVE} GROUP BY repo`);
    const by_status = Object.fromEntries(by.map((r) => [r.status, Number(r.n)]));
    return { queued: by_status['queued'] ?? 0, active: (by_status['dispatching'] ?? 0) + (by_status['running'] ?? 0), by_status, active_by_repo: Object.fromEntries(repos.map((r) => [r.repo, Number(r.n)])) };
  }

  async close(): Promise<void> {
    await this.db.end();
  }
}
