// What graphile-worker carries for the fleet: one job per ready attempt of a run, on its repo's named queue.
//
// A named queue runs one job at a time, so `queueName: repo:<name>` makes each repo strictly serial and
// lets repos run in parallel (localQueue is never enabled: it breaks that order). A repo allowed N runs at
// once (`queue.per_repo`, `queue.repos`) has N named queues, `repo:<name>#<k>`, its runs dealt over them in
// order (k = the run's number mod N): each is serial, the repo runs at most N at a time. `jobKey: run:<id>`
// replaces a job of the run that was not taken yet instead of adding a second. The task identifier is
// the repo (`run@<repo>`): a worker registers tasks only for the repos it has checked out, so it never
// fetches another repo's job; the executor is a job flag, which workers without it forbid. Concord's
// own tables hold the run's state; the job is only the wake-up call.
import { Logger, runMigrations } from 'graphile-worker';
import type { ExecutorSettings } from '../core/executors/profile.js';
import type { Todo } from '../core/model.js';
import type { ClaimRequest, RunRecord } from '../core/runs/queue.js';
import type { Limits, QueueSettings } from '../core/runs/settings.js';
import { type Db, retrying, type Tx } from './pg.js';
import type { Chained, FleetClaim, NextClaim, PgRunQueue } from './pg-queue.js';

/** What a worker on another host needs to run an attempt (written by the coordinator). */
export interface RunJobContext {
  prompt: string;
  acceptance: string[];
  code_work: boolean;
  /** The repo's checkout on the coordinator's host (a worker without --checkouts uses it). */
  repo_dir: string;
  todo: Pick<Todo, 'id' | 'task' | 'repo'>;
  executors: Record<string, ExecutorSettings>;
  isolation: 'worktree' | 'in_place';
  limits: Limits;
  /** Where relative executor commands are (beside ecosystem.yaml). */
  command_dir: string;
  ecosystem: string;
}

/** The settings workers take from the coordinator: leases, heartbeats, retries, caps. */
export type FleetSettings = Pick<QueueSettings, 'lease_seconds' | 'heartbeat_seconds' | 'retry' | 'max_running' | 'per_repo' | 'repos'>;

export const taskFor = (repo: string) => `run@${repo}`;
export const queueFor = (repo: string, seq = 0, slots = 1) => (slots > 1 ? `repo:${repo}#${seq % slots}` : `repo:${repo}`);

/** How many runs of a repo may run at once (and so how many named queues it has). */
export const slotsOf = (s: Pick<QueueSettings, 'per_repo' | 'repos'>, repo: string): number => s.repos[repo] ?? s.per_repo;
export const jobKeyFor = (run: string) => `run:${run}`;
export const executorFlag = (executor: string) => `executor:${executor}`;

/** graphile-worker's own messages are not Concord's: debug only. */
export const quietLogger = new Logger(() => () => undefined);

export async function migrateJobs(db: Db, retryMs: number): Promise<void> {
  await retrying(() => runMigrations({ pgPool: db, logger: quietLogger }), retryMs);
}

export async function publishSettings(q: PgRunQueue, s: QueueSettings): Promise<void> {
  const value: FleetSettings = { lease_seconds: s.lease_seconds, heartbeat_seconds: s.heartbeat_seconds, retry: s.retry, max_running: s.max_running, per_repo: s.per_repo, repos: s.repos };
  await q.query("INSERT INTO concord.settings (name, value) VALUES ('queue', $1) ON CONFLICT (name) DO UPDATE SET value = EXCLUDED.value", [JSON.stringify(value)]);
}

export async function readSettings(q: PgRunQueue): Promise<FleetSettings | undefined> {
  const [row] = await q.query<{ value: FleetSettings }>("SELECT value FROM concord.settings WHERE name = 'queue'");
  return row?.value;
}

/** Writes the run's context and adds its job in one statement; false if the run moved on meanwhile. */
export async function addRunJob(q: PgRunQueue, run: RunRecord, context: RunJobContext, slots = 1): Promise<boolean> {
  const added = await q.query(
    `WITH set AS (UPDATE concord.runs SET context = $1 WHERE id = $2 AND status = 'queued' AND context IS NULL RETURNING not_before)
     SELECT ${addJobCall(3, 'set.not_before')} IS NOT NULL AS added FROM set`,
    [JSON.stringify(context), run.id, ...jobArgs(run, slots)],
  );
  return added.length > 0;
}

/** add_job's arguments but the time: task, payload, queue, key, flags. */
const jobArgs = (run: Pick<RunRecord, 'id' | 'seq' | 'repo' | 'pool' | 'executor'>, slots: number) => [taskFor(run.repo), JSON.stringify({ run: run.id, pool: run.pool }), queueFor(run.repo, run.seq, slots), jobKeyFor(run.id), [executorFlag(run.executor)]];

/** The one add_job call: jobArgs's five values from parameter $`from` on, due at `at` (an SQL expression). */
const addJobCall = (from: number, at: string) =>
  `graphile_worker.add_job($${from}, $${from + 1}::json, queue_name => $${from + 2}, run_at => ${at}::timestamptz, max_attempts => 1000, job_key => $${from + 3}, flags => $${from + 4}::text[])`;

function addJob(c: Tx, run: Pick<RunRecord, 'id' | 'seq' | 'repo' | 'pool' | 'executor'>, notBefore: string, slots: number) {
  return c.query(`SELECT ${addJobCall(2, '$1')}`, [notBefore, ...jobArgs(run, slots)]);
}

/**
 * Adds the job again of each prepared queued run that has none. graphile-worker deletes a job when its task
 * returns; when PostgreSQL then loses the run's last changes (a restart after an asynchronous commit), the run
 * is queued again with nothing to wake a worker for it.
 */
export async function readdLostJobs(q: PgRunQueue, slots: (repo: string) => number): Promise<number> {
  return q.transaction(async (c) => {
    const lost = await c.query<{ id: string; seq: string; repo: string; pool: string; executor: string; not_before: string }>(
      `SELECT r.id, r.seq, r.repo, r.pool, r.executor, r.not_before FROM concord.runs r
       WHERE r.status = 'queued' AND r.context IS NOT NULL AND NOT EXISTS (SELECT 1 FROM graphile_worker.jobs j WHERE j.key = 'run:' || r.id)
       FOR UPDATE OF r SKIP LOCKED`,
    );
    for (const r of lost.rows) await addJob(c, { ...r, seq: Number(r.seq) }, r.not_before, slots(r.repo));
    return lost.rows.length;
  });
}

/** Runs one job's task goes on to, at most (then the queue is unlocked and the next job carries on). */
const CHAIN = 500;

/** A run of a job's chain: it ends with `then()` (the next run to claim with its end, or undefined to stop) and says what it claimed. */
export type ChainRun = (c: FleetClaim, then: () => NextClaim | undefined) => Promise<Pick<Chained, 'looked' | 'next'> | undefined>;

/**
 * A job's task: its run, then, while it still holds its repo's named queue (so the repo stays strictly serial),
 * the repo's next prepared, due runs dealt to that queue, in order (those of `executors`). Each next run is
 * claimed by the statement that ends the one before (PgRunQueue.finish with `next`: it takes the ended run's
 * place, so no count and no lock), with its own job removed; after a run that did not end that way (handed
 * back, its lease lost) by a claim of its own (PgRunQueue.claimNext). Without this, graphile-worker unlocks
 * the queue only after the task returned, and a slot that looks for work meanwhile finds every queue locked
 * and sleeps for its poll interval: the fleet ran at a tenth of graphile-worker's speed. `request` is the
 * worker's claim (its limits, lease); `more` says whether to go on (false while draining). Returns whether
 * the job's own run was claimed.
 */
export async function takeRuns(
  q: PgRunQueue,
  first: { run: string; pool: string },
  o: { request: Omit<ClaimRequest, 'pools' | 'runs'>; run: ChainRun; more: () => boolean; executors?: readonly string[]; slots?: (repo: string) => number },
): Promise<boolean> {
  const claimed = await q.claim({ ...o.request, pools: [first.pool], runs: [first.run] }, new Date());
  if (!claimed) return false;
  const { repo, seq } = claimed.run;
  const slots = o.slots?.(repo) ?? 1;
  const next: NextClaim = { request: o.request, repo, slots, slot: seq % slots, ...(o.executors ? { executors: o.executors } : {}) };
  let c: FleetClaim | undefined = claimed;
  for (let n = 1; c; n++) {
    const go = () => n < CHAIN && o.more();
    const ended = await o.run(c, () => (go() ? next : undefined));
    c = ended?.looked ? ended.next : go() ? await q.claimNext(o.request, new Date(), next) : undefined;
  }
  return true;
}
