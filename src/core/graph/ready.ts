// What can be worked on now, best first.
import { PRIORITY_RANK } from '../enums.js';
import { compareText } from '../text-order.js';
import type { TodoRow } from '../model.js';
import { type Graph, isPlanFinished, isResolved } from './graph.js';

export interface ReadyOptions {
  repo?: string;
  /** Only todos in repos that play this role. */
  role?: string;
  assignee?: string;
  plan?: string;
  /** Todos held by a live lease: not ready for anyone else. */
  held?: ReadonlySet<string>;
  /** Todos in progress with no live lease (expired or none): listed, flagged `stale`, when otherwise ready. */
  stale?: ReadonlySet<string>;
  limit?: number;
}

export interface ReadyTodo {
  todo: TodoRow;
  /** Unresolved todos and issues waiting directly on this one. */
  unblocks: number;
  /** Remaining hours on the longest chain this todo starts (itself included). */
  chain_hours: number;
  /** In progress with no live lease (it expired, or there is none): abandoned work, reclaimable. */
  stale?: true;
}

const PAUSED_PLANS = new Set(['on_hold', 'cancelled']);

/** Whether a todo is ready: pending, every blocker resolved, no unfinished prerequisite plan, not held. */
export function isReady(g: Graph, todo: TodoRow, held?: ReadonlySet<string>): boolean {
  if (todo.status !== 'pending') return false;
  if (held?.has(todo.id)) return false;
  // Asked of every todo of the graph: no list of blockers made to be counted.
  for (const b of g.blockers.get(todo.id) ?? []) if (!isResolved(g, b)) return false;
  if (todo.plan) {
    const plan = g.plans.get(todo.plan);
    if (plan && PAUSED_PLANS.has(plan.status)) return false;
    if (plan && plan.depends_on.some((p) => !isPlanFinished(g, p))) return false;
  }
  return true;
}

/**
 * Ready todos, best first: by priority, then by how much work each one unblocks, then by the length of
 * the chain it starts, then oldest first.
 */
export function computeReady(g: Graph, options: ReadyOptions = {}): ReadyTodo[] {
  const impact = computeImpact(g);
  const out: ReadyTodo[] = [];
  for (const todo of g.todos.values()) {
    if (options.repo && todo.repo !== options.repo) continue;
    if (options.assignee && todo.assignee !== options.assignee) continue;
    if (options.plan && todo.plan !== options.plan) continue;
    if (options.role && (!todo.repo || g.repos.get(todo.repo)?.role !== options.role)) continue;
    const stale = todo.status === 'in_progress' && options.stale?.has(todo.id) === true && isReady(g, { ...todo, status: 'pending' }, options.held);
    if (!stale && !isReady(g, todo, options.held)) continue;
    const m = impact.get(todo.id);
    out.push({ todo, unblocks: m?.unblocks ?? 0, chain_hours: m?.chainHours ?? remainingHours(todo), ...(stale ? { stale: true as const } : {}) });
  }
  out.sort(
    (a, b) =>
      PRIORITY_RANK[a.todo.priority] - PRIORITY_RANK[b.todo.priority] ||
      b.unblocks - a.unblocks ||
      b.chain_hours - a.chain_hours ||
      compareText(a.todo.created ?? '', b.todo.created ?? '') ||
      compareText(a.todo.id, b.todo.id),
  );
  return options.limit === undefined ? out : out.slice(0, options.limit);
}

/** Remaining estimated hours of a todo: 0 when resolved; estimate minus time spent when in progress. */
export function remainingHours(todo: TodoRow): number {
  if (todo.status === 'completed' || todo.status === 'cancelled') return 0;
  const est = todo.estimated_hours ?? 0;
  if (todo.status === 'in_progress' && todo.actual_hours !== undefined) return Math.max(est - todo.actual_hours, 0);
  return est;
}

interface Impact {
  unblocks: number;
  chainHours: number;
}

/**
 * For every unresolved item: how many unresolved items wait on it directly, and the remaining hours of
 * the longest chain it starts. One linear pass in reverse topological order; items on a cycle are left
 * out (cycles are reported by lint, never looped on).
 */
export function computeImpact(g: Graph): Map<string, Impact> {
  const out = new Map<string, Impact>();
  for (const id of reverseTopological(g)) {
    const own = g.todos.get(id);
    let best = 0;
    let unblocks = 0;
    for (const d of g.dependents.get(id) ?? []) {
      const sub = out.get(d);
      if (!sub) continue;
      unblocks++;
      if (sub.chainHours > best) best = sub.chainHours;
    }
    out.set(id, { unblocks, chainHours: (own ? remainingHours(own) : 0) + best });
  }
  return out;
}

/** Unresolved todos and issues, each after everything that waits on it (dependents first). */
function reverseTopological(g: Graph): string[] {
  const nodes: string[] = [];
  for (const t of g.todos.values()) if (!isResolved(g, t.id)) nodes.push(t.id);
  for (const i of g.issues.values()) if (!isResolved(g, i.id)) nodes.push(i.id);
  const inSet = new Set(nodes);
  const remaining = new Map<string, number>();
  for (const id of nodes) {
    let waiting = 0;
    for (const d of g.dependents.get(id) ?? []) if (d !== id && inSet.has(d)) waiting++;
    remaining.set(id, waiting);
  }
  const queue = nodes.filter((id) => remaining.get(id) === 0);
  const out: string[] = [];
  for (let qi = 0; qi < queue.length; qi++) {
    const id = queue[qi]!;
    out.push(id);
    for (const b of g.blockers.get(id) ?? []) {
      if (!inSet.has(b) || b === id) continue;
      const left = remaining.get(b)! - 1;
      remaining.set(b, left);
      if (left === 0) queue.push(b);
    }
  }
  return out;
}
