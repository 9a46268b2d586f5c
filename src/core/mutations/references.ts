// Checks that a referenced repo, plan, milestone, issue or work item exists, with a helpful error.
import { ConcordError, suggest } from '../errors.js';
import type { Graph } from '../graph/graph.js';
import { hint, type HintPart, op, type Operation } from '../hints.js';

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

/** A blocker or blocked item must be a todo or an issue. */
export function requireWorkItem(g: Graph, id: string, where: string): void {
  if (g.todos.has(id) || g.issues.has(id)) return;
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
