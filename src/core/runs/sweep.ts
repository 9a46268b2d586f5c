// Sweeps, pure: a plan's (or milestone's) todos in topological waves, what to start next, what a failure
// halts, and what the waves are estimated to take.
//
// A sweep runs the ready todos of its scope under the pools' caps; a failed todo halts only the todos that
// depend on it (directly or not), never the rest; a resumed sweep runs its failed todos again.
import { type Graph, isResolved } from '../graph/graph.js';
import { layerWaves } from '../graph/order.js';

export interface SweepScope {
  plan: string;
  milestone?: string;
}

export interface SweepPlan {
  /** The unresolved todos of the scope, wave by wave: waves[0] can start now. */
  waves: string[][];
  /** Todos of the scope already completed or cancelled. */
  done: string[];
  /** Todos waiting on unresolved work outside the sweep (and their dependents): a sweep cannot start them. */
  waiting: { todo: string; on: string[] }[];
  /** Todos on or behind a cycle of blockers. */
  cyclic: string[];
}

export function inScope(g: Graph, scope: SweepScope): string[] {
  const out: string[] = [];
  for (const t of g.todos.values()) if (t.plan === scope.plan && (!scope.milestone || t.milestone === scope.milestone)) out.push(t.id);
  return out;
}

export function planSweep(g: Graph, scope: SweepScope): SweepPlan {
  const all = inScope(g, scope);
  const done = all.filter((id) => isResolved(g, id));
  const open = all.filter((id) => !isResolved(g, id));
  const set = new Set(open);
  // Unresolved blockers outside the sweep hold a todo (and, through it, its dependents) back.
  const outside = new Map<string, string[]>();
  for (const id of open) {
    const on = (g.blockers.get(id) ?? []).filter((b) => !set.has(b) && !isResolved(g, b));
    if (on.length) outside.set(id, on);
  }
  const held = new Set(outside.keys());
  for (let grew = true; grew; ) {
    grew = false;
    for (const id of open) {
      if (held.has(id)) continue;
      if ((g.blockers.get(id) ?? []).some((b) => held.has(b))) {
        held.add(id);
        grew = true;
      }
    }
  }
  const { waves, cyclic } = layerWaves(g, open.filter((id) => !held.has(id)));
  return {
    waves,
    done,
    waiting: [...held].sort().map((todo) => ({ todo, on: outside.get(todo) ?? (g.blockers.get(todo) ?? []).filter((b) => held.has(b)) })),
    cyclic,
  };
}

/** The last run of a todo in this sweep (since it was last resumed), as the step decision needs it. */
export interface SweepRunState {
  todo: string;
  status: string;
  live: boolean;
}

export interface SweepStep {
  /** Ready to queue now, in wave order. */
  start: string[];
  running: string[];
  succeeded: string[];
  /** Their run ended without success. */
  failed: string[];
  /** Not started because a todo they depend on failed (directly or through others). */
  halted: { todo: string; because: string }[];
  /** Nothing is running and nothing more can start. */
  finished: boolean;
}

export function decideSweepStep(g: Graph, plan: SweepPlan, runs: ReadonlyMap<string, SweepRunState>): SweepStep {
  const order = plan.waves.flat();
  const failed = order.filter((id) => {
    const r = runs.get(id);
    return r !== undefined && !r.live && r.status !== 'succeeded' && !isResolved(g, id);
  });
  const running = order.filter((id) => runs.get(id)?.live);
  const succeeded = [...plan.done, ...order].filter((id) => isResolved(g, id) && runs.get(id)?.status === 'succeeded');
  const halted: { todo: string; because: string }[] = [];
  const cause = new Map<string, string>(failed.map((f) => [f, f]));
  for (const id of order) {
    if (cause.has(id)) continue;
    const blame = (g.blockers.get(id) ?? []).find((b) => cause.has(b));
    if (blame) {
      cause.set(id, cause.get(blame)!);
      halted.push({ todo: id, because: cause.get(blame)! });
    }
  }
  const blocked = (id: string) => (g.blockers.get(id) ?? []).some((b) => !isResolved(g, b));
  const start = order.filter((id) => !cause.has(id) && !runs.get(id)?.live && !isResolved(g, id) && !blocked(id) && g.todos.get(id)?.status === 'pending');
  return { start, running, succeeded, failed, halted, finished: running.length === 0 && start.length === 0 };
}

export interface WaveEstimate {
  wave: number;
  todos: string[];
  /** Sum of the todos' estimated hours (unestimated ones count as 0 and are listed). */
  hours: number;
  /** With `parallel` slots and one run at a time per repo: the longest repo queue, or the slots' share. */
  wall_hours: number;
  unestimated: string[];
}

/** Hours per wave and overall; `parallel` runs at once, serial within a repo (longest-first on free slots). */
export function estimateSweep(g: Graph, plan: SweepPlan, parallel: number): { waves: WaveEstimate[]; hours: number; wall_hours: number } {
  const waves = plan.waves.map((todos, i) => {
    const perRepo = new Map<string, number>();
    const unestimated: string[] = [];
    let hours = 0;
    for (const id of todos) {
      const t = g.todos.get(id)!;
      const h = Math.max(0, (t.estimated_hours ?? 0) - (t.actual_hours ?? 0));
      if (t.estimated_hours === undefined) unestimated.push(id);
      hours += h;
      perRepo.set(t.repo ?? '', (perRepo.get(t.repo ?? '') ?? 0) + h);
    }
    const slots = Array.from({ length: Math.max(1, parallel) }, () => 0);
    for (const h of [...perRepo.values()].sort((a, b) => b - a)) {
      const i = slots.indexOf(Math.min(...slots));
      slots[i]! += h;
    }
    return { wave: i + 1, todos, hours: round(hours), wall_hours: round(Math.max(...slots)), unestimated };
  });
  return { waves, hours: round(waves.reduce((s, w) => s + w.hours, 0)), wall_hours: round(waves.reduce((s, w) => s + w.wall_hours, 0)) };
}

const round = (n: number) => Math.round(n * 100) / 100;
