// The part of the graph a question about a few items needs, read from the index without decoding the snapshot.
import { buildGraph, type Graph } from '../core/graph/graph.js';
import { type Dependency, type Issue, type Plan, type Repo, type Role, type Todo, toIssueRow, toTodoRow } from '../core/model.js';
import type { ServedRecord } from '../state/index-store.js';
import type { LoadedSnapshot, WorkspaceCore as Workspace } from './workspace-core.js';

/**
 * A graph with what questions about the items `ids` need, read from the index without decoding the rest:
 * their rows, their blockers and the items waiting on them (with the same lists, in the same order, as the
 * full graph), the rows of those, and every repo, role, plan and dependency. Only lookups about `ids` are
 * complete.
 * `todos` adds rows (the todos of an issue). The full graph when it is decoded already.
 */
export function subgraph(ws: Workspace, loaded: LoadedSnapshot, ids: readonly string[], todos: readonly ServedRecord[] = []): Graph {
  if (loaded.decoded !== false) return loaded.graph;
  const blockers = new Map<string, string[]>();
  for (const l of ws.index.links(ids, 'blocked')) {
    const list = blockers.get(l.blocked) ?? [];
    if (!list.includes(l.blocker)) list.push(l.blocker);
    blockers.set(l.blocked, list);
  }
  // buildGraph lists the items waiting on X in the order each of them got its first blocker.
  const waiting = ws.index.links(ids, 'blocker');
  const first = new Map<string, number>();
  ws.index.links(new Set(waiting.map((l) => l.blocked)), 'blocked').forEach((l, i) => first.has(l.blocked) || first.set(l.blocked, i));
  const dependents = new Map<string, string[]>();
  for (const l of waiting) {
    const list = dependents.get(l.blocker) ?? [];
    if (!list.includes(l.blocked)) list.push(l.blocked);
    dependents.set(l.blocker, list);
  }
  for (const list of dependents.values()) list.sort((a, b) => first.get(a)! - first.get(b)!);
  const wanted = new Set([...ids, ...[...blockers.values()].flat(), ...[...dependents.values()].flat()]);
  const rows = (section: 'todos' | 'issues', extra: readonly ServedRecord[] = []) => {
    const byId = new Map([...extra, ...ws.index.servedByIds(section, wanted)].map((r) => [r.id, r]));
    return [...byId.values()].sort((a, b) => a.ordinal - b.ordinal).map((r) => r.record);
  };
  const all = (section: 'repos' | 'roles' | 'plans' | 'dependencies') => ws.index.servedWhere(section, {}).map((r) => r.record);
  const g = buildGraph({
    meta: {},
    repos: all('repos') as Repo[],
    roles: all('roles') as Role[],
    plans: all('plans') as Plan[],
    issues: rows('issues').map((r) => toIssueRow(r as Issue)),
    todos: rows('todos', todos).map((r) => toTodoRow(r as Todo)),
    dependencies: all('dependencies') as Dependency[],
  });
  return { ...g, blockers, dependents };
}
