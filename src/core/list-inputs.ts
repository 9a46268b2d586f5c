// The inputs of the list queries: their filters, sorting and paging, declared once (the CLI's options, the
// MCP tools' arguments and the HTTP query parameters are derived from these; core/graph/filters.ts applies them).
import { z } from 'zod';
import { DEPENDENCY_STATUSES, DEPENDENCY_TYPES, ISSUE_STATUSES, MILESTONE_STATUSES, PLAN_STATUSES, PRIORITIES, TODO_STATUSES } from './enums.js';
import { ISSUE_SORTS, TODO_SORTS } from './graph/filters.js';
import { lazySchema } from './on-first-use.js';

const list = lazySchema(() => z.array(z.string()).optional());
const sorts = <S extends string>(fields: readonly S[]) => z.enum([...fields, ...fields.map((s) => `-${s}` as const)]).optional();

/** The window of a page: at most `limit` rows from `offset`. */
export const PageInput = {
  limit: z.number().int().min(0).optional().describe('At most this many rows'),
  offset: z.number().int().min(0).optional().describe('Skip this many rows (the next_offset of the previous page)'),
};

export const TodoListInputSchema = lazySchema(() => z.object({
  status: z.array(z.enum(TODO_STATUSES)).optional(),
  priority: z.array(z.enum(PRIORITIES)).optional(),
  repo: list.describe('Repo names or nicknames'),
  assignee: list,
  plan: list,
  milestone: list,
  issue: list,
  label: list,
  text: z.string().optional().describe('Words that must all appear in the task'),
  stale: z.boolean().optional().describe('Only abandoned work: in progress, no live claim'),
  sort: sorts(TODO_SORTS),
  ...PageInput,
}));

export const IssueListInputSchema = lazySchema(() => z.object({
  status: z.array(z.enum(ISSUE_STATUSES)).optional(),
  priority: z.array(z.enum(PRIORITIES)).optional(),
  repo: list.describe('Issues naming any of these repos (names or nicknames)'),
  assignee: list,
  plan: list,
  milestone: list,
  label: list,
  text: z.string().optional(),
  sort: sorts(ISSUE_SORTS),
  ...PageInput,
}));

export const PlanListInputSchema = lazySchema(() => z.object({ status: z.array(z.enum(PLAN_STATUSES)).optional(), repo: list, ...PageInput }));

export const MilestoneListInputSchema = lazySchema(() => z.object({ plan: list.describe('Only milestones of these plans'), status: z.array(z.enum(MILESTONE_STATUSES)).optional() }));

export const DependencyListInputSchema = lazySchema(() => z.object({
  consumer: list,
  provider: list,
  type: z.array(z.enum(DEPENDENCY_TYPES)).optional(),
  status: z.array(z.enum(DEPENDENCY_STATUSES)).optional(),
  ...PageInput,
}));
