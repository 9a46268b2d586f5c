// The fleet's tables in PostgreSQL (schema `concord`), beside graphile-worker's own (`graphile_worker`).
//
// graphile-worker deletes finished jobs and keeps no history, so Concord keeps its own: the runs with their
// leases, fences and heartbeats (the same columns as the embedded queue's `runs`), the attempts, every
// transition in order (what the coordinator applies to ecosystem.yaml and the history), and the workers
// with their heartbeats (what the reaper reads). Times are ISO-8601 text in UTC, as in the embedded queue,
// so both engines compare and return them the same way. Versions only append; each runs once.
import { type Db, retrying } from './pg.js';

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

const VERSIONS = [V1, V2, V3];
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
