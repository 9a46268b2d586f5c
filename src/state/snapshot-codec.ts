// Compact JSON for the snapshot: todo and issue rows as arrays, so loading 10,000 todos stays cheap.
import { ISSUE_ROW_FIELDS, type IssueRow, type Snapshot, TODO_ROW_FIELDS, type TodoRow } from '../core/model.js';

interface Encoded {
  v: 1;
  meta: Snapshot['meta'];
  repos: Snapshot['repos'];
  roles: Snapshot['roles'];
  plans: Snapshot['plans'];
  dependencies: Snapshot['dependencies'];
  todoFields: readonly string[];
  todos: unknown[][];
  issueFields: readonly string[];
  issues: unknown[][];
}

function toArrays<T extends object>(rows: readonly T[], fields: readonly string[]): unknown[][] {
  return rows.map((r) => fields.map((f) => (r as Record<string, unknown>)[f] ?? null));
}

function fromArrays<T>(rows: unknown[][], fields: readonly string[]): T[] {
  return rows.map((a) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) if (a[i] !== null) o[fields[i]!] = a[i];
    return o as T;
  });
}

export function encodeSnapshot(s: Snapshot): string {
  const e: Encoded = {
    v: 1,
    meta: s.meta,
    repos: s.repos,
    roles: s.roles,
    plans: s.plans,
    dependencies: s.dependencies,
    todoFields: TODO_ROW_FIELDS,
    todos: toArrays(s.todos, TODO_ROW_FIELDS),
    issueFields: ISSUE_ROW_FIELDS,
    issues: toArrays(s.issues, ISSUE_ROW_FIELDS),
  };
  return JSON.stringify(e);
}

export function decodeSnapshot(json: string): Snapshot {
  const e = JSON.parse(json) as Encoded;
  return {
    meta: e.meta,
    repos: e.repos,
    roles: e.roles,
    plans: e.plans,
    dependencies: e.dependencies,
    todos: fromArrays<TodoRow>(e.todos, e.todoFields),
    issues: fromArrays<IssueRow>(e.issues, e.issueFields),
  };
}
