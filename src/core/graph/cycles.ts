// Cycles in the blocker graph: all of them (for lint) or one through a given item (for a write).
import type { Graph } from './graph.js';

/** Every cycle of blocker edges, each as a path that returns to its start: [A, B, C, A] (A blocks B ...). */
export function findCycles(g: Graph): string[][] {
  return cyclicComponents(blockerNodes(g), (id) => g.dependents.get(id) ?? []).map((component) => cyclePath(g, component));
}

const blockerNodes = (g: Graph) => new Set<string>([...g.blockers.keys(), ...g.dependents.keys()]);

/**
 * The ids that lie on some blocker cycle. One linear pass, for a write that changed the edges of many
 * records at once (an import): asking findCycleThrough for each of them costs the whole graph per record.
 */
export function idsOnCycles(g: Graph): Set<string> {
  const out = new Set<string>();
  for (const component of cyclicComponents(blockerNodes(g), (id) => g.dependents.get(id) ?? [])) for (const id of component) out.add(id);
  return out;
}

/**
 * The strongly connected components that hold a cycle (more than one item, or an item pointing at itself), of
 * any graph given by its nodes and edges: the blocker graph, or the edges an import is about to write.
 */
export function cyclicComponents(nodes: Iterable<string>, next: (id: string) => readonly string[]): Set<string>[] {
  // Tarjan's strongly connected components, iterative so 10,000-long chains do not overflow the stack.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: Set<string>[] = [];
  let counter = 0;
  for (const start of nodes) {
    if (index.has(start)) continue;
    const work: { id: string; next: number }[] = [{ id: start, next: 0 }];
    index.set(start, counter);
    low.set(start, counter++);
    stack.push(start);
    onStack.add(start);
    while (work.length) {
      const frame = work[work.length - 1]!;
      const out = next(frame.id);
      if (frame.next < out.length) {
        const w = out[frame.next++]!;
        if (!index.has(w)) {
          index.set(w, counter);
          low.set(w, counter++);
          stack.push(w);
          onStack.add(w);
          work.push({ id: w, next: 0 });
        } else if (onStack.has(w)) low.set(frame.id, Math.min(low.get(frame.id)!, index.get(w)!));
        continue;
      }
      work.pop();
      const parent = work[work.length - 1];
      if (parent) low.set(parent.id, Math.min(low.get(parent.id)!, low.get(frame.id)!));
      if (low.get(frame.id) === index.get(frame.id)) {
        const component: string[] = [];
        let w: string;
        do {
          w = stack.pop()!;
          onStack.delete(w);
          component.push(w);
        } while (w !== frame.id);
        const selfLoop = component.length === 1 && next(frame.id).includes(frame.id);
        if (component.length > 1 || selfLoop) components.push(new Set(component));
      }
    }
  }
  return components;
}

/** A concrete cycle inside a strongly connected component, starting from its smallest id. */
function cyclePath(g: Graph, component: Set<string>): string[] {
  const start = [...component].sort()[0]!;
  return findCycleThrough(g, start, component) ?? [start, start];
}

/**
 * A cycle through `id` if one exists: [id, X, ..., id] following blocker -> blocked edges. Used before a
 * write to refuse an edge that would close a loop, with the loop in the message.
 */
export function findCycleThrough(g: Graph, id: string, within?: Set<string>): string[] | undefined {
  const parent = new Map<string, string>();
  const queue = [id];
  const seen = new Set<string>([id]);
  for (let qi = 0; qi < queue.length; qi++) {
    const cur = queue[qi]!;
    for (const next of g.dependents.get(cur) ?? []) {
      if (within && !within.has(next)) continue;
      if (next === id) {
        const path = [id];
        let p: string | undefined = cur;
        const back: string[] = [];
        while (p !== undefined && p !== id) {
          back.push(p);
          p = parent.get(p);
        }
        return [...path, ...back.reverse(), id];
      }
      if (!seen.has(next)) {
        seen.add(next);
        parent.set(next, cur);
        queue.push(next);
      }
    }
  }
  return undefined;
}

/** `A -> B -> C -> A`, for messages. */
export function formatCycle(cycle: readonly string[]): string {
  return cycle.join(' -> ');
}
