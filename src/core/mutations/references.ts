// Checks that a referenced repo, plan, milestone, issue or work item exists, with a helpful error.
import { ConcordError, suggest } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { hint, type HintPart, op, type Operation } from '../hints.js';
import type { SectionName } from '../sections.js';

/** A record that is in the file but invalid (left out of the graph): where it is and what is wrong with it. */
export interface InvalidRecord {
  section: SectionName;
  id: string;
  /** Line of the record in ecosystem.yaml. */
  line?: number;
  problems: { field?: string; message: string; fix?: string; line?: number }[];
}

/** Looks up an invalid record by id (the write pipeline and queries answer it from the index). */
export type InvalidLookup = (id: string) => InvalidRecord | undefined;

const NOUN: Record<SectionName, string> = { repos: 'repo', roles: 'role', issues: 'issue', plans: 'plan', todos: 'todo', dependencies: 'dependency' };

/**
 * "TODO-X is invalid at line 117: status "inprogres" is not a valid todo status (did you mean "in_progress"?)":
 * the answer for an id that is in the file but could not be read, instead of "not found".
 */
export function invalidRecordError(r: InvalidRecord, where?: string): ConcordError {
  const problems = r.problems.map((p) => {
    const fix = p.fix?.match(/^write "(.*)"$/);
    return `${p.message}${fix ? ` (did you mean "${fix[1]}"?)` : p.fix ? ` (${p.fix})` : ''}`;
  });
  const field = r.problems.find((p) => p.field && !p.field.includes('.') && !p.field.includes('['))?.field;
  const repair = field && (r.section === 'todos' || r.section === 'issues') ? hint`${op(r.section === 'todos' ? 'todo.update' : 'issue.update', { id: r.id, [field]: '<value>' })}, or ` : [];
  const line = r.problems.find((p) => p.line)?.line ?? r.line;
  return new ConcordError('INVALID_RECORD', `${where ? `${where}: ` : ''}${NOUN[r.section]} ${r.id} is invalid${line ? ` at line ${line}` : ''}: ${problems.join('; ')}`, {
    hint: [...hint`fix it with `, ...repair, ...hint`by hand in ecosystem.yaml; ${op('lint')} lists every problem`],
    data: { id: r.id, ...(line ? { line } : {}), problems: r.problems },
  });
}

function unknown(what: string, id: string, candidates: Iterable<string>, where: string, otherwise: readonly HintPart[]): ConcordError {
  const guess = suggest(id, candidates);
  return new ConcordError('UNKNOWN_REFERENCE', `${where}: ${what} "${id}" is not in the ecosystem`, {
    hint: guess ? [`did you mean "${guess}"? Otherwise `, ...otherwise] : otherwise,
    data: { id, ...(guess ? { suggestion: guess } : {}) },
  });
}

export function requireRepo(g: Graph, name: string, where: string): void {
  if (!g.repos.has(name)) throw unknown('repo', name, g.repos.keys(), where, hint`add it under repos: in ecosystem.yaml (see ${op('repo.list')})`);
}

export function requirePlan(g: Graph, id: string, where: string): void {
  if (!g.plans.has(id)) throw unknown('plan', id, g.plans.keys(), where, hint`check the id with ${op('plan.list')}`);
}

export function requireMilestone(g: Graph, id: string, where: string): void {
  if (!g.milestones.has(id)) throw unknown('milestone', id, g.milestones.keys(), where, hint`check the id with ${op('milestone.list')}`);
}

export function requireIssue(g: Graph, id: string, where: string): void {
  if (!g.issues.has(id)) throw unknown('issue', id, g.issues.keys(), where, hint`check the id with ${op('issue.list')}`);
}

/** A blocker or blocked item must be a todo or an issue (and one that is not invalid in the file). */
export function requireWorkItem(g: Graph, id: string, where: string, invalid?: InvalidLookup): void {
  if (g.todos.has(id) || g.issues.has(id)) return;
  const bad = invalid?.(id);
  if (bad) throw invalidRecordError(bad, where);
  throw unknown('todo or issue', id, [...g.todos.keys(), ...g.issues.keys()], where, hint`blockers must be todos or issues; check the id with ${op('todo.list')}`);
}

export type NotFoundCode = 'TODO_NOT_FOUND' | 'ISSUE_NOT_FOUND' | 'PLAN_NOT_FOUND' | 'MILESTONE_NOT_FOUND' | 'DEPENDENCY_NOT_FOUND' | 'REPO_NOT_FOUND';

const LIST: Record<string, Operation> = { todo: 'todo.list', issue: 'issue.list', plan: 'plan.list', milestone: 'milestone.list', dependency: 'dependency.list', repo: 'repo.list' };

export function notFound(code: NotFoundCode, noun: keyof typeof LIST, id: string, candidates: Iterable<string>): ConcordError {
  const guess = suggest(id, candidates);
  return new ConcordError(code, `${noun} ${id} not found`, {
    hint: guess ? `did you mean ${guess}?` : hint`list them with ${op(LIST[noun]!)}`,
    data: { id, ...(guess ? { suggestion: guess } : {}) },
  });
}
