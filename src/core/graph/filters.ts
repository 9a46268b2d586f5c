// Filtering and sorting of list queries (the seed's --status --priority --repo --assignee ... filters).
import { PRIORITY_RANK } from '../enums.js';
import { compareText } from '../text-order.js';
import type { Dependency, IssueRow, Plan, TodoRow } from '../model.js';

export interface ListWindow {
  limit?: number;
  offset?: number;
}

export interface TodoFilter extends ListWindow {
  status?: readonly string[];
  priority?: readonly string[];
  repo?: readonly string[];
  assignee?: readonly string[];
  plan?: readonly string[];
  milestone?: readonly string[];
  issue?: readonly string[];
  label?: readonly string[];
  /** Words that must all appear in the task (case-insensitive). */
  text?: string;
  sort?: TodoSort;
}
export const TODO_SORTS = ['priority', 'created', 'updated', 'id', 'repo', 'status', 'estimate'] as const;
export type TodoSort = (typeof TODO_SORTS)[number] | `-${(typeof TODO_SORTS)[number]}`;

export interface IssueFilter extends ListWindow {
  status?: readonly string[];
  priority?: readonly string[];
  /** Issues naming any of these repos. */
  repo?: readonly string[];
  assignee?: readonly string[];
  plan?: readonly string[];
  milestone?: readonly string[];
  label?: readonly string[];
  text?: string;
  sort?: IssueSort;
}
export const ISSUE_SORTS = ['priority', 'created', 'updated', 'id', 'status', 'target'] as const;
export type IssueSort = (typeof ISSUE_SORTS)[number] | `-${(typeof ISSUE_SORTS)[number]}`;

export interface PlanFilter extends ListWindow {
  status?: readonly string[];
  repo?: readonly string[];
}

export interface DependencyFilter extends ListWindow {
  consumer?: readonly string[];
  provider?: readonly string[];
  type?: readonly string[];
  status?: readonly string[];
}

export interface Page<T> {
  items: T[];
  total: number;
  offset: number;
  /** Offset of the next page, when there is one. */
  next_offset?: number;
}

const has = (list: readonly string[] | undefined, v: string | undefined) =>
  !list || list.length === 0 || (v !== undefined && list.includes(v));
const hasAny = (list: readonly string[] | undefined, vs: readonly string[]) =>
  !list || list.length === 0 || vs.some((v) => list.includes(v));
const words = (text: string | undefined) => (text ? text.toLowerCase().split(/\s+/).filter(Boolean) : []);

export function page<T>(items: T[], window: ListWindow): Page<T> {
  const { offset, end } = windowOf(window, items.length);
  return pageOf(items.slice(offset, end), items.length, window);
}

/** Where a window starts and ends in a list of `total` items. */
export function windowOf(window: ListWindow, total: number): { offset: number; end: number } {
  const offset = Math.max(0, window.offset ?? 0);
  return { offset, end: window.limit === undefined ? total : offset + Math.max(0, window.limit) };
}

/** The page of a window whose `items` were taken from a list of `total` (by a database, say). */
export function pageOf<T>(items: T[], total: number, window: ListWindow): Page<T> {
  const { offset, end } = windowOf(window, total);
  return { items, total, offset, ...(end < total ? { next_offset: end } : {}) };
}

/** Whether a todo filter restricts anything but the window. */
export function todoFilterIsEmpty(f: TodoFilter): boolean {
  const lists = [f.status, f.priority, f.repo, f.assignee, f.plan, f.milestone, f.issue, f.label];
  return lists.every((l) => !l || l.length === 0) && !(f.text && f.text.trim()) && !f.sort;
}

interface Keyed<T> {
  row: T;
  key: string | number | undefined;
}

/**
 * The order of `sort` (a field, `-` first for descending; rows without it last either way), then by id, over
 * rows keyed by that field.
 */
function orderOf<T extends { id: string }>(sort: string): { field: string; compare: (a: Keyed<T>, b: Keyed<T>) => number } {
  const desc = sort.startsWith('-');
  const field = desc ? sort.slice(1) : sort;
  const compare = (a: Keyed<T>, b: Keyed<T>) => {
    const x = a.key;
    const y = b.key;
    let c = 0;
    if (x !== y) {
      if (x === undefined) return 1;
      if (y === undefined) return -1;
      c = typeof x === 'number' && typeof y === 'number' ? x - y : compareText(String(x), String(y));
    }
    return (desc ? -c : c) || compareText(a.row.id, b.row.id);
  };
  return { field, compare };
}

/**
 * `rows` sorted by `sort` (see orderOf). Each row's key is read once, not at each of the ~n log n comparisons (a
 * list of ~1,000 rows sorts in a process whose code is not optimized yet, so every call there counts).
 */
function sortRows<T extends { id: string }>(rows: T[], sort: string, key: (field: string, row: T) => string | number | undefined): T[] {
  const { field, compare } = orderOf<T>(sort);
  const keyed = rows.map((row) => ({ row, key: key(field, row) }));
  keyed.sort(compare);
  return keyed.map((k) => k.row);
}

const todoKey = (field: string, t: TodoRow) => (field === 'priority' ? PRIORITY_RANK[t.priority] : field === 'estimate' ? t.estimated_hours : (t as unknown as Record<string, string>)[field]);

/**
 * Whether `rows` are in the order `sort` gives them, each strictly before the next: then sorting them is the
 * identity whatever order they came in (an order guessed elsewhere, by SQLite, is kept only if it passes this).
 */
export function inTodoOrder(rows: readonly TodoRow[], sort: TodoSort): boolean {
  const { field, compare } = orderOf<TodoRow>(sort);
  let previous: Keyed<TodoRow> | undefined;
  for (const row of rows) {
    const keyed = { row, key: todoKey(field, row) };
    if (previous && compare(previous, keyed) >= 0) return false;
    previous = keyed;
  }
  return true;
}

export function filterTodos(rows: Iterable<TodoRow>, f: TodoFilter): Page<TodoRow> {
  const terms = words(f.text);
  const out: TodoRow[] = [];
  for (const t of rows) {
    if (!has(f.status, t.status) || !has(f.priority, t.priority) || !has(f.repo, t.repo)) continue;
    if (!has(f.assignee, t.assignee) || !has(f.plan, t.plan) || !has(f.milestone, t.milestone)) continue;
    if (!has(f.issue, t.issue) || !hasAny(f.label, t.labels)) continue;
    if (terms.length && !terms.every((w) => t.task.toLowerCase().includes(w))) continue;
    out.push(t);
  }
  return page(f.sort ? sortRows(out, f.sort, todoKey) : out, f);
}

export function filterIssues(rows: Iterable<IssueRow>, f: IssueFilter): Page<IssueRow> {
  const terms = words(f.text);
  const out: IssueRow[] = [];
  for (const i of rows) {
    if (!has(f.status, i.status) || !has(f.priority, i.priority) || !hasAny(f.repo, i.repos)) continue;
    if (!has(f.assignee, i.assignee) || !has(f.plan, i.plan) || !has(f.milestone, i.milestone)) continue;
    if (!hasAny(f.label, i.labels)) continue;
    if (terms.length && !terms.every((w) => i.title.toLowerCase().includes(w))) continue;
    out.push(i);
  }
  const sorted = f.sort ? sortRows(out, f.sort, (field, i) => (field === 'priority' ? PRIORITY_RANK[i.priority] : (i as unknown as Record<string, string>)[field])) : out;
  return page(sorted, f);
}

export function filterPlans(plans: Iterable<Plan>, f: PlanFilter): Page<Plan> {
  const out = [...plans].filter((p) => has(f.status, p.status) && hasAny(f.repo, p.repos));
  return page(out, f);
}

export function filterDependencies(deps: Iterable<Dependency>, f: DependencyFilter): Page<Dependency> {
  const out = [...deps].filter(
    (d) => has(f.consumer, d.consumer) && has(f.provider, d.provider) && has(f.type, d.type) && has(f.status, d.status),
  );
  return page(out, f);
}
