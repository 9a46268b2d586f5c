// Which run queue a workspace uses: the embedded one in state.db, or the fleet's in PostgreSQL when a
// database URL is configured (`--database-url`, CONCORD_DATABASE_URL, `queue.database_url` in concord.yaml).
// Every surface opens its workspace through the CLI context, which calls this, so all of them (CLI, MCP,
// HTTP) see the same engine.
import type { Workspace } from '../app/workspace.js';
import { openPool } from './pg.js';
import { PgRunQueue } from './pg-queue.js';

export function attachFleet(ws: Workspace): PgRunQueue | undefined {
  const url = ws.settings.queue.database_url;
  if (!url) return undefined;
  const q = new PgRunQueue(openPool(url), ws.random);
  ws.useRunQueue(q);
  return q;
}
