// Repo names in write input may be nicknames (`--repo backend`), as in queries: stored as the catalog name.
import { findRepo, type Graph } from '../core/graph/graph.js';
import { graphOf } from './index-graph.js';
import { loadSnapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

/** The catalog name for a name or nickname; unknown names are returned as given (the planner reports them). */
export function canonicalRepoName(g: Graph, name: string): string {
  return findRepo(g, name)?.name ?? name;
}

/** Whether `input` names repos in any of `fields` (else it needs no catalog to be made canonical). */
export function namesRepos(input: unknown, fields: readonly string[]): boolean {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return false;
  const record = input as Record<string, unknown>;
  return fields.some((f) => record[f] !== undefined && record[f] !== null);
}

/**
 * A copy of `input` with the repo names in `fields` (a string or a list of strings) made canonical in `g`. A write
 * does it to its parsed input against the graph it plans over (`ctx.graph`): the file is read and fingerprinted
 * once, under the lock.
 */
export function canonicalRepos<T>(g: Graph, input: T, fields: readonly string[]): T {
  if (!namesRepos(input, fields)) return input;
  const out: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const f of fields) {
    const v = out[f];
    if (typeof v === 'string') out[f] = canonicalRepoName(g, v);
    else if (Array.isArray(v)) out[f] = v.map((x) => (typeof x === 'string' ? canonicalRepoName(g, x) : x));
  }
  return out as T;
}

/** canonicalRepos against the current snapshot, for input needed before the write (a dependency's provider, whose manifest is read). */
export async function withCanonicalRepos(ws: Workspace, input: unknown, fields: readonly string[]): Promise<unknown> {
  if (!namesRepos(input, fields)) return input;
  // Only the repos are asked about: the index answers without decoding the snapshot.
  return canonicalRepos(graphOf(ws, await loadSnapshot(ws)), input, fields);
}
