// Which pool runs a todo, and where its repo's checkout is.
import path from 'node:path';
import { ConcordError, suggest } from '../../core/errors.js';
import { type Graph, findRepo } from '../../core/graph/graph.js';
import type { Repo } from '../../core/model.js';
import { defaultPool, type Pool } from '../../core/runs/settings.js';
import type { Settings } from '../settings.js';

/** The pools of concord.yaml, or the default pool (every repo, one run at a time, claude). */
export const poolsOf = (settings: Settings): readonly Pool[] => (settings.pools.length ? settings.pools : [defaultPool()]);

export function poolServes(g: Graph, pool: Pool, repo: string): boolean {
  if (!pool.repos.length && !pool.roles.length) return true;
  const r = g.repos.get(repo);
  return pool.repos.some((name) => findRepo(g, name)?.name === repo) || (r?.role !== undefined && pool.roles.includes(r.role));
}

/** The pool named, or the first pool (in concord.yaml order) that serves the repo. */
export function poolFor(g: Graph, settings: Settings, repo: string, explicit?: string): Pool {
  const pools = poolsOf(settings);
  if (explicit) {
    const p = pools.find((x) => x.name === explicit);
    if (!p) {
      const guess = suggest(explicit, pools.map((x) => x.name));
      throw new ConcordError('POOL_NOT_FOUND', `no pool "${explicit}" in concord.yaml`, { hint: guess ? `did you mean "${guess}"?` : `pools: ${pools.map((x) => x.name).join(', ')}`, data: { pool: explicit } });
    }
    if (!poolServes(g, p, repo)) throw new ConcordError('INVALID_INPUT', `pool "${p.name}" does not serve repo "${repo}"`, { hint: `add ${repo} to the pool's repos (or its role to roles) in concord.yaml, or pick another pool`, data: { pool: p.name, repo } });
    return p;
  }
  const p = pools.find((x) => poolServes(g, x, repo));
  if (!p) throw new ConcordError('POOL_NOT_FOUND', `no pool serves repo "${repo}"`, { hint: 'add the repo (or its role) to a pool under pools: in concord.yaml', data: { repo } });
  return p;
}

/** The repo's checkout on this machine. */
export function repoCheckout(dir: string, repo: Repo): string {
  if (!repo.path) {
    throw new ConcordError('INVALID_INPUT', `repo "${repo.name}" has no path in the catalog, so there is no checkout to run in`, { hint: `add path: to ${repo.name} under repos: in ecosystem.yaml`, data: { repo: repo.name } });
  }
  return path.resolve(dir, repo.path);
}
