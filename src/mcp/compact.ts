// Compact rows for list tools: enough to choose, small enough to list many within an agent's token budget.
import { z } from 'zod';
import type { Page } from '../core/graph/filters.js';
import type { Dependency, IssueRow, Plan, TodoRow } from '../core/model.js';
import type { PlanProgress } from '../core/graph/progress.js';

const TITLE_LIMIT = 120;
const cut = (s: string) => (s.length > TITLE_LIMIT ? s.slice(0, TITLE_LIMIT - 1) + '…' : s);

export const TodoCompactSchema = z.object({
  id: z.string(),
  task: z.string(),
  status: z.string(),
  priority: z.string(),
  repo: z.string().optional(),
  assignee: z.string().optional(),
  estimated_hours: z.number().optional(),
  plan: z.string().optional(),
});
export const IssueCompactSchema = z.object({ id: z.string(), title: z.string(), status: z.string(), priority: z.string(), repos: z.array(z.string()) });
export const PlanCompactSchema = z.object({ id: z.string(), title: z.string(), status: z.string(), target: z.string().optional(), percent: z.number().optional() });
export const DependencyCompactSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  provider: z.string(),
  type: z.string(),
  status: z.string(),
  version_constraint: z.string().optional(),
});

const opt = <K extends string, V>(key: K, v: V | undefined) => (v === undefined ? {} : ({ [key]: v } as Record<K, V>));

export function compactTodo(t: TodoRow): z.infer<typeof TodoCompactSchema> {
  return { id: t.id, task: cut(t.task), status: t.status, priority: t.priority, ...opt('repo', t.repo), ...opt('assignee', t.assignee), ...opt('estimated_hours', t.estimated_hours), ...opt('plan', t.plan) };
}
export function compactIssue(i: IssueRow): z.infer<typeof IssueCompactSchema> {
  return { id: i.id, title: cut(i.title), status: i.status, priority: i.priority, repos: i.repos };
}
export function compactPlan(p: Plan, progress?: PlanProgress): z.infer<typeof PlanCompactSchema> {
  return { id: p.id, title: cut(p.title), status: p.status, ...opt('target', p.target), ...opt('percent', progress?.progress.percent) };
}
export function compactDependency(d: Dependency): z.infer<typeof DependencyCompactSchema> {
  return { id: d.id, consumer: d.consumer, provider: d.provider, type: d.type, status: d.status, ...opt('version_constraint', d.version_constraint) };
}

/** Cursor paging: the cursor is opaque to agents (an encoded offset). */
export const PagingInput = {
  limit: z.number().int().min(1).max(200).optional().describe('Rows per page (default 20)'),
  cursor: z.string().optional().describe('next_cursor of the previous page'),
};
export const DEFAULT_LIMIT = 20;
/** Longest list inside a detail or status response; the response also says how many there are. */
export const SHOWN = 10;

export function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

export function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), next_cursor: z.string().optional() });
}

export function toPage<T, U>(page: Page<T>, map: (t: T) => U): { items: U[]; total: number; next_cursor?: string } {
  return { items: page.items.map(map), total: page.total, ...(page.next_offset !== undefined ? { next_cursor: encodeCursor(page.next_offset) } : {}) };
}
