// What blocks a repo, and what a repo holds up elsewhere.
import { listHas } from '../ids.js';
import { type BlockerRef, describeBlocker } from './blocked.js';
import { type Graph, isResolved, itemRepos, unresolvedBlockers, workItem } from './graph.js';
import type { Dependency, IssueRow } from '../model.js';

/** Dependency statuses that mean the consumer cannot rely on the provider right now. */
export const UNMET_DEPENDENCY_STATUSES = new Set(['unsatisfied', 'failed', 'unknown', 'pending']);

export interface RepoBlocking {
  repo: string;
  /** Open issues that name the repo. */
  issues: IssueRow[];
  /** Unresolved blockers of the repo's todos, with the todos each one holds up. */
  blockers: (BlockerRef & { blocks: string[] })[];
  /** Dependencies where the repo is the consumer and the provider is not known to satisfy it. */
  dependencies: Dependency[];
}

export function computeBlocking(g: Graph, repo: string): RepoBlocking {
  const issues = [...g.issues.values()].filter((i) => listHas(i.repos, repo) && !isResolved(g, i.id));
  const byBlocker = new Map<string, string[]>();
  for (const t of g.todos.values()) {
    if (t.repo !== repo || isResolved(g, t.id)) continue;
    for (const b of unresolvedBlockers(g, t.id)) byBlocker.set(b, [...(byBlocker.get(b) ?? []), t.id]);
  }
  const blockers = [...byBlocker].map(([id, blocks]) => ({ ...describeBlocker(g, id), blocks }));
  const dependencies = [...g.dependencies.values()].filter(
    (d) => d.consumer === repo && UNMET_DEPENDENCY_STATUSES.has(d.status),
  );
  return { repo, issues, blockers, dependencies };
}

export interface RepoBlockedBy {
  repo: string;
  /** Unresolved items of this repo that hold up items in other repos. */
  items: (BlockerRef & { blocks: BlockerRef[] })[];
  /** Dependencies where this repo is the provider and the consumer is not satisfied. */
  dependencies: Dependency[];
}

/** What `repo` holds up elsewhere: its unresolved work that other repos' work waits on. */
export function computeBlockedBy(g: Graph, repo: string): RepoBlockedBy {
  const items: RepoBlockedBy['items'] = [];
  const candidates: string[] = [];
  for (const t of g.todos.values()) if (t.repo === repo && !isResolved(g, t.id)) candidates.push(t.id);
  for (const i of g.issues.values()) if (listHas(i.repos, repo) && !isResolved(g, i.id)) candidates.push(i.id);
  for (const id of candidates) {
    const blocks: BlockerRef[] = [];
    for (const d of g.dependents.get(id) ?? []) {
      const item = workItem(g, d);
      if (!item || isResolved(g, d)) continue;
      const repos = itemRepos(item);
      if (repos.length > 0 && repos.every((r) => r === repo)) continue;
      blocks.push(describeBlocker(g, d));
    }
    if (blocks.length) items.push({ ...describeBlocker(g, id), blocks });
  }
  const dependencies = [...g.dependencies.values()].filter(
    (d) => d.provider === repo && UNMET_DEPENDENCY_STATUSES.has(d.status),
  );
  return { repo, items, dependencies };
}
