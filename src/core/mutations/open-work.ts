// Guards on writes that would hide open work: completing a plan or milestone with open members, closing an
// issue with open todos under it (a warning), deleting an item that open work still waits on.
import { ConcordError } from '../errors.js';
import { dependentsOf, type Graph, isResolved } from '../graph/graph.js';
import { arg, hint, op } from '../hints.js';
import { computePlanProgress } from '../graph/progress.js';

const FINISHING = new Set(['completed']);

/** The open todos and issues of a plan, or of one of its milestones. */
function openMembers(g: Graph, planId: string, milestoneId?: string): string[] {
  const [p] = computePlanProgress(g, '0000-00-00', planId);
  const scope = milestoneId ? p?.milestones.find((m) => m.id === milestoneId) : p;
  return [...(scope?.todos ?? []), ...(scope?.issues ?? [])].filter((id) => !isResolved(g, id));
}

const statusOf = (g: Graph, id: string) => g.todos.get(id)?.status ?? g.issues.get(id)?.status;
const listed = (g: Graph, ids: readonly string[]) => `${ids.slice(0, 5).map((id) => `${id} ${statusOf(g, id)}`).join(', ')}${ids.length > 5 ? `, and ${ids.length - 5} more` : ''}`;

/**
 * Refuses to mark a plan or milestone completed while some of its todos or issues are open (a plan at 100% in
 * the file with 4 pending todos says something false), unless forced.
 */
export function checkCompletion(g: Graph, what: { plan: string; milestone?: string }, status: string | undefined, force: boolean | undefined): void {
  if (!status || !FINISHING.has(status) || force) return;
  const open = openMembers(g, what.plan, what.milestone);
  if (open.length === 0) return;
  const noun = what.milestone ? `milestone ${what.milestone}` : `plan ${what.plan}`;
  throw new ConcordError('OPEN_WORK', `${noun} cannot be ${status}: ${open.length} of its todos and issues ${open.length === 1 ? 'is' : 'are'} still open (${listed(g, open)})`, {
    hint: hint`complete or cancel ${open.length === 1 ? 'it' : 'them'} first, move ${open.length === 1 ? 'it' : 'them'} elsewhere, or pass ${arg('force', true)}`,
    data: { id: what.milestone ?? what.plan, open },
  });
}

/** A warning for an issue closed or resolved while todos that name it (`issue:`) are still open. */
export function openTodosWarning(g: Graph, issueId: string, status: string): string | undefined {
  const open = [...g.todos.values()].filter((t) => t.issue === issueId && !isResolved(g, t.id)).map((t) => t.id);
  if (open.length === 0) return undefined;
  return `issue ${issueId} is now ${status}, but ${open.length} todo${open.length === 1 ? '' : 's'} under it ${open.length === 1 ? 'is' : 'are'} still open (${listed(g, open)}); complete or cancel ${open.length === 1 ? 'it' : 'them'}`;
}

/**
 * Refuses to delete an unresolved todo or issue that open work waits on: the edges would go with it, and its
 * dependents would turn ready without anyone deciding so. Cancelling keeps the record and the reason.
 */
export function checkDeletion(g: Graph, id: string, force: boolean | undefined): void {
  if (force || isResolved(g, id)) return;
  const waiting = dependentsOf(g, id).filter((d) => (g.todos.has(d) || g.issues.has(d)) && !isResolved(g, d));
  if (waiting.length === 0) return;
  const noun = g.todos.has(id) ? 'todo' : 'issue';
  const cancel = noun === 'todo' ? op('todo.update', { id, status: 'cancelled', note: 'why' }) : op('issue.close', { id, resolution: 'why' });
  throw new ConcordError('HAS_DEPENDENTS', `${noun} ${id} blocks ${waiting.length} open item${waiting.length === 1 ? '' : 's'} (${listed(g, waiting)}); deleting it would make ${waiting.length === 1 ? 'it' : 'them'} ready`, {
    hint: hint`${noun === 'todo' ? 'cancel' : 'close'} it instead, so the record and the reason stay (${cancel}), or pass ${arg('force', true)} to delete it and its edges`,
    data: { id, dependents: waiting },
  });
}
