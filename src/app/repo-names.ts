// Repo names in write input may be nicknames (`--repo backend`), as in queries: stored as the catalog name.
import { findRepo, type Graph } from '../core/graph/graph.js';
import { graphOf } from './index-graph.js';
import { loadSnapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

/** The catalog name for a name or nickname; unknown names are returned as given (the planner reports them). */
export function canonicalRepoName(g: Graph, name: string): string {
  return findRepo(g, name)?.name ?? name;
}

/** A copy of `input` with the repo names in `fields` (a string or a list of strings) made canonical. */
export async function withCanonicalRepos(ws: Workspace, input: unknown, fields: readonly string[]): Promise<unknown> {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return input;
  const record = input as Record<string, unknown>;
  if (!fields.some((f) => record[f] !== undefined && record[f] !== null)) return input;
  // Only the repos are asked about: the index answers without decoding the snapshot.
  const g = graphOf(ws, await loadSnapshot(ws));
  const out: Record<string, unknown> = { ...record };
  for (const f of fields) {
    const v = out[f];
    if (typeof v === 'string') out[f] = canonicalRepoName(g, v);
    else if (Array.isArray(v)) out[f] = v.map((x) => (typeof x === 'string' ? canonicalRepoName(g, x) : x));
  }
  return out;
}
