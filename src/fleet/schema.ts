// The fleet's tables in PostgreSQL (schema `concord`), beside graphile-worker's own (`graphile_worker`).
//
// graphile-worker deletes finished jobs and keeps no history, so Concord keeps its own: the runs with their
// leases, fences and heartbeats (the same columns as the embedded queue's `runs`), the attempts, every
// transition in order (what the coordinator applies to ecosystem.yaml and the history), and the workers
// with their heartbeats (what the reaper reads). Times are ISO-8601 text in UTC, as in the embedded queue,
// so both engines compare and return them the same way. Versions only append; each runs once.
import { type Db, retrying } from './pg.js';

/** Advisory locks: enqueues (one key); claims (two keys: a slot of the fleet's cap, and a repo). */
const ENQUEUE_LOCK = 7321002;
const CLAIM_LOCK = 7321003;
const REPO_LOCK = 7321004;
const CLAIM_SLOTS = 8;

const V1 = `
CREATE TABLE concord.runs (
  seq bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  todo_id text NOT NULL,
  repo text NOT NULL,
  pool text NOT NULL,
  executor text NOT NULL,
  status text NOT NULL,
  attempt integer NOT NULL DEFAULT 0,
  not_before text NOT NULL,
  created_at text NOT NULL,
  updated_at text NOT NULL,
  started_at text,
  finished_at text,
  requested_by text NOT NULL,
  sweep_id text,
  retry_of text,
  worker text,
  lease_token text,
  fence bigint,
  heartbeat_at text,
  lease_expires_at text,
  cancel_requested boolean NOT NULL DEFAULT false,
  resume boolean NOT NULL DEFAULT false,
  answer text,
  feedback text,
  worktree text,
  branch text,
  base_commit text,
  session text,
  agent_pid integer,
  worker_pid integer,
  host text,
  log text,
  outcome jsonb,
  -- The coordinator's part: what a worker on another host needs (prompt, acceptance, executor settings),
  -- written when it took the todo for the attempt; null while the run waits for it.
  context jsonb
);
-- At most one live run per todo, enforced by the database.
CREATE UNIQUE INDEX runs_live_todo ON concord.runs (todo_id) WHERE status IN ('queued', 'dispatching', 'running');
CREATE INDEX runs_status ON concord.runs (status, repo, seq);
CREATE TABLE concord.run_attempts (
  run_id text NOT NULL,
  attempt integer NOT NULL,
  worker text NOT NULL,
  started_at text NOT NULL,
  finished_at text,
  status text NOT NULL,
  outcome jsonb,
  PRIMARY KEY (run_id, attempt)
);
CREATE TABLE concord.transitions (
  seq bigserial PRIMARY KEY,
  run_id text NOT NULL,
  op text NOT NULL,
  from_status text,
  to_status text NOT NULL,
  at text NOT NULL,
  delay_ms integer,
  run jsonb NOT NULL
);
CREATE TABLE concord.workers (
  id text PRIMARY KEY,
  job_pool text,
  host text NOT NULL,
  pid integer NOT NULL,
  repos jsonb NOT NULL,
  executors jsonb NOT NULL,
  started_at text NOT NULL,
  heartbeat_at text NOT NULL,
  expires_at text NOT NULL,
  stopping boolean NOT NULL DEFAULT false
);
CREATE TABLE concord.marks (name text PRIMARY KEY, value bigint NOT NULL);
`;

// The coordinator's queue settings, which workers on other hosts follow (leases, heartbeats, retries, caps).
const V2 = `CREATE TABLE concord.settings (name text PRIMARY KEY, value jsonb NOT NULL);`;

// What the coordinator applied, per transition rather than a high-water mark: a transaction that took a lower
// seq can commit after one with a higher seq, and a mark would step over it for good.
const V3 = `ALTER TABLE concord.transitions ADD COLUMN applied boolean NOT NULL DEFAULT false;
UPDATE concord.transitions SET applied = true WHERE seq <= COALESCE((SELECT value FROM concord.marks WHERE name = 'coordinator'), 0);
CREATE INDEX transitions_pending ON concord.transitions (seq) WHERE NOT applied;`;

// A claim in one statement, so no client round trip is ever inside its critical section (a holder waiting
// to be scheduled made every other claim wait on a loaded machine). It reads counts and acts on them, so:
// - the repo's count under the repo's lock (claims in other repos go on in parallel);
// - the fleet's cap with one of CLAIM_SLOTS slot locks: holding one, a claim that sees `active + slots <=
//   max_running` cannot break the cap even if every other slot claims at once; nearer the cap it takes every
//   slot (in order: no deadlock), which makes it the only claim under way. A far claim that finds itself near
//   the cap after taking its slot raises 'CNEAR' and is tried again (near) by the caller.
// The candidate (the head of each repo's queue that has room) is read first, without locks, then checked
// again under them; a candidate another claim took meanwhile makes it look again (a few times).
// p_order is one of the queue's three orders (never input); the other parameters are the claim query's, $1-$7.
// From V7 a claim appends no transition (`record` false): nothing applies claims, and the run's row, its
// attempt and its start's transition say all there is to say.
const claimRun = (next: boolean, record = true) => `CREATE FUNCTION concord.claim_run(p_order text, p_at text, p_pools text[], p_sweep text, p_runs text[], p_repo_limits jsonb, p_recent text[], p_per_repo integer,
  p_max integer, p_worker text, p_token text, p_now_ms bigint, p_expires text, p_worker_pid integer, p_host text, p_near boolean${next ? ', p_next jsonb' : ''}) RETURNS SETOF concord.runs LANGUAGE plpgsql AS $fn$
DECLARE
  pick record;
  u concord.runs;
  n bigint;
  slots constant integer := ${CLAIM_SLOTS};
BEGIN
  IF p_near OR (SELECT COUNT(*) FROM concord.runs WHERE status IN ('dispatching', 'running')) + slots > p_max THEN
    FOR k IN 0 .. slots - 1 LOOP PERFORM pg_advisory_xact_lock(${CLAIM_LOCK}, k); END LOOP;
    p_near := true;
  ELSE
    PERFORM pg_advisory_xact_lock(${CLAIM_LOCK}, floor(random() * slots)::integer);
    IF (SELECT COUNT(*) FROM concord.runs WHERE status IN ('dispatching', 'running')) + slots > p_max THEN RAISE EXCEPTION 'the fleet is near its cap' USING ERRCODE = 'CNEAR'; END IF;
  END IF;
  FOR i IN 1 .. 5 LOOP
    IF ${next ? 'p_next IS NOT NULL' : 'false'} THEN
      -- A job going on in its repo (jobs.ts, takeRuns): the repo's next prepared, due run of the queue it holds.
      SELECT r.id, r.repo INTO pick FROM concord.runs r WHERE r.status = 'queued' AND r.repo = p_next ->> 'repo' AND r.context IS NOT NULL AND r.not_before <= p_at
        AND r.seq % (p_next ->> 'slots')::int = (p_next ->> 'slot')::int AND (p_next -> 'executors' IS NULL OR r.executor IN (SELECT jsonb_array_elements_text(p_next -> 'executors')))
      ORDER BY r.seq LIMIT 1;
    ELSIF cardinality(p_runs) = 1 THEN
      -- A worker's job names its run: no heads to look for (and a plan kept from one call to the next).
      SELECT r.id, r.repo INTO pick FROM concord.runs r WHERE r.id = p_runs[1] AND r.status = 'queued' AND r.not_before <= p_at AND r.pool = ANY(p_pools) AND (p_sweep IS NULL OR r.sweep_id = p_sweep);
    ELSE EXECUTE format($q$
      WITH heads AS (
        SELECT repo, MIN(seq) AS seq FROM concord.runs
        WHERE status = 'queued' AND not_before <= $1 AND pool = ANY($2::text[])
          AND ($3::text IS NULL OR sweep_id = $3) AND ($4::text[] IS NULL OR id = ANY($4::text[]))
        GROUP BY repo
      ), active AS (SELECT repo, COUNT(*) AS n FROM concord.runs WHERE status IN ('dispatching', 'running') GROUP BY repo)
      SELECT r.id, r.repo FROM heads h JOIN concord.runs r ON r.seq = h.seq LEFT JOIN active a ON a.repo = h.repo
      WHERE COALESCE(a.n, 0) < COALESCE(($5::jsonb ->> h.repo)::int, $7) AND cardinality($6::text[]) >= 0
      ORDER BY %s LIMIT 1$q$, p_order) INTO pick USING p_at, p_pools, p_sweep, p_runs, p_repo_limits, p_recent, p_per_repo;
    END IF;
    IF pick.id IS NULL THEN RETURN; END IF;
    PERFORM pg_advisory_xact_lock(${REPO_LOCK}, hashtext(pick.repo));
    -- Under the locks, with a fresh snapshot: still the repo's head, the repo and the fleet still with room.
    IF EXISTS (SELECT 1 FROM concord.runs r WHERE r.id = pick.id AND r.status = 'queued'
               AND (${next ? 'p_next IS NOT NULL' : 'false'} OR NOT EXISTS (SELECT 1 FROM concord.runs o WHERE o.repo = r.repo AND o.status = 'queued' AND o.seq < r.seq AND o.not_before <= p_at AND o.pool = ANY(p_pools)
                               AND (p_sweep IS NULL OR o.sweep_id = p_sweep) AND (p_runs IS NULL OR o.id = ANY(p_runs))))) THEN
      SELECT COUNT(*) INTO n FROM concord.runs WHERE repo = pick.repo AND status IN ('dispatching', 'running');
      IF n >= COALESCE((p_repo_limits ->> pick.repo)::int, p_per_repo) THEN
        IF cardinality(p_runs) = 1${next ? ' OR p_next IS NOT NULL' : ''} THEN RETURN; END IF;
        CONTINUE;
      END IF;
      SELECT COUNT(*) INTO n FROM concord.runs WHERE status IN ('dispatching', 'running');
      IF n >= p_max OR (NOT p_near AND n + slots > p_max) THEN RETURN; END IF;
      UPDATE concord.runs SET status = 'dispatching', worker = p_worker, lease_token = p_token, fence = GREATEST(COALESCE(fence, 0) + 1, p_now_ms), heartbeat_at = p_at,
        lease_expires_at = p_expires, worker_pid = p_worker_pid, host = p_host, agent_pid = NULL, updated_at = p_at
      WHERE id = pick.id RETURNING * INTO u;
${record ? "      INSERT INTO concord.transitions (run_id, op, from_status, to_status, at, run) VALUES (u.id, 'claim', 'queued', 'dispatching', p_at, to_jsonb(u));\n" : ''}${next ? `
      -- Its own job waits in the queue the caller's job holds: nobody else can have taken it.
      IF p_next IS NOT NULL THEN PERFORM graphile_worker.remove_job('run:' || u.id); END IF;` : ''}
      RETURN NEXT u;
      RETURN;
    END IF;
  END LOOP;
END $fn$;`;
const V4 = claimRun(false);

// Run logs, written by workers on other hosts in pieces (at_byte: where the piece starts in the attempt's log).
const V5 = `CREATE TABLE concord.run_logs (run_id text NOT NULL, attempt integer NOT NULL, at_byte bigint NOT NULL, chunk bytea NOT NULL, PRIMARY KEY (run_id, attempt, at_byte));`;

// A claim can name the repo to go on in (p_next: repo, slots, slot, executors): a job's next run is found,
// claimed and its own job removed in one statement instead of three.
const V6 = `DROP FUNCTION concord.claim_run(text, text, text[], text, text[], jsonb, text[], integer, integer, text, text, bigint, text, integer, text, boolean);
${claimRun(true)}`;

// The end of a run and, in the same statement, the claim of its repo's next run by the job that holds the
// repo's named queue (jobs.ts, takeRuns: p_next as in V6, plus the new lease: worker, token, now_ms,
// expires, worker_pid, host). The next run takes the finished one's place: the repo and the fleet have as
// many active runs after the statement as before it, so no count, no advisory lock, and the fleet's cap
// and the repo's limit hold as they held when the finished run was claimed. Claims stop appending
// transitions (claimRun above), and transitions keep the run without its context (the prompt: nothing
// that applies them reads it). Returns the finished run (with the status it came from), then the claimed
// one (with its context: the worker needs it), or nothing when the token does not hold the run or the
// transition table forbids the move (the caller reads the row to say why).
const V7 = `DROP FUNCTION concord.claim_run(text, text, text[], text, text[], jsonb, text[], integer, integer, text, text, bigint, text, integer, text, boolean, jsonb);
${claimRun(true, false)}
CREATE FUNCTION concord.finish_run(p_id text, p_token text, p_retry boolean, p_status text, p_outcome jsonb, p_feedback text, p_not_before text, p_at text, p_session text, p_delay integer, p_next jsonb)
  RETURNS TABLE (prior text, run_row jsonb) LANGUAGE plpgsql AS $fn$
DECLARE
  old record;
  dest text;
  u concord.runs;
  pick text;
BEGIN
  SELECT r.status, r.cancel_requested INTO old FROM concord.runs r WHERE r.id = p_id AND r.lease_token = p_token FOR UPDATE;
  IF NOT FOUND THEN RETURN; END IF;
  -- Another attempt; cancelled when asked; else the outcome. From dispatching only what needs no agent.
  dest := CASE WHEN p_retry AND NOT old.cancel_requested THEN 'queued' WHEN old.cancel_requested THEN 'cancelled' ELSE p_status END;
  IF NOT (old.status = 'running' OR (old.status = 'dispatching' AND dest IN ('queued', 'cancelled', 'infra_error'))) THEN RETURN; END IF;
  UPDATE concord.runs r SET status = dest,
    outcome = CASE WHEN dest = 'cancelled' AND p_status <> 'cancelled' THEN jsonb_set(jsonb_set(p_outcome, '{status}', '"cancelled"'), '{reason}', to_jsonb('cancelled (' || (p_outcome ->> 'reason') || ')')) ELSE p_outcome END,
    worker = NULL, lease_token = NULL, lease_expires_at = NULL, agent_pid = NULL, resume = false, answer = NULL,
    feedback = CASE WHEN dest = 'queued' THEN p_feedback END, not_before = CASE WHEN dest = 'queued' THEN p_not_before ELSE r.not_before END,
    finished_at = CASE WHEN dest = 'queued' THEN NULL ELSE p_at END, session = COALESCE(p_session, r.session), updated_at = p_at,
    context = CASE WHEN dest = 'queued' THEN NULL ELSE r.context END
  WHERE r.id = p_id RETURNING * INTO u;
  UPDATE concord.run_attempts a SET finished_at = p_at, status = p_status, outcome = p_outcome WHERE a.run_id = p_id AND a.attempt = u.attempt;
  run_row := to_jsonb(u) - 'context';
  INSERT INTO concord.transitions (run_id, op, from_status, to_status, at, delay_ms, run) VALUES (u.id, 'finish', old.status, u.status, p_at, CASE WHEN u.status = 'queued' THEN p_delay END, run_row);
  prior := old.status;
  RETURN NEXT;
  IF p_next IS NULL THEN RETURN; END IF;
  SELECT r.id INTO pick FROM concord.runs r WHERE r.status = 'queued' AND r.repo = p_next ->> 'repo' AND r.context IS NOT NULL AND r.not_before <= p_at
    AND r.seq % (p_next ->> 'slots')::int = (p_next ->> 'slot')::int AND (p_next -> 'executors' IS NULL OR r.executor IN (SELECT jsonb_array_elements_text(p_next -> 'executors')))
  ORDER BY r.seq LIMIT 1;
  IF pick IS NULL THEN RETURN; END IF;
  -- Taken meanwhile (a job of another worker after its queue was unlocked): none.
  UPDATE concord.runs r SET status = 'dispatching', worker = p_next ->> 'worker', lease_token = p_next ->> 'token', fence = GREATEST(COALESCE(r.fence, 0) + 1, (p_next ->> 'now_ms')::bigint),
    heartbeat_at = p_at, lease_expires_at = p_next ->> 'expires', worker_pid = (p_next ->> 'worker_pid')::int, host = p_next ->> 'host', agent_pid = NULL, updated_at = p_at
  WHERE r.id = pick AND r.status = 'queued' RETURNING * INTO u;
  IF NOT FOUND THEN RETURN; END IF;
  PERFORM graphile_worker.remove_job('run:' || u.id);
  prior := 'queued';
  run_row := to_jsonb(u);
  RETURN NEXT;
END $fn$;`;

// An enqueue in one statement (it was six round trips, its lock held across them): under the enqueue lock, the
// todo's live run if it has one ('live'), 'full' with the queued count at capacity, else the new run with its
// transition ('created'). The unique partial index still guarantees one live run per todo (a resume takes no lock).
const V8 = `CREATE FUNCTION concord.enqueue_run(p_id text, p_todo text, p_repo text, p_pool text, p_executor text, p_at text, p_by text, p_sweep text, p_retry_of text, p_capacity integer)
  RETURNS TABLE (state text, queued bigint, run_row jsonb) LANGUAGE plpgsql AS $fn$
DECLARE
  r concord.runs;
BEGIN
  PERFORM pg_advisory_xact_lock(${ENQUEUE_LOCK});
  SELECT * INTO r FROM concord.runs WHERE todo_id = p_todo AND status IN ('queued', 'dispatching', 'running');
  IF NOT FOUND THEN
    SELECT COUNT(*) INTO queued FROM concord.runs WHERE status = 'queued';
    IF queued >= p_capacity THEN
      state := 'full';
      RETURN NEXT;
      RETURN;
    END IF;
    INSERT INTO concord.runs (id, todo_id, repo, pool, executor, status, not_before, created_at, updated_at, requested_by, sweep_id, retry_of)
    VALUES (p_id, p_todo, p_repo, p_pool, p_executor, 'queued', p_at, p_at, p_at, p_by, p_sweep, p_retry_of)
    ON CONFLICT (todo_id) WHERE status IN ('queued', 'dispatching', 'running') DO NOTHING RETURNING * INTO r;
    IF FOUND THEN
      run_row := to_jsonb(r) - 'context';
      INSERT INTO concord.transitions (run_id, op, from_status, to_status, at, run) VALUES (r.id, 'enqueue', NULL, 'queued', p_at, run_row);
      state := 'created';
      RETURN NEXT;
      RETURN;
    END IF;
    SELECT * INTO r FROM concord.runs WHERE todo_id = p_todo AND status IN ('queued', 'dispatching', 'running');
  END IF;
  state := 'live';
  run_row := to_jsonb(r) - 'context';
  RETURN NEXT;
END $fn$;`;

const VERSIONS = [V1, V2, V3, V4, V5, V6, V7, V8];
const ready = new WeakMap<Db, Promise<void>>();

/** Creates or upgrades the schema once per pool; concurrent processes wait for each other (an advisory lock). */
export function migrate(db: Db, retryMs = 30_000): Promise<void> {
  let p = ready.get(db);
  if (!p) {
    p = retrying(async () => {
      const c = await db.connect();
      try {
        await c.query('SELECT pg_advisory_lock(7321001)');
        try {
          await c.query('CREATE SCHEMA IF NOT EXISTS concord; CREATE TABLE IF NOT EXISTS concord.schema_version (version integer NOT NULL)');
          const have = Number((await c.query('SELECT COALESCE(MAX(version), 0) AS v FROM concord.schema_version')).rows[0].v);
          for (let v = have; v < VERSIONS.length; v++) {
            await c.query('BEGIN');
            await c.query(VERSIONS[v]!);
            await c.query('INSERT INTO concord.schema_version (version) VALUES ($1)', [v + 1]);
            await c.query('COMMIT');
          }
        } finally {
          await c.query('SELECT pg_advisory_unlock(7321001)').catch(() => undefined);
        }
        c.release();
      } catch (e) {
        c.release(e as Error);
        throw e;
      }
    }, retryMs);
    p.catch(() => ready.delete(db));
    ready.set(db, p);
  }
  return p;
}
