// Keeps blocker edges symmetric: A.blocked_by has B exactly when B.blocking has A.
import { listHas } from '../ids.js';
import { ConcordError } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import type { SectionName } from '../sections.js';
import type { RecordChange } from './change.js';
import { type InvalidLookup, requireWorkItem } from './references.js';

export interface Edges {
  blocked_by: readonly string[];
  blocking: readonly string[];
}

const sectionOf = (g: Graph, id: string): SectionName => (g.todos.has(id) ? 'todos' : 'issues');

/**
 * Changes to the other end of every edge that `id` gained or lost. `before` is empty for a new item.
 * Each neighbour gets one change, computed from its current lists, whatever number of edges moved.
 */
export function planEdgeSync(g: Graph, id: string, before: Edges, after: Edges, now: string, invalid?: InvalidLookup): RecordChange[] {
  for (const other of [...after.blocked_by, ...after.blocking]) {
    if (other === id) throw new ConcordError('DEPENDENCY_CYCLE', `${id} cannot block itself`, { hint: `remove ${id} from its own blocked_by/blocking` });
  }
  const edits = new Map<string, { blocking: Set<string>; blocked_by: Set<string> }>();
  const entry = (other: string) => {
    let e = edits.get(other);
    if (!e) {
      const row = g.todos.get(other) ?? g.issues.get(other);
      e = { blocking: new Set(row?.blocking ?? []), blocked_by: new Set(row?.blocked_by ?? []) };
      edits.set(other, e);
    }
    return e;
  };
  const added = (a: readonly string[], b: readonly string[]) => a.filter((x) => !b.includes(x));
  // A record being created has an id no one has seen yet: say so, or the error would puzzle.
  const who = g.todos.has(id) || g.issues.has(id) ? id : `${id} (being created)`;
  for (const b of added(after.blocked_by, before.blocked_by)) {
    requireWorkItem(g, b, `${who} blocked_by`, invalid);
    entry(b).blocking.add(id);
  }
  for (const b of added(before.blocked_by, after.blocked_by)) if (g.todos.has(b) || g.issues.has(b)) entry(b).blocking.delete(id);
  for (const d of added(after.blocking, before.blocking)) {
    requireWorkItem(g, d, `${who} blocking`, invalid);
    entry(d).blocked_by.add(id);
  }
  for (const d of added(before.blocking, after.blocking)) if (g.todos.has(d) || g.issues.has(d)) entry(d).blocked_by.delete(id);

  const changes: RecordChange[] = [];
  for (const [other, e] of edits) {
    const row = g.todos.get(other) ?? g.issues.get(other)!;
    const set: Record<string, unknown> = {};
    if (!sameList(row.blocking, e.blocking)) set['blocking'] = [...e.blocking];
    if (!sameList(row.blocked_by, e.blocked_by)) set['blocked_by'] = [...e.blocked_by];
    if (Object.keys(set).length === 0) continue;
    changes.push({ op: 'update', section: sectionOf(g, other), id: other, set: { ...set, updated: now } });
  }
  return changes;
}

/** Removes every edge to `id` from its neighbours (for a deleted item). */
export function planEdgeRemoval(g: Graph, id: string, now: string): RecordChange[] {
  const row = g.todos.get(id) ?? g.issues.get(id);
  if (!row) return [];
  const neighbours = new Set([...row.blocked_by, ...row.blocking, ...(g.blockers.get(id) ?? []), ...(g.dependents.get(id) ?? [])]);
  const changes: RecordChange[] = [];
  for (const other of neighbours) {
    const o = g.todos.get(other) ?? g.issues.get(other);
    if (!o || other === id) continue;
    const set: Record<string, unknown> = {};
    if (listHas(o.blocking, id)) set['blocking'] = o.blocking.filter((x) => x !== id);
    if (listHas(o.blocked_by, id)) set['blocked_by'] = o.blocked_by.filter((x) => x !== id);
    if (Object.keys(set).length) changes.push({ op: 'update', section: sectionOf(g, other), id: other, set: { ...set, updated: now } });
  }
  return changes;
}

function sameList(a: readonly string[], b: Set<string>): boolean {
  return a.length === b.size && a.every((x) => b.has(x));
}
