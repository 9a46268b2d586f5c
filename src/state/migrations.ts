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
];
