// Invariants a write must keep, checked on the state after the write and before anything is written.
import { sameValue } from './diff.js';
import { ConcordError } from './errors.js';
import { findCycleThrough, formatCycle, idsOnCycles } from './graph/cycles.js';
import type { Graph } from './graph/graph.js';
import { requireIssue, requireMilestone, requirePlan, requireRepo, requireWorkItem } from './mutations/references.js';
import { type SectionName, SECTIONS } from './sections.js';
import { assertTransition, type TransitionEntity } from './transitions.js';

export interface TouchedRecord {
  section: SectionName;
  id: string;
  before?: Record<string, unknown>;
  after?: Record<string, unknown>;
}

const TRANSITION_ENTITY: Partial<Record<SectionName, TransitionEntity>> = { todos: 'todo', issues: 'issue', plans: 'plan' };

/**
 * Throws the first broken invariant among the records a write touched: an unknown reference in a field
 * it changed, a blocker cycle through a changed edge, a plan depending on itself through others, or an
 * illegal status transition. Fields the write did not change are not judged (a hand-written file may
 * hold old problems; lint reports those).
 */
export function validateChange(g: Graph, touched: readonly TouchedRecord[], options: ChangeOptions = {}): void {
  const onCycle = cycleCheck(g, touched, options.onCycle);
  for (const t of touched) {
    if (!t.after) continue;
    const after = t.after;
    const before = t.before ?? {};
    const changed = (f: string) => !sameValue(before[f], after[f]);
    const list = (f: string) => (after[f] as string[] | undefined) ?? [];
    const added = (f: string) => list(f).filter((x) => !((before[f] as string[] | undefined) ?? []).includes(x));
    const where = `${SECTIONS[t.section].noun} ${t.id}`;
    const entity = TRANSITION_ENTITY[t.section];
    if (entity && t.before && changed('status') && !options.mirrored) assertTransition(entity, t.id, String(before['status']), String(after['status']));

    if (t.section === 'todos' || t.section === 'issues') {
      for (const f of ['blocked_by', 'blocking']) for (const id of added(f)) requireWorkItem(g, id, `${where} ${f}`);
      if (changed('blocked_by') || changed('blocking')) {
        const cycle = onCycle(t.id) ? findCycleThrough(g, t.id) : undefined;
        if (cycle) {
          throw new ConcordError('DEPENDENCY_CYCLE', `${where} would close a blocker cycle: ${formatCycle(cycle)}`, {
            hint: 'remove one of these edges; each item must be able to finish before the one after it',
            data: { cycle },
          });
        }
      }
      if (changed('plan') && after['plan'] !== undefined) requirePlan(g, String(after['plan']), where);
      if (changed('milestone') && after['milestone'] !== undefined) requireMilestone(g, String(after['milestone']), where);
    }
    if (t.section === 'todos') {
      if (changed('repo') && after['repo'] !== undefined) requireRepo(g, String(after['repo']), where);
      if (changed('issue') && after['issue'] !== undefined) requireIssue(g, String(after['issue']), where);
    }
    if (t.section === 'issues' || t.section === 'plans') for (const r of added('repos')) requireRepo(g, r, where);
    if (t.section === 'plans') {
      for (const i of added('issues')) requireIssue(g, i, where);
      for (const p of added('depends_on')) requirePlan(g, p, where);
      if (changed('depends_on')) {
        const cycle = findPlanCycle(g, t.id);
        if (cycle) throw new ConcordError('DEPENDENCY_CYCLE', `plan ${t.id} would depend on itself: ${formatCycle(cycle)}`, { hint: 'remove one of these depends_on entries', data: { cycle } });
      }
    }
    if (t.section === 'dependencies') {
      if (changed('consumer')) requireRepo(g, String(after['consumer']), `${where} consumer`);
      if (changed('provider')) requireRepo(g, String(after['provider']), `${where} provider`);
    }
  }
}

export interface ChangeOptions {
  /**
   * The records mirror an outside source (an import): their statuses move as the source's did, so the
   * transition table is not applied. References and cycles are checked all the same.
   */
  mirrored?: boolean;
  /**
   * Whether an item lies on a blocker cycle of `g`, answered more cheaply than a search of `g` (the write
   * pipeline asks its index): false skips the search, true runs it for the cycle to report.
   */
  onCycle?: (id: string) => boolean;
}

/** Past this many records with new edges, one pass over the graph finds the cycles instead of one search each. */
const CYCLE_SEARCHES = 16;

/** Whether an item may lie on a cycle: always "maybe" for a few edits, the exact answer for many. */
function cycleCheck(g: Graph, touched: readonly TouchedRecord[], known?: (id: string) => boolean): (id: string) => boolean {
  const edgy = touched.filter((t) => t.after && (t.section === 'todos' || t.section === 'issues') && ['blocked_by', 'blocking'].some((f) => !sameValue(t.before?.[f], t.after?.[f])));
  if (edgy.length <= CYCLE_SEARCHES) return known ?? (() => true);
  const cyclic = idsOnCycles(g);
  return (id) => cyclic.has(id);
}

/** A cycle of plan `depends_on` through `id`, if any: [id, ..., id]. */
export function findPlanCycle(g: Graph, id: string): string[] | undefined {
  const path: string[] = [];
  const onPath = new Set<string>();
  const done = new Set<string>();
  const visit = (p: string): string[] | undefined => {
    if (onPath.has(p)) return p === id ? [...path, p] : undefined;
    if (done.has(p)) return undefined;
    onPath.add(p);
    path.push(p);
    for (const next of g.plans.get(p)?.depends_on ?? []) {
      const found = visit(next);
      if (found) return found;
    }
    path.pop();
    onPath.delete(p);
    done.add(p);
    return undefined;
  };
  return visit(id);
}
