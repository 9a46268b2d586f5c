// Schema of the state database, one entry per version (never edit a shipped entry; append a new one).
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);

  -- The query index of ecosystem.yaml, keyed by the file's fingerprint. Derived: safe to delete.
  CREATE TABLE index_state (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    fingerprint TEXT NOT NULL,
    file TEXT NOT NULL,
    mode TEXT NOT NULL,
    snapshot TEXT NOT NULL,
    diagnostics TEXT NOT NULL,
    indexed_at TEXT NOT NULL
  );
  -- One row per record of the file, in file order within each section.
  CREATE TABLE index_items (
    rowid INTEGER PRIMARY KEY,
    section TEXT NOT NULL,
    ordinal INTEGER NOT NULL,
    id TEXT,
    hash TEXT NOT NULL,
    record TEXT,
    extra TEXT,
    diagnostics TEXT NOT NULL,
    duplicate INTEGER NOT NULL DEFAULT 0
  );
  CREATE INDEX index_items_position ON index_items(section, ordinal);
  CREATE INDEX index_items_id ON index_items(id);

  -- Every id Concord generated on this clone, so none is ever issued twice.
  CREATE TABLE issued_ids (id TEXT PRIMARY KEY, issued_at TEXT NOT NULL);

  -- The history: one row per domain event.
  CREATE TABLE events (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    type TEXT NOT NULL,
    entity_kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    actor TEXT NOT NULL,
    surface TEXT NOT NULL,
    at TEXT NOT NULL,
    data TEXT NOT NULL
  );
  CREATE INDEX events_entity ON events(entity_id, seq);
  CREATE INDEX events_type ON events(type, seq);
  `,
  `
  -- Claims: an agent's exclusive, expiring hold on a todo. The fencing token increases with every claim,
  -- so a holder whose lease was taken over cannot complete the todo with its old token.
  CREATE TABLE claims (
    todo_id TEXT PRIMARY KEY,
    agent TEXT NOT NULL,
    token INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX claims_expiry ON claims(expires_at);
  CREATE TABLE fencing (id INTEGER PRIMARY KEY CHECK (id = 1), last_token INTEGER NOT NULL);
  INSERT INTO fencing (id, last_token) VALUES (1, 0);
  `,
  `
  -- What each event is about (title, repos, priority, plan, milestone) as JSON: history and hook filters.
  ALTER TABLE events ADD COLUMN subject TEXT;
  CREATE INDEX events_at ON events(at);

  -- Full-text search (FTS5, porter stemming) over records, notes and events. Derived: rebuilt from the
  -- index and the history when missing. search_docs holds what a hit shows, by the same rowid.
  CREATE VIRTUAL TABLE search_fts USING fts5(title, body, tokenize = 'porter unicode61 remove_diacritics 2');
  CREATE TABLE search_docs (
    rowid INTEGER PRIMARY KEY,
    source TEXT NOT NULL,
    kind TEXT NOT NULL,
    entity_id TEXT NOT NULL,
    label TEXT NOT NULL,
    repos TEXT NOT NULL,
    at TEXT,
    ref TEXT
  );
  CREATE INDEX search_docs_source ON search_docs(source);
  -- The record text hashes the search documents were made from, to re-index only what changed.
  CREATE TABLE search_items (section TEXT NOT NULL, id TEXT NOT NULL, hash TEXT NOT NULL, PRIMARY KEY (section, id)) WITHOUT ROWID;

  -- Hook deliveries: written in the same transaction as the event (at least once), retried with
  -- backoff, dead-lettered after the last attempt. One row per (hook, event).
  CREATE TABLE hook_outbox (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    hook TEXT NOT NULL,
    event_seq INTEGER NOT NULL,
    event_type TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'delivering', 'delivered', 'dead')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT NOT NULL,
    lease_until TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    delivered_at TEXT,
    last_error TEXT,
    last_status INTEGER,
    last_duration_ms INTEGER,
    UNIQUE (hook, event_seq)
  );
  CREATE INDEX hook_outbox_due ON hook_outbox(status, next_attempt_at);
  -- Events before this one were considered for hooks (history older than the hooks is not delivered).
  INSERT INTO meta (key, value) SELECT 'hooks_enqueued_upto', COALESCE(MAX(seq), 0) FROM events;

  -- Checkpoints of work on a todo (phase, progress, state), newest kept up to a retention limit.
  CREATE TABLE checkpoints (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    todo_id TEXT NOT NULL,
    phase TEXT NOT NULL,
    progress REAL NOT NULL CHECK (progress >= 0 AND progress <= 1),
    state TEXT NOT NULL,
    note TEXT,
    actor TEXT NOT NULL,
    surface TEXT NOT NULL,
    created_at TEXT NOT NULL
  );
  CREATE INDEX checkpoints_todo ON checkpoints(todo_id, id);
  `,
  `
  -- Dependency checks: one row per check of one dependency, newest last (history; pruned per dependency).
  CREATE TABLE dependency_checks (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    dependency_id TEXT NOT NULL,
    consumer TEXT NOT NULL,
    provider TEXT NOT NULL,
    outcome TEXT NOT NULL,
    checked_at TEXT NOT NULL,
    duration_ms REAL NOT NULL,
    latency_ms REAL,
    summary TEXT NOT NULL,
    result TEXT NOT NULL
  );
  CREATE INDEX dependency_checks_dependency ON dependency_checks(dependency_id, seq);
  `,
  `
  -- The last valid version of a record that a hand edit broke, so the history can show what changed
  -- once it is fixed (instead of a deletion and a creation).
  ALTER TABLE index_items ADD COLUMN last_valid TEXT;
  `,
  `
  -- Which reader (Concord version) built the index: another reader's index is rebuilt, not trusted.
  ALTER TABLE index_state ADD COLUMN reader TEXT NOT NULL DEFAULT '';
  `,
  `
  -- The scheduler (runtime state, not derived from the file): one row per fire of a job or an activity. A
  -- (target, key) is unique, key being the instant for scheduled fires: two servers on one state DB insert
  -- an instant once, and a due fire is claimed by one of them (status due -> running, with a lease).
  CREATE TABLE schedule_fires (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    target TEXT NOT NULL,
    key TEXT NOT NULL,
    trigger TEXT NOT NULL,
    instant TEXT NOT NULL,
    -- Overlap is judged within a lane: one per repo for triggers with a quiet period per repo, else one.
    lane TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('due', 'running', 'succeeded', 'failed', 'timed_out', 'cancelled', 'abandoned', 'skipped', 'missed')),
    forced INTEGER NOT NULL DEFAULT 0,
    payload TEXT,
    holder TEXT,
    lease_until TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    started_at TEXT,
    ended_at TEXT,
    duration_ms INTEGER,
    reason TEXT,
    error TEXT,
    output TEXT,
    created_at TEXT NOT NULL,
    UNIQUE (target, key)
  );
  CREATE INDEX schedule_fires_open ON schedule_fires(status, target);
  CREATE INDEX schedule_fires_target ON schedule_fires(target, id);
  -- Per job or activity: instants up to planned_upto were considered (misfires are measured from it), the
  -- anchor of its intervals, and its circuit breaker.
  CREATE TABLE schedule_targets (
    target TEXT PRIMARY KEY,
    planned_upto TEXT NOT NULL,
    anchor TEXT NOT NULL,
    failures INTEGER NOT NULL DEFAULT 0,
    breaker_open_at TEXT,
    updated_at TEXT NOT NULL
  );
  -- Events (and webhook calls) waiting out a quiet period: one row per (activity, bucket).
  CREATE TABLE schedule_quiet (
    target TEXT NOT NULL,
    bucket TEXT NOT NULL,
    first_at TEXT NOT NULL,
    due_at TEXT NOT NULL,
    events INTEGER NOT NULL,
    payload TEXT NOT NULL,
    PRIMARY KEY (target, bucket)
  );
  -- History older than the activities is never fed to them.
  INSERT INTO meta (key, value) SELECT 'activities_enqueued_upto', COALESCE(MAX(seq), 0) FROM events;
  `,
  `
  -- Leases replace claims (one model for agents' claims and workers' runs). The holder is an agent and a
  -- session; the token is a random secret only the holder sees; the fence (in fencing.last_token) is
  -- max(last + 1, now in ms), so it never goes backwards even when this database is lost. Claims of the
  -- old model were only in this database (their todos stayed pending in the file): they are dropped.
  DROP TABLE claims;
  CREATE TABLE leases (
    todo_id TEXT PRIMARY KEY,
    agent TEXT NOT NULL,
    session TEXT NOT NULL,
    kind TEXT NOT NULL CHECK (kind IN ('claim', 'run')),
    run_id TEXT,
    token TEXT NOT NULL UNIQUE,
    fence INTEGER NOT NULL,
    claimed_at TEXT NOT NULL,
    heartbeat_at TEXT NOT NULL,
    expires_at TEXT NOT NULL
  );
  CREATE INDEX leases_expiry ON leases(expires_at);
  `,
  `
  -- A record by id: without this, "WHERE section = ? AND id = ? ORDER BY ordinal" walked the whole section in
  -- file order (index_items_position), which made every lookup cost the size of the file (an import of
  -- 10,000 records spent most of its time there).
  CREATE INDEX index_items_section_id ON index_items(section, id, ordinal);
  `,
  `
  -- The query index answers reads without decoding the whole snapshot (docs/performance.md). Derived: the
  -- index is emptied here and rebuilt from the file by the next command.
  -- file_stat: size, mtime, ctime and inode of the file when its fingerprint was last verified, and when.
  ALTER TABLE index_state ADD COLUMN file_stat TEXT;
  -- The fields lists filter on, of todos and issues: a filter scans these columns (no index: a scan of
  -- 10,000 rows takes a millisecond or two, and every index would slow the first indexing down).
  ALTER TABLE index_items ADD COLUMN status TEXT;
  ALTER TABLE index_items ADD COLUMN priority TEXT;
  ALTER TABLE index_items ADD COLUMN repo TEXT;
  ALTER TABLE index_items ADD COLUMN assignee TEXT;
  ALTER TABLE index_items ADD COLUMN plan TEXT;
  ALTER TABLE index_items ADD COLUMN milestone TEXT;
  ALTER TABLE index_items ADD COLUMN issue TEXT;
  -- The blocker edges of served todos and issues (blocked_by and blocking), in the graph's order: the
  -- owner record's position, then the edge's place in its lists.
  CREATE TABLE index_links (
    owner INTEGER NOT NULL REFERENCES index_items(rowid) ON DELETE CASCADE,
    pos INTEGER NOT NULL,
    blocked TEXT NOT NULL,
    blocker TEXT NOT NULL
  );
  CREATE INDEX index_links_blocked ON index_links(blocked);
  CREATE INDEX index_links_blocker ON index_links(blocker);
  -- Answers of whole-graph queries (ready, status, blocked, ...) for one version of the file, keyed by the
  -- question (the build of Concord, the query and its inputs).
  CREATE TABLE index_answers (key TEXT PRIMARY KEY, fingerprint TEXT NOT NULL, value TEXT NOT NULL);
  DELETE FROM index_items;
  DELETE FROM index_state;
  `,
  `
  -- Runs: executions of todos by workers (the embedded queue). seq is the FIFO order. At most one live
  -- run per todo is enforced here, by a unique partial index, not by a check before an insert. A lease
  -- is (worker, lease_token, fence, lease_expires_at); the token is never shown to anyone but its holder.
  CREATE TABLE runs (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    todo_id TEXT NOT NULL,
    repo TEXT NOT NULL,
    pool TEXT NOT NULL,
    executor TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('queued', 'dispatching', 'running', 'succeeded', 'failed', 'no_op', 'needs_input', 'limit_turns', 'limit_budget', 'limit_time', 'stalled', 'cancelled', 'infra_error')),
    attempt INTEGER NOT NULL DEFAULT 0,
    not_before TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    started_at TEXT,
    finished_at TEXT,
    requested_by TEXT NOT NULL,
    sweep_id TEXT,
    retry_of TEXT,
    worker TEXT,
    lease_token TEXT,
    fence INTEGER,
    heartbeat_at TEXT,
    lease_expires_at TEXT,
    cancel_requested INTEGER NOT NULL DEFAULT 0,
    resume INTEGER NOT NULL DEFAULT 0,
    answer TEXT,
    feedback TEXT,
    worktree TEXT,
    branch TEXT,
    base_commit TEXT,
    session TEXT,
    agent_pid INTEGER,
    worker_pid INTEGER,
    host TEXT,
    log TEXT,
    outcome TEXT
  );
  CREATE UNIQUE INDEX runs_one_live_per_todo ON runs(todo_id) WHERE status IN ('queued', 'dispatching', 'running');
  CREATE INDEX runs_due ON runs(status, not_before, seq);
  CREATE INDEX runs_active_repo ON runs(repo) WHERE status IN ('dispatching', 'running');
  CREATE INDEX runs_todo ON runs(todo_id, seq);
  CREATE INDEX runs_sweep ON runs(sweep_id, seq) WHERE sweep_id IS NOT NULL;
  -- When each repo last started a run (the round-robin selector).
  CREATE INDEX runs_repo_started ON runs(repo, started_at);
  -- The history of every attempt of every run.
  CREATE TABLE run_attempts (
    run_id TEXT NOT NULL,
    attempt INTEGER NOT NULL,
    worker TEXT NOT NULL,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    status TEXT NOT NULL,
    outcome TEXT,
    PRIMARY KEY (run_id, attempt)
  ) WITHOUT ROWID;
  -- Sweeps of a plan: their options, so one can be resumed; the waves are worked out again from the file.
  CREATE TABLE sweeps (
    id TEXT PRIMARY KEY,
    plan_id TEXT NOT NULL,
    milestone_id TEXT,
    status TEXT NOT NULL,
    options TEXT NOT NULL,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL
  );
  `,
  `
  -- The snapshot's rows live beside their records (a todo or issue row as a JSON array in field order):
  -- the snapshot is their concatenation, and a write re-encodes only the rows it touches instead of the
  -- whole snapshot (index_state.snapshot keeps only the file's metadata). Derived: rebuilt from the file.
  ALTER TABLE index_items ADD COLUMN row TEXT;
  DELETE FROM index_links;
  DELETE FROM index_answers;
  DELETE FROM index_items;
  DELETE FROM index_state;
  `,
  `
  -- Workflow runs (docs/workflows.md): one row per run, its steps' results as JSON; the log is a file.
  CREATE TABLE workflow_runs (
    id TEXT PRIMARY KEY,
    workflow TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('running', 'succeeded', 'failed', 'cancelled')),
    started_at TEXT NOT NULL,
    finished_at TEXT,
    requested_by TEXT NOT NULL,
    trigger TEXT NOT NULL,
    inputs TEXT NOT NULL,
    steps TEXT NOT NULL,
    error TEXT,
    cleanup TEXT NOT NULL DEFAULT '[]',
    log TEXT
  );
  CREATE INDEX workflow_runs_by_workflow ON workflow_runs(workflow, started_at);
  `,
  `
  -- A claim walks the repos that have queued runs and takes each repo's oldest (src/state/run-queue.ts):
  -- one seek per repo on this index instead of reading every queued run.
  CREATE INDEX runs_queued_repo ON runs(repo, seq) WHERE status = 'queued';
  `,
  `
  -- A sweep's report as its runner last wrote it (while it runs, and at its end): what concord sweep-status and
  -- GET /api/sweeps/{id} show of a sweep running in the background.
  ALTER TABLE sweeps ADD COLUMN report TEXT;
  `,
  `
  -- The re-read after a hand edit compares every record's text hash with the index's, in file order
  -- (IndexStore.sectionHashes): with the hash in the position index that reads the index alone, not every row.
  DROP INDEX index_items_position;
  CREATE INDEX index_items_position ON index_items(section, ordinal, hash);
  `,
  `
  -- Every lookup by id names the section too, and takes index_items_section_id (EXPLAIN QUERY PLAN): this one
  -- was only kept up to date, at every insert of a first index.
  DROP INDEX index_items_id;
  `,
  `
  -- A list of one repo's todos (todo list --repo, with its page in file order) finds that repo's rows here
  -- instead of reading every row of the section (~7 ms at 10,000 todos; IndexStore.servedKeys).
  CREATE INDEX index_items_repo ON index_items(section, repo);
  `,
  `
  -- The labels of served todos and issues, a row each: a list by label (todo list --label) finds its rows here
  -- instead of reading the text of every row of the section (~5 ms at 10,000 todos; IndexStore.servedKeys).
  -- Filled from the rows already indexed, by the rule IndexStore's inserts follow.
  CREATE TABLE index_labels (
    label TEXT NOT NULL,
    owner INTEGER NOT NULL REFERENCES index_items(rowid) ON DELETE CASCADE,
    PRIMARY KEY (label, owner)
  ) WITHOUT ROWID;
  CREATE INDEX index_labels_owner ON index_labels(owner);
  INSERT OR IGNORE INTO index_labels (label, owner)
    SELECT j.value, i.rowid FROM index_items i, json_each(i.record, '$.labels') j
    WHERE i.section IN ('todos', 'issues') AND i.duplicate = 0 AND i.record IS NOT NULL AND i.id IS NOT NULL
      AND json_type(i.record, '$.labels') = 'array' AND j.type = 'text';
  `,
];
