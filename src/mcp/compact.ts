// Compact rows for list tools: enough to choose, small enough to list many within an agent's token budget.
import { z } from 'zod';
import type { PageInput } from '../core/list-inputs.js';
import type { Page } from '../core/graph/filters.js';
import type { PlanProgress } from '../core/graph/progress.js';
import type { ReadyTodo } from '../core/graph/ready.js';
import type { Dependency, IssueRow } from '../core/model.js';
import { compactTodo, cut, opt, TodoCompactSchema } from '../core/compact-todo.js';

export { compactTodo, cut, TodoCompactSchema };

export const IssueCompactSchema = z.object({ id: z.string(), title: z.string(), status: z.string(), priority: z.string(), repos: z.array(z.string()) });
export const PlanCompactSchema = z.object({ id: z.string(), title: z.string(), status: z.string(), target: z.string().optional(), percent: z.number().optional() });
export const ReadyRowSchema = TodoCompactSchema.extend({
  unblocks: z.number().int().describe('Unresolved items waiting directly on this todo'),
  chain_hours: z.number().describe('Remaining hours of the longest chain this todo starts'),
  stale: z.literal(true).optional().describe('In progress with no live claim (expired, or none): abandoned work you may claim'),
});
export const DependencyCompactSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  provider: z.string(),
  type: z.string(),
  status: z.string(),
  version_constraint: z.string().optional(),
});

export function compactIssue(i: IssueRow): z.infer<typeof IssueCompactSchema> {
  return { id: i.id, title: cut(i.title), status: i.status, priority: i.priority, repos: i.repos };
}
export function compactReady(r: ReadyTodo): z.infer<typeof ReadyRowSchema> {
  return { ...compactTodo(r.todo), unblocks: r.unblocks, chain_hours: r.chain_hours, ...(r.stale ? { stale: true as const } : {}) };
}
/** A plan with its progress, as listPlans, roadmap and the status queries give it. */
export function compactPlan(p: Pick<PlanProgress, 'id' | 'title' | 'status' | 'target'> & { progress: { percent: number } }): z.infer<typeof PlanCompactSchema> {
  return { id: p.id, title: cut(p.title), status: p.status, ...opt('target', p.target), percent: p.progress.percent };
}
export function compactDependency(d: Dependency): z.infer<typeof DependencyCompactSchema> {
  return { id: d.id, consumer: d.consumer, provider: d.provider, type: d.type, status: d.status, ...opt('version_constraint', d.version_constraint) };
}

/** Cursor paging: the cursor is opaque to agents (an encoded offset). */
export const PagingInput = {
  limit: z.number().int().min(1).max(200).optional().describe('Default 20'),
  cursor: z.string().optional().describe('next_cursor'),
};

/** A list query's input (src/core/list-inputs.ts: its filters and sorting, declared once) paged by cursor instead of offset. */
export const byCursor = <S extends z.ZodObject<typeof PageInput & z.ZodRawShape>>(input: S) => input.omit({ limit: true, offset: true }).extend(PagingInput);
const DEFAULT_LIMIT = 20;
/** Longest list inside a detail or status response; the response also says how many there are. */
export const SHOWN = 10;

function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0;
  const n = Number(Buffer.from(cursor, 'base64url').toString('utf8').replace(/^o:/, ''));
  return Number.isInteger(n) && n >= 0 ? n : 0;
}

function encodeCursor(offset: number): string {
  return Buffer.from(`o:${offset}`, 'utf8').toString('base64url');
}

/** A list tool's arguments as the app's list queries take them: the filter, with limit and offset for the page. */
export function pageOf<A extends { limit?: number | undefined; cursor?: string | undefined }>({ limit, cursor, ...filter }: A) {
  return { ...filter, limit: limit ?? DEFAULT_LIMIT, offset: decodeCursor(cursor) };
}

export function pageSchema<T extends z.ZodType>(item: T) {
  return z.object({ items: z.array(item), total: z.number().int(), next_cursor: z.string().optional() });
}

export function toPage<T, U>(page: Page<T>, map: (t: T) => U): { items: U[]; total: number; next_cursor?: string } {
  return { items: page.items.map(map), total: page.total, ...(page.next_offset !== undefined ? { next_cursor: encodeCursor(page.next_offset) } : {}) };
}
