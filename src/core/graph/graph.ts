// The graph over one snapshot: lookups by id and the blocker edges between todos and issues.
import { RESOLVED_ISSUE_STATUSES, RESOLVED_TODO_STATUSES } from '../enums.js';
import type { Dependency, IssueRow, ItemKind, Milestone, Plan, Repo, Role, Snapshot, TodoRow } from '../model.js';

export interface Graph {
  readonly snapshot: Snapshot;
  readonly todos: ReadonlyMap<string, TodoRow>;
  readonly issues: ReadonlyMap<string, IssueRow>;
  readonly plans: ReadonlyMap<string, Plan>;
  readonly milestones: ReadonlyMap<string, { milestone: Milestone; plan: Plan }>;
  readonly dependencies: ReadonlyMap<string, Dependency>;
  readonly repos: ReadonlyMap<string, Repo>;
  readonly roles: ReadonlyMap<string, Role>;
  /** id -> items that must be resolved first: `blocked_by` of the item plus every item listing it in `blocking`. */
  readonly blockers: ReadonlyMap<string, readonly string[]>;
  /** id -> items waiting on it (the reverse of `blockers`). */
  readonly dependents: ReadonlyMap<string, readonly string[]>;
}

/** A work item: a todo or an issue, the two things that can block each other. */
export type WorkItem = { kind: 'todo'; row: TodoRow } | { kind: 'issue'; row: IssueRow };

export function buildGraph(snapshot: Snapshot): Graph {
  const todos = new Map<string, TodoRow>();
  const issues = new Map<string, IssueRow>();
  const plans = new Map<string, Plan>();
  const milestones = new Map<string, { milestone: Milestone; plan: Plan }>();
  const dependencies = new Map<string, Dependency>();
  const repos = new Map<string, Repo>();
  const roles = new Map<string, Role>();
  for (const r of snapshot.repos) if (!repos.has(r.name)) repos.set(r.name, r);
  for (const r of snapshot.roles) if (!roles.has(r.name)) roles.set(r.name, r);
  for (const t of snapshot.todos) if (!todos.has(t.id)) todos.set(t.id, t);
  for (const i of snapshot.issues) if (!issues.has(i.id)) issues.set(i.id, i);
  for (const p of snapshot.plans) {
    if (!plans.has(p.id)) plans.set(p.id, p);
    for (const m of p.milestones) if (!milestones.has(m.id)) milestones.set(m.id, { milestone: m, plan: p });
  }
  for (const d of snapshot.dependencies) if (!dependencies.has(d.id)) dependencies.set(d.id, d);

  const blockerSets = new Map<string, Set<string>>();
  const add = (blocked: string, blocker: string) => {
    if (blocked === blocker) return addSelf(blockerSets, blocked);
    let set = blockerSets.get(blocked);
    if (!set) blockerSets.set(blocked, (set = new Set()));
    set.add(blocker);
  };
  const addEdges = (item: TodoRow | IssueRow) => {
    for (const b of item.blocked_by) add(item.id, b);
    for (const d of item.blocking) add(d, item.id);
  };
  for (const t of todos.values()) addEdges(t);
  for (const i of issues.values()) addEdges(i);

  const blockers = new Map<string, string[]>();
  const dependents = new Map<string, string[]>();
  for (const [blocked, set] of blockerSets) {
    const list = [...set];
    blockers.set(blocked, list);
    for (const b of list) {
      const d = dependents.get(b);
      if (d) d.push(blocked);
      else dependents.set(b, [blocked]);
    }
  }
  return { snapshot, todos, issues, plans, milestones, dependencies, repos, roles, blockers, dependents };
}

function addSelf(sets: Map<string, Set<string>>, id: string): void {
  let set = sets.get(id);
  if (!set) sets.set(id, (set = new Set()));
  set.add(id);
}

/** The repo with this catalog name or nickname. */
export function findRepo(g: Graph, nameOrNick: string): Repo | undefined {
  const direct = g.repos.get(nameOrNick);
  if (direct) return direct;
  for (const r of g.repos.values()) if (r.nickname === nameOrNick || r.nicknames.includes(nameOrNick)) return r;
  return undefined;
}

export function kindOf(g: Graph, id: string): ItemKind | undefined {
  if (g.todos.has(id)) return 'todo';
  if (g.issues.has(id)) return 'issue';
  if (g.plans.has(id)) return 'plan';
  if (g.milestones.has(id)) return 'milestone';
  if (g.dependencies.has(id)) return 'dependency';
  return undefined;
}

export function workItem(g: Graph, id: string): WorkItem | undefined {
  const t = g.todos.get(id);
  if (t) return { kind: 'todo', row: t };
  const i = g.issues.get(id);
  if (i) return { kind: 'issue', row: i };
  return undefined;
}

/**
 * Whether an item no longer holds anything up, judged by its status: a completed or cancelled todo, a
 * resolved or closed issue. An id that is not in the ecosystem (a typo, a deleted or invalid record)
 * is treated as unresolved, so nothing is reported ready on the strength of a broken reference.
 */
export function isResolved(g: Graph, id: string): boolean {
  const t = g.todos.get(id);
  if (t) return RESOLVED_TODO_STATUSES.has(t.status);
  const i = g.issues.get(id);
  if (i) return RESOLVED_ISSUE_STATUSES.has(i.status);
  return false;
}

export function blockersOf(g: Graph, id: string): readonly string[] {
  return g.blockers.get(id) ?? [];
}

export function dependentsOf(g: Graph, id: string): readonly string[] {
  return g.dependents.get(id) ?? [];
}

export function unresolvedBlockers(g: Graph, id: string): string[] {
  return blockersOf(g, id).filter((b) => !isResolved(g, b));
}

/** A plan is finished when it is marked completed or cancelled (explicitly: roll-ups only report progress). */
export function isPlanFinished(g: Graph, planId: string): boolean {
  const plan = g.plans.get(planId);
  if (!plan) return false;
  return plan.status === 'completed' || plan.status === 'cancelled';
}

/** Plans named in `depends_on` of the todo's plan that are not finished yet. */
export function unfinishedPrerequisitePlans(g: Graph, todo: TodoRow): string[] {
  if (!todo.plan) return [];
  const plan = g.plans.get(todo.plan);
  if (!plan) return [];
  return plan.depends_on.filter((p) => !isPlanFinished(g, p));
}

export function itemRepos(item: WorkItem): string[] {
  return item.kind === 'todo' ? (item.row.repo ? [item.row.repo] : []) : item.row.repos;
}

export function itemTitle(item: WorkItem): string {
  return item.kind === 'todo' ? item.row.task : item.row.title;
}
