// The query model: the fields every query needs, for every record, and the graph built over them.
//
// Glossary (ARCHITECTURE.md): a *snapshot* is the ecosystem as of one version of ecosystem.yaml, holding
// full repos, roles, plans and dependencies but only the query fields (*rows*) of todos and issues, which
// can number tens of thousands; full todo and issue records are fetched by id when shown.
import type { Dependency } from './schema/dependency.js';
import type { Issue } from './schema/issue.js';
import type { Milestone, Plan } from './schema/plan.js';
import type { Repo, Role } from './schema/repo.js';
import type { Todo } from './schema/todo.js';

export const TODO_ROW_FIELDS = [
  'id', 'task', 'repo', 'status', 'priority', 'created', 'updated', 'estimated_hours', 'actual_hours',
  'blocked_by', 'blocking', 'assignee', 'labels', 'plan', 'milestone', 'issue',
] as const satisfies readonly (keyof Todo)[];
export const ISSUE_ROW_FIELDS = [
  'id', 'title', 'status', 'priority', 'severity', 'repos', 'created', 'updated', 'target', 'blocked_by',
  'blocking', 'assignee', 'labels', 'plan', 'milestone', 'resolved_at',
] as const satisfies readonly (keyof Issue)[];

export type TodoRow = Pick<Todo, (typeof TODO_ROW_FIELDS)[number]>;
export type IssueRow = Pick<Issue, (typeof ISSUE_ROW_FIELDS)[number]>;

export interface EcosystemMeta {
  version?: string;
  description?: string;
  maintainer?: string;
}

export interface Snapshot {
  meta: EcosystemMeta;
  repos: Repo[];
  roles: Role[];
  issues: IssueRow[];
  plans: Plan[];
  todos: TodoRow[];
  dependencies: Dependency[];
}

export function toTodoRow(t: Todo): TodoRow {
  const row = {} as Record<string, unknown>;
  for (const f of TODO_ROW_FIELDS) if (t[f] !== undefined) row[f] = t[f];
  return row as TodoRow;
}

export function toIssueRow(i: Issue): IssueRow {
  const row = {} as Record<string, unknown>;
  for (const f of ISSUE_ROW_FIELDS) if (i[f] !== undefined) row[f] = i[f];
  return row as IssueRow;
}

export type ItemKind = 'todo' | 'issue' | 'plan' | 'milestone' | 'dependency';

export function emptySnapshot(): Snapshot {
  return { meta: {}, repos: [], roles: [], issues: [], plans: [], todos: [], dependencies: [] };
}

export type { Dependency, Issue, Milestone, Plan, Repo, Role, Todo };
