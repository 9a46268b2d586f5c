// Status of one repo and of the whole ecosystem (the seed's `status` report).
import { listHas } from '../ids.js';
import type { Dependency, IssueRow, Repo } from '../model.js';
import { isBlocked } from './blocked.js';
import { type Graph, isResolved } from './graph.js';
import { computePlanProgress, type PlanProgress } from './progress.js';
import { computeReady, isReady, type ReadyTodo, remainingHours } from './ready.js';
import { computeBlockedBy, computeBlocking, type RepoBlockedBy, type RepoBlocking } from './repo-blocking.js';

export interface RepoStatus {
  repo: Repo;
  todos: { total: number; by_status: Record<string, number>; ready: number; blocked: number; remaining_hours: number };
  ready: ReadyTodo[];
  open_issues: IssueRow[];
  dependencies: { as_consumer: Dependency[]; as_provider: Dependency[] };
  blocking: RepoBlocking;
  blocked_by: RepoBlockedBy;
  plans: Pick<PlanProgress, 'id' | 'title' | 'status' | 'progress'>[];
}

export function computeRepoStatus(g: Graph, repo: Repo, today: string, options: { held?: ReadonlySet<string>; readyLimit?: number } = {}): RepoStatus {
  const by_status: Record<string, number> = {};
  let total = 0;
  let remaining = 0;
  // The todos computeBlocked lists, counted without working out their chains.
  let blocked = 0;
  for (const t of g.todos.values()) {
    if (t.repo !== repo.name) continue;
    total++;
    by_status[t.status] = (by_status[t.status] ?? 0) + 1;
    remaining += remainingHours(t);
    if (isBlocked(g, t)) blocked++;
  }
  const ready = computeReady(g, { repo: repo.name, ...(options.held ? { held: options.held } : {}) });
  const plans = computePlanProgress(g, today)
    .filter((p) => listHas(p.repos, repo.name) || p.todos.some((id) => g.todos.get(id)?.repo === repo.name))
    .map(({ id, title, status, progress }) => ({ id, title, status, progress }));
  return {
    repo,
    todos: { total, by_status, ready: ready.length, blocked, remaining_hours: Math.round(remaining * 100) / 100 },
    ready: ready.slice(0, options.readyLimit ?? 5),
    open_issues: [...g.issues.values()].filter((i) => listHas(i.repos, repo.name) && !isResolved(g, i.id)),
    dependencies: {
      as_consumer: [...g.dependencies.values()].filter((d) => d.consumer === repo.name),
      as_provider: [...g.dependencies.values()].filter((d) => d.provider === repo.name),
    },
    blocking: computeBlocking(g, repo.name),
    blocked_by: computeBlockedBy(g, repo.name),
    plans,
  };
}

export interface RepoSummary {
  name: string;
  role?: string;
  open_todos: number;
  ready: number;
  blocked: number;
  open_issues: number;
  unmet_dependencies: number;
}

export interface EcosystemStatus {
  counts: {
    repos: number;
    roles: number;
    issues: Record<string, number>;
    plans: Record<string, number>;
    todos: Record<string, number>;
    dependencies: Record<string, number>;
  };
  ready: number;
  blocked: number;
  remaining_hours: number;
  repos: RepoSummary[];
  plans: Pick<PlanProgress, 'id' | 'title' | 'status' | 'target' | 'overdue' | 'progress'>[];
}

const count = <T>(items: Iterable<T>, key: (t: T) => string) => {
  const out: Record<string, number> = {};
  for (const x of items) out[key(x)] = (out[key(x)] ?? 0) + 1;
  return out;
};

export function computeEcosystemStatus(g: Graph, today: string, options: { held?: ReadonlySet<string> } = {}): EcosystemStatus {
  // Only counted: the todos computeReady would list, without its impact pass and sort (~150 ms of a
  // first `status` at 10,000 todos, which has no kept answer), and computeBlocked's, without their chains.
  let ready = 0;
  let blocked = 0;
  const readyByRepo: Record<string, number> = {};
  const blockedByRepo: Record<string, number> = {};
  for (const t of g.todos.values()) {
    const key = t.repo ?? '';
    if (isReady(g, t, options.held)) {
      ready++;
      readyByRepo[key] = (readyByRepo[key] ?? 0) + 1;
    }
    if (isBlocked(g, t)) {
      blocked++;
      blockedByRepo[key] = (blockedByRepo[key] ?? 0) + 1;
    }
  }
  const summaries = new Map<string, RepoSummary>();
  for (const r of g.repos.values()) {
    summaries.set(r.name, {
      name: r.name,
      ...(r.role ? { role: r.role } : {}),
      open_todos: 0,
      ready: readyByRepo[r.name] ?? 0,
      blocked: blockedByRepo[r.name] ?? 0,
      open_issues: 0,
      unmet_dependencies: 0,
    });
  }
  let remaining = 0;
  for (const t of g.todos.values()) {
    if (isResolved(g, t.id)) continue;
    remaining += remainingHours(t);
    const s = t.repo ? summaries.get(t.repo) : undefined;
    if (s) s.open_todos++;
  }
  for (const i of g.issues.values()) {
    if (isResolved(g, i.id)) continue;
    for (const r of i.repos) {
      const s = summaries.get(r);
      if (s) s.open_issues++;
    }
  }
  for (const d of g.dependencies.values()) {
    if (d.status === 'satisfied' || d.status === 'deprecated' || d.status === 'cancelled') continue;
    const s = summaries.get(d.consumer);
    if (s) s.unmet_dependencies++;
  }
  return {
    counts: {
      repos: g.repos.size,
      roles: g.roles.size,
      issues: count(g.issues.values(), (i) => i.status),
      plans: count(g.plans.values(), (p) => p.status),
      todos: count(g.todos.values(), (t) => t.status),
      dependencies: count(g.dependencies.values(), (d) => d.status),
    },
    ready,
    blocked,
    remaining_hours: Math.round(remaining * 100) / 100,
    repos: [...summaries.values()],
    plans: computePlanProgress(g, today).map(({ id, title, status, target, overdue, progress }) => ({
      id,
      title,
      status,
      ...(target ? { target } : {}),
      overdue,
      progress,
    })),
  };
}
