// Read use-cases: lists, details and the dependency-aware queries, over the current snapshot (details and
// filtered lists over the few records they need, from the index, when the snapshot is not in memory).
import { computeBlocked, describeBlocker, type BlockedTodo, type BlockerRef } from '../core/graph/blocked.js';
import { computeCriticalPath, type CriticalPath } from '../core/graph/critical-path.js';
import { filterDependencies, filterIssues, filterPlans, filterTodos, inTodoOrder, pageOf, todoFilterIsEmpty, windowOf, type DependencyFilter, type IssueFilter, type Page, type PlanFilter, type TodoFilter } from '../core/graph/filters.js';
import { blockersOf, findRepo, type Graph, unresolvedBlockers } from '../core/graph/graph.js';
import { computeRepoDiagram, computeTodoDiagram, type Diagram } from '../core/graph/diagram.js';
import { computeWaves, type Waves } from '../core/graph/order.js';
import { computePlanProgress, computeRoadmap, type MilestoneProgress, type PlanProgress, type Progress } from '../core/graph/progress.js';
import { computeReady, isReady, type ReadyOptions, type ReadyTodo } from '../core/graph/ready.js';
import { computeBlockedBy, computeBlocking, type RepoBlockedBy, type RepoBlocking } from '../core/graph/repo-blocking.js';
import { computeEcosystemStatus, computeRepoStatus, type EcosystemStatus, type RepoStatus } from '../core/graph/status.js';
import { computeWorkload, type Workload } from '../core/graph/workload.js';
import { PRIORITY_RANK } from '../core/enums.js';
import { ConcordError, suggest } from '../core/errors.js';
import { hint, op } from '../core/hints.js';
import { type Dependency, type Issue, type IssueRow, type Milestone, type Plan, type Repo, type Role, type Todo, type TodoRow, toTodoRow } from '../core/model.js';
import { notFound } from '../core/mutations/references.js';
import type { LeaseView } from '../core/claims.js';
import { heldTodos, liveLease, staleAmong } from './leases.js';
import { answered } from './answers.js';
import { missingRecordError } from './invalid-records.js';
import { loadSnapshot } from './snapshot.js';
import { subgraph } from './subgraph.js';
import type { Workspace } from './workspace.js';


async function graphOf(ws: Workspace): Promise<Graph> {
  return (await loadSnapshot(ws)).graph;
}

/** A repo by name or nickname. */
export function resolveRepo(g: Graph, nameOrNick: string): Repo {
  const found = findRepo(g, nameOrNick);
  if (found) return found;
  const guess = suggest(nameOrNick, [...g.repos.keys()]);
  throw new ConcordError('REPO_NOT_FOUND', `repo "${nameOrNick}" is not in the catalog`, {
    hint: guess ? `did you mean "${guess}"?` : hint`list repos with ${op('repo.list')}`,
    data: { repo: nameOrNick, ...(guess ? { suggestion: guess } : {}) },
  });
}

const repoNames = (g: Graph, names: readonly string[] | undefined) => names?.map((n) => resolveRepo(g, n).name);

/** Todos, filtered; `stale`: only those in progress with no live lease (the list of stale work). */
export async function listTodos(ws: Workspace, filter: TodoFilter & { stale?: boolean } = {}): Promise<Page<TodoRow>> {
  const loaded = await loadSnapshot(ws);
  // Without the snapshot in memory, the index narrows the rows first (or gives the window itself); the
  // filter then runs over fewer rows, in the same order, with the same answer.
  const { stale, ...rest } = filter;
  // The catalog (for nicknames) only when the filter names repos.
  const f: TodoFilter = { ...rest, ...(rest.repo ? { repo: repoNames(subgraph(ws, loaded, []), rest.repo) } : {}) };
  const held = stale ? heldTodos(ws) : undefined;
  let rows: Iterable<TodoRow>;
  if (loaded.decoded !== false) rows = loaded.graph.todos.values();
  else if (!held && todoFilterIsEmpty(f)) {
    const { offset } = windowOf(f, 0);
    const { rows: items, total } = ws.index.servedWindow('todos', offset, f.limit === undefined ? undefined : Math.max(0, f.limit));
    return pageOf(items.map((r) => toTodoRow(r.record as Todo)), total, f);
  } else {
    const where = { status: held ? ['in_progress'] : f.status, priority: f.priority, repo: f.repo, assignee: f.assignee, plan: f.plan, milestone: f.milestone, issue: f.issue };
    if (!held) {
      // Only the keys the filter's words and the sort read (columns and labels matched in SQL): filterTodos
      // sorts and windows these the same way, and only the page's records are decoded (not every matching one).
      const sortField = f.sort?.replace(/^-/, '');
      const keyField = sortField === 'estimate' ? 'estimated_hours' : sortField;
      const fields = [...(keyField && keyField !== 'id' ? [keyField] : []), ...(f.text ? ['task'] : [])];
      // SQLite sorts them (by the bytes of text, not as compareText does): kept when the sort would keep
      // them as they are, else sorted again from file order, so the page is the one filterTodos gives.
      const order = keyField ? { field: keyField, desc: f.sort!.startsWith('-'), ...(keyField === 'priority' ? { ranks: PRIORITY_RANK } : {}) } : undefined;
      const keys = ws.index.servedKeys('todos', where, f.label, fields, order) as unknown as (TodoRow & { ordinal: number })[];
      const sorted = f.sort !== undefined && inTodoOrder(keys, f.sort);
      if (f.sort !== undefined && !sorted) keys.sort((a, b) => a.ordinal - b.ordinal);
      const p = filterTodos(keys, { text: f.text, ...(sorted ? {} : { sort: f.sort }), limit: f.limit, offset: f.offset });
      const ordinals = (p.items as unknown as { ordinal: number }[]).map((k) => k.ordinal);
      return { ...p, items: ws.index.servedAt('todos', ordinals).map((r) => toTodoRow(r.record as Todo)) };
    }
    rows = ws.index.servedWhere('todos', where, f.label).map((r) => toTodoRow(r.record as Todo));
  }
  if (held) rows = [...rows].filter((t) => t.status === 'in_progress' && !held.has(t.id));
  return filterTodos(rows, f);
}

export interface TodoDetail {
  todo: Todo;
  extra?: Record<string, unknown>;
  ready: boolean;
  /** Unresolved items this todo waits on. */
  blockers: BlockerRef[];
  /** Every item this todo waits on (resolved ones too), with its status. */
  blocked_by: BlockerRef[];
  /** Items waiting on this todo. */
  blocking: BlockerRef[];
  /** The live lease on it (claim or run), if one holds it; never its token. */
  claim?: LeaseView;
  /** In progress with no live lease: abandoned (or hand-set) work anyone may claim. */
  stale: boolean;
}

export async function getTodo(ws: Workspace, id: string): Promise<TodoDetail> {
  const loaded = await loadSnapshot(ws);
  const g = subgraph(ws, loaded, [id]);
  const found = ws.index.record('todos', id);
  if (!found || !g.todos.has(id)) throw missingRecordError(ws, 'todos', id, () => notFound('TODO_NOT_FOUND', 'todo', id, loaded.decoded === false ? ws.index.servedIds('todos') : g.todos.keys()));
  const row = g.todos.get(id)!;
  const claim = await liveLease(ws, id);
  return {
    todo: found.record as Todo,
    ...(found.extra ? { extra: found.extra } : {}),
    ready: isReady(g, row, heldTodos(ws)),
    blockers: unresolvedBlockers(g, id).map((b) => describeBlocker(g, b)),
    blocked_by: blockersOf(g, id).map((b) => describeBlocker(g, b)),
    blocking: (g.dependents.get(id) ?? []).map((d) => describeBlocker(g, d)),
    ...(claim ? { claim } : {}),
    stale: row.status === 'in_progress' && !claim,
  };
}

export async function listIssues(ws: Workspace, filter: IssueFilter = {}): Promise<Page<IssueRow>> {
  const g = await graphOf(ws);
  return filterIssues(g.issues.values(), { ...filter, ...(filter.repo ? { repo: repoNames(g, filter.repo) } : {}) });
}

export interface IssueDetail {
  issue: Issue;
  extra?: Record<string, unknown>;
  /** Todos linked to the issue (todo.issue) and items it blocks. */
  todos: TodoRow[];
  blocking: BlockerRef[];
  /** Unresolved items this issue waits on. */
  blockers: BlockerRef[];
  /** Every item this issue waits on, with its status. */
  blocked_by: BlockerRef[];
  plans: string[];
}

export async function getIssue(ws: Workspace, id: string): Promise<IssueDetail> {
  const loaded = await loadSnapshot(ws);
  const g = subgraph(ws, loaded, [id], loaded.decoded === false ? ws.index.servedWhere('todos', { issue: [id] }) : []);
  const found = ws.index.record('issues', id);
  if (!found || !g.issues.has(id)) throw missingRecordError(ws, 'issues', id, () => notFound('ISSUE_NOT_FOUND', 'issue', id, loaded.decoded === false ? ws.index.servedIds('issues') : g.issues.keys()));
  return {
    issue: found.record as Issue,
    ...(found.extra ? { extra: found.extra } : {}),
    todos: [...g.todos.values()].filter((t) => t.issue === id),
    blocking: (g.dependents.get(id) ?? []).map((d) => describeBlocker(g, d)),
    blockers: unresolvedBlockers(g, id).map((b) => describeBlocker(g, b)),
    blocked_by: blockersOf(g, id).map((b) => describeBlocker(g, b)),
    plans: [...g.plans.values()].filter((p) => p.issues.includes(id as never) || g.issues.get(id)?.plan === p.id).map((p) => p.id),
  };
}

/** Plans with their progress rolled up from their todos and issues. */
export async function listPlans(ws: Workspace, filter: PlanFilter = {}): Promise<Page<Plan & { progress: Progress }>> {
  const g = await graphOf(ws);
  const page = filterPlans(g.plans.values(), { ...filter, ...(filter.repo ? { repo: repoNames(g, filter.repo) } : {}) });
  const progress = new Map(computePlanProgress(g, ws.today()).map((p) => [p.id, p.progress]));
  return { ...page, items: page.items.map((p) => ({ ...p, progress: progress.get(p.id)! })) };
}

export interface PlanDetail {
  plan: Plan;
  extra?: Record<string, unknown>;
  progress: PlanProgress;
}

export async function getPlan(ws: Workspace, id: string): Promise<PlanDetail> {
  const g = await graphOf(ws);
  const plan = g.plans.get(id);
  if (!plan) throw missingRecordError(ws, 'plans', id, () => notFound('PLAN_NOT_FOUND', 'plan', id, g.plans.keys()));
  const extra = ws.index.record('plans', id)?.extra;
  return { plan, ...(extra ? { extra } : {}), progress: computePlanProgress(g, ws.today(), id)[0]! };
}

/** Milestones of every plan (or of some), with progress, in plan order. */
export async function listMilestones(ws: Workspace, filter: { plan?: readonly string[]; status?: readonly string[] } = {}): Promise<MilestoneProgress[]> {
  const g = await graphOf(ws);
  for (const p of filter.plan ?? []) if (!g.plans.has(p)) throw notFound('PLAN_NOT_FOUND', 'plan', p, g.plans.keys());
  return computePlanProgress(g, ws.today())
    .filter((p) => !filter.plan?.length || filter.plan.includes(p.id))
    .flatMap((p) => p.milestones)
    .filter((m) => !filter.status?.length || filter.status.includes(m.status));
}

export interface MilestoneDetail {
  milestone: Milestone;
  plan: { id: string; title: string };
  progress: MilestoneProgress;
}

export async function getMilestone(ws: Workspace, id: string): Promise<MilestoneDetail> {
  const g = await graphOf(ws);
  const found = g.milestones.get(id);
  if (!found) throw notFound('MILESTONE_NOT_FOUND', 'milestone', id, g.milestones.keys());
  const progress = computePlanProgress(g, ws.today(), found.plan.id)[0]!.milestones.find((m) => m.id === id)!;
  return { milestone: found.milestone, plan: { id: found.plan.id, title: found.plan.title }, progress };
}

export async function listDependencies(ws: Workspace, filter: DependencyFilter = {}): Promise<Page<Dependency>> {
  const g = await graphOf(ws);
  return filterDependencies(g.dependencies.values(), {
    ...filter,
    ...(filter.consumer ? { consumer: repoNames(g, filter.consumer) } : {}),
    ...(filter.provider ? { provider: repoNames(g, filter.provider) } : {}),
  });
}

export async function getDependency(ws: Workspace, id: string): Promise<Dependency> {
  const g = await graphOf(ws);
  const d = g.dependencies.get(id);
  if (!d) throw missingRecordError(ws, 'dependencies', id, () => notFound('DEPENDENCY_NOT_FOUND', 'dependency', id, g.dependencies.keys()));
  return d;
}

export async function listRepos(ws: Workspace): Promise<{ repos: Repo[]; roles: Role[] }> {
  const s = (await loadSnapshot(ws)).snapshot;
  return { repos: s.repos, roles: s.roles };
}

// Whole-graph queries: their answers are kept per version of the file (answers.ts).
const repoOf = (g: Graph, repo: string | undefined) => (repo ? { repo: resolveRepo(g, repo).name } : {});

/** Ready todos, and (flagged `stale`) todos in progress with no live lease that could be claimed: reclaimable. */
export async function ready(ws: Workspace, options: Omit<ReadyOptions, 'held' | 'stale'> = {}): Promise<ReadyTodo[]> {
  return answered(ws, 'ready', (c) => ({ ...options, ...repoOf(c, options.repo) }), (g, o, m) => computeReady(g, { ...o, held: m.held, stale: staleAmong(g, m.held) }));
}

export async function blocked(ws: Workspace, options: { repo?: string; limit?: number } = {}): Promise<BlockedTodo[]> {
  return answered(ws, 'blocked', (c) => ({ ...options, ...repoOf(c, options.repo) }), (g, o) => computeBlocked(g, o));
}

export async function blocking(ws: Workspace, repo: string): Promise<RepoBlocking> {
  return answered(ws, 'blocking', (c) => resolveRepo(c, repo).name, (g, name) => computeBlocking(g, name));
}

export async function blockedBy(ws: Workspace, repo: string): Promise<RepoBlockedBy> {
  return answered(ws, 'blocked-by', (c) => resolveRepo(c, repo).name, (g, name) => computeBlockedBy(g, name));
}

export async function criticalPath(ws: Workspace, options: { plan?: string; repo?: string } = {}): Promise<CriticalPath> {
  return answered(
    ws,
    'critical-path',
    (c) => {
      if (options.plan && !c.plans.has(options.plan)) throw notFound('PLAN_NOT_FOUND', 'plan', options.plan, c.plans.keys());
      return { ...options, ...repoOf(c, options.repo) };
    },
    (g, o) => computeCriticalPath(g, o),
  );
}

export async function waves(ws: Workspace, options: { plan?: string; repo?: string } = {}): Promise<Waves> {
  return answered(ws, 'waves', (c) => ({ ...options, ...repoOf(c, options.repo) }), (g, o) => computeWaves(g, o));
}

export async function roadmap(ws: Workspace, options: { all?: boolean } = {}): Promise<PlanProgress[]> {
  return answered(ws, 'roadmap', () => options, (g, o, m) => computeRoadmap(g, m.today, o));
}

export async function workload(ws: Workspace, options: { repo?: string; assignee?: string } = {}): Promise<Workload> {
  return answered(ws, 'workload', (c) => ({ ...options, ...repoOf(c, options.repo) }), (g, o, m) => computeWorkload(g, { ...o, held: m.held }));
}

export async function repoStatus(ws: Workspace, repo: string): Promise<RepoStatus> {
  return answered(ws, 'repo-status', (c) => resolveRepo(c, repo).name, (g, name, m) => computeRepoStatus(g, resolveRepo(g, name), m.today, { held: m.held }));
}

export async function ecosystemStatus(ws: Workspace): Promise<EcosystemStatus & { problems: { errors: number; warnings: number } }> {
  const status = await answered(ws, 'status', () => null, (g, _, m) => computeEcosystemStatus(g, m.today, { held: m.held }));
  return { ...status, problems: (await loadSnapshot(ws)).summary };
}


/** The repo dependency graph, or the todo graph (blocker -> blocked) with the critical path marked. */
export async function diagram(ws: Workspace, options: { graph?: 'repos' | 'todos'; plan?: string; repo?: string; all?: boolean } = {}): Promise<Diagram> {
  const g = await graphOf(ws);
  const repo = options.repo ? resolveRepo(g, options.repo).name : undefined;
  if (options.plan && !g.plans.has(options.plan)) throw notFound('PLAN_NOT_FOUND', 'plan', options.plan, g.plans.keys());
  if (options.graph === 'todos') return computeTodoDiagram(g, { ...(options.plan ? { plan: options.plan } : {}), ...(repo ? { repo } : {}), ...(options.all ? { all: true } : {}) });
  return computeRepoDiagram(g, repo ? { repo } : {});
}
