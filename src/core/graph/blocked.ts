// What is blocked, by what, and the chain back to the work that would unblock it.
import type { TodoRow } from '../model.js';
import { type Graph, isResolved, itemRepos, itemTitle, unfinishedPrerequisitePlans, unresolvedBlockers, workItem } from './graph.js';
import { layerWaves } from './order.js';

export interface BlockerRef {
  id: string;
  kind: 'todo' | 'issue' | 'missing';
  title?: string;
  status?: string;
  repos: string[];
}

export interface BlockedTodo {
  todo: TodoRow;
  /** Unresolved items this todo waits on directly. */
  blockers: BlockerRef[];
  /** Unresolved items at the far end of the chains: nothing blocks them, so working on them unblocks this. */
  roots: BlockerRef[];
  /** The longest chain of unresolved blockers, from this todo to a root: [this, blocker, ..., root]. */
  chain: string[];
  /** Plans in `depends_on` of this todo's plan that are not finished yet. */
  waiting_on_plans: string[];
}

export function describeBlocker(g: Graph, id: string): BlockerRef {
  const item = workItem(g, id);
  if (!item) return { id, kind: 'missing', repos: [] };
  return { id, kind: item.kind, title: itemTitle(item), status: item.row.status, repos: itemRepos(item) };
}

export interface Reach {
  roots: string[];
  length: number;
  next?: string;
}

/**
 * For the unresolved items `nodes` (with every unresolved item they wait on, directly or not), in one pass
 * with blockers before the items they block: the roots behind each and the longest chain. Items on a cycle
 * get only their direct blockers (lint reports the cycle). An item's answer depends only on the items it
 * waits on and, on a cycle, on which of those come before it by id: the same whatever else is in `nodes`.
 */
export function computeReach(g: Graph, nodes: readonly string[]): Map<string, Reach> {
  const reach = new Map<string, Reach>();
  const { order, cyclic } = layerWaves(g, nodes);
  for (const id of [...order, ...cyclic]) {
    const direct = unresolvedBlockers(g, id);
    const roots = new Set<string>();
    let best: Reach = { roots: [], length: 1 };
    for (const b of direct) {
      const r = reach.get(b);
      const bDirect = r ? undefined : unresolvedBlockers(g, b);
      if (!r && bDirect && bDirect.length > 0) {
        roots.add(b); // a cyclic or missing neighbour: stop here
        continue;
      }
      if (!r || r.roots.length === 0) roots.add(b);
      else for (const x of r.roots) roots.add(x);
      const length = (r?.length ?? 1) + 1;
      if (length > best.length) best = { roots: [], length, next: b };
    }
    reach.set(id, { ...best, roots: [...roots] });
  }
  return reach;
}

function chainFrom(reach: Map<string, Reach>, id: string): string[] {
  const chain: string[] = [];
  const seen = new Set<string>();
  let cur: string | undefined = id;
  while (cur !== undefined && !seen.has(cur)) {
    seen.add(cur);
    chain.push(cur);
    cur = reach.get(cur)?.next;
  }
  return chain;
}

/** Whether an unresolved todo waits on something: an unresolved blocker, an unfinished plan, or its own status. */
export function isBlocked(g: Graph, todo: TodoRow): boolean {
  if (isResolved(g, todo.id)) return false;
  return todo.status === 'blocked' || unresolvedBlockers(g, todo.id).length > 0 || unfinishedPrerequisitePlans(g, todo).length > 0;
}

/** Unresolved todos that wait on something unresolved (or are marked blocked), with their chains. */
export function computeBlocked(g: Graph, options: { repo?: string; limit?: number } = {}): BlockedTodo[] {
  const found: { todo: TodoRow; direct: string[]; plans: string[] }[] = [];
  for (const todo of g.todos.values()) {
    if (options.repo && todo.repo !== options.repo) continue;
    if (isResolved(g, todo.id)) continue;
    const direct = unresolvedBlockers(g, todo.id);
    const plans = unfinishedPrerequisitePlans(g, todo);
    if (direct.length === 0 && plans.length === 0 && todo.status !== 'blocked') continue;
    found.push({ todo, direct, plans });
    if (options.limit !== undefined && found.length >= options.limit) break;
  }
  if (found.length === 0) return [];
  // Chains worked out over what the listed todos wait on, not the whole graph (`blocked --limit 20`).
  const reach = computeReach(g, waitedOn(g, found.map((f) => f.todo.id)));
  return found.map(({ todo, direct, plans }) => ({
    todo,
    blockers: direct.map((id) => describeBlocker(g, id)),
    roots: (reach.get(todo.id)?.roots ?? direct).map((id) => describeBlocker(g, id)),
    chain: chainFrom(reach, todo.id),
    waiting_on_plans: plans,
  }));
}

/** `ids` and every unresolved todo or issue they wait on, directly or through others. */
export function waitedOn(g: Graph, ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const stack = [...ids];
  while (stack.length) {
    const id = stack.pop()!;
    if (seen.has(id)) continue;
    seen.add(id);
    for (const b of g.blockers.get(id) ?? []) if (!seen.has(b) && (g.todos.has(b) || g.issues.has(b)) && !isResolved(g, b)) stack.push(b);
  }
  return [...seen];
}
