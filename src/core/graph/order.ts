// Topological order and parallel waves of the unresolved work.
import type { Graph } from './graph.js';
import { isResolved } from './graph.js';

export interface Waves {
  /** waves[0] can start now; everything in waves[n] waits only on waves before n. Todos and issues. */
  waves: string[][];
  /** All unresolved items in an order that respects every blocker edge. */
  order: string[];
  /** Items that cannot be ordered because they sit on (or behind) a cycle. */
  cyclic: string[];
}

/**
 * Kahn's algorithm over unresolved todos and issues. Resolved items and missing ids impose nothing:
 * a missing blocker is reported by lint, and for ordering it counts as already outside the plan.
 */
export function computeWaves(g: Graph, options: { repo?: string; plan?: string } = {}): Waves {
  const nodes: string[] = [];
  for (const t of g.todos.values()) {
    if (isResolved(g, t.id)) continue;
    if (options.repo && t.repo !== options.repo) continue;
    if (options.plan && t.plan !== options.plan) continue;
    nodes.push(t.id);
  }
  if (!options.repo && !options.plan) for (const i of g.issues.values()) if (!isResolved(g, i.id)) nodes.push(i.id);
  return layerWaves(g, nodes);
}

/**
 * The one layering of Concord (`waves`, a sweep's waves): Kahn's algorithm over `nodes`, counting only the
 * blocker edges between them; what is left on (or behind) a cycle is `cyclic`. Each wave is sorted by id.
 */
export function layerWaves(g: Graph, nodes: readonly string[]): Waves {
  const inSet = new Set(nodes);
  const remaining = new Map<string, number>();
  for (const id of nodes) remaining.set(id, (g.blockers.get(id) ?? []).filter((b) => inSet.has(b)).length);
  let wave = nodes.filter((id) => remaining.get(id) === 0);
  const waves: string[][] = [];
  const order: string[] = [];
  while (wave.length) {
    wave.sort();
    waves.push(wave);
    order.push(...wave);
    const next: string[] = [];
    for (const id of wave) {
      for (const d of g.dependents.get(id) ?? []) {
        if (!inSet.has(d)) continue;
        const left = remaining.get(d)! - 1;
        remaining.set(d, left);
        if (left === 0) next.push(d);
      }
    }
    wave = next;
  }
  const placed = new Set(order);
  return { waves, order, cyclic: nodes.filter((id) => !placed.has(id)).sort() };
}
