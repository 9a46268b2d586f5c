// zod schemas of what the queries answer (rows, details, graph queries, status): the output schemas of the
// operations (src/ops), so that the HTTP API, its OpenAPI document and the CLI's --json are described once.
// The TypeScript types of core/graph stay where they are; src/ops checks at compile time that each app
// function's result fits its schema, and the behaviour suite that no field is left undeclared.
import { z } from 'zod';
import { LeaseViewSchema } from './claims.js';
import { DiagnosticSchema } from './diagnostics.js';
import { ISSUE_ROW_FIELDS, TODO_ROW_FIELDS } from './model.js';
import { DependencySchema } from './schema/dependency.js';
import { IssueSchema } from './schema/issue.js';
import { MilestoneSchema, PlanSchema } from './schema/plan.js';
import { RepoSchema, RoleSchema } from './schema/repo.js';
import { TodoSchema } from './schema/todo.js';
import { lazySchema } from './on-first-use.js';

const pick = <K extends string>(fields: readonly K[]) => Object.fromEntries(fields.map((f) => [f, true])) as Record<K, true>;
export const TodoRowSchema = lazySchema(() => TodoSchema.pick(pick(TODO_ROW_FIELDS)));
export const IssueRowSchema = lazySchema(() => IssueSchema.pick(pick(ISSUE_ROW_FIELDS)));
const Counts = lazySchema(() => z.record(z.string(), z.number().int()));
const Extra = lazySchema(() => z.record(z.string(), z.unknown()).optional().describe('Keys of the record Concord does not know, kept as written'));

/** A page of a list: the rows, how many match, and the offset of the next page when there is one. */
export function pageOf<T extends z.ZodType>(row: T) {
  return z.object({ items: z.array(row), total: z.number().int(), offset: z.number().int(), next_offset: z.number().int().optional() });
}

export const BlockerRefSchema = lazySchema(() => z.object({
  id: z.string(),
  kind: z.enum(['todo', 'issue', 'missing']),
  title: z.string().optional(),
  status: z.string().optional(),
  repos: z.array(z.string()),
}));

export const TodoDetailSchema = lazySchema(() => z.object({
  todo: TodoSchema,
  extra: Extra,
  ready: z.boolean(),
  blockers: z.array(BlockerRefSchema).describe('Unresolved items this todo waits on'),
  blocked_by: z.array(BlockerRefSchema).describe('Every item this todo waits on, with its status'),
  blocking: z.array(BlockerRefSchema).describe('Items waiting on this todo'),
  claim: LeaseViewSchema.optional().describe('The live lease on it (claim or run); never its token'),
  stale: z.boolean().describe('In progress with no live lease: anyone may claim it'),
}));

export const IssueDetailSchema = lazySchema(() => z.object({
  issue: IssueSchema,
  extra: Extra,
  todos: z.array(TodoRowSchema),
  blocking: z.array(BlockerRefSchema),
  blockers: z.array(BlockerRefSchema),
  blocked_by: z.array(BlockerRefSchema),
  plans: z.array(z.string()),
}));

const MemberCountsSchema = lazySchema(() => z.object({ total: z.number().int(), done: z.number().int(), by_status: Counts }));

export const ProgressSchema = lazySchema(() => z.object({
  total: z.number().int().describe('Members that count, todos and issues together (cancelled todos do not)'),
  done: z.number().int(),
  percent: z.number(),
  hours_total: z.number(),
  hours_done: z.number(),
  by_status: Counts,
  todos: MemberCountsSchema.describe('The same counts for the todos alone'),
  issues: MemberCountsSchema.describe('The same counts for the issues alone'),
}));

export const MilestoneProgressSchema = lazySchema(() => z.object({
  id: z.string(),
  name: z.string(),
  plan: z.string(),
  status: MilestoneSchema.shape.status.unwrap(),
  due: z.string().optional(),
  overdue: z.boolean(),
  todos: z.array(z.string()),
  issues: z.array(z.string()),
  progress: ProgressSchema,
}));

export const PlanProgressSchema = lazySchema(() => z.object({
  id: z.string(),
  title: z.string(),
  status: PlanSchema.shape.status.unwrap(),
  target: z.string().optional(),
  overdue: z.boolean(),
  repos: z.array(z.string()),
  todos: z.array(z.string()),
  issues: z.array(z.string()),
  progress: ProgressSchema,
  milestones: z.array(MilestoneProgressSchema),
  waiting_on: z.array(z.string()).describe('Prerequisite plans (depends_on) that are not finished'),
}));

export const PlanWithProgressSchema = lazySchema(() => PlanSchema.extend({ progress: ProgressSchema }));
export const PlanDetailSchema = lazySchema(() => z.object({ plan: PlanSchema, extra: Extra, progress: PlanProgressSchema }));
export const MilestoneDetailSchema = lazySchema(() => z.object({ milestone: MilestoneSchema, plan: z.object({ id: z.string(), title: z.string() }), progress: MilestoneProgressSchema }));
export const ReposSchema = lazySchema(() => z.object({ repos: z.array(RepoSchema), roles: z.array(RoleSchema) }));

export const ReadyTodoSchema = lazySchema(() => z.object({
  todo: TodoRowSchema,
  unblocks: z.number().int().describe('Unresolved items waiting directly on this todo'),
  chain_hours: z.number().describe('Remaining hours of the longest chain this todo starts'),
  stale: z.literal(true).optional().describe('In progress, but its claim expired: abandoned work anyone may claim'),
}));

export const BlockedTodoSchema = lazySchema(() => z.object({
  todo: TodoRowSchema,
  blockers: z.array(BlockerRefSchema),
  roots: z.array(BlockerRefSchema).describe('Unresolved items at the far end of the chains: start with these'),
  chain: z.array(z.string()).describe('The longest chain of unresolved blockers, from this todo to a root'),
  waiting_on_plans: z.array(z.string()),
}));

export const CriticalPathSchema = lazySchema(() => z.object({
  steps: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['todo', 'issue']),
      title: z.string(),
      repo: z.string().optional(),
      status: z.string(),
      hours: z.number(),
      cumulative_hours: z.number(),
      estimated: z.boolean(),
    }),
  ),
  total_hours: z.number(),
  unestimated: z.array(z.string()).describe('Unresolved todos with no estimate, counted as 0 hours'),
}));

export const WavesSchema = lazySchema(() => z.object({
  waves: z.array(z.array(z.string())).describe('waves[0] can start now; each wave waits only on earlier ones'),
  order: z.array(z.string()),
  cyclic: z.array(z.string()).describe('Items on or behind a cycle, which cannot be ordered'),
}));

const WorkloadRowSchema = lazySchema(() => z.object({
  name: z.string(),
  open: z.number().int(),
  in_progress: z.number().int(),
  blocked: z.number().int(),
  ready: z.number().int(),
  remaining_hours: z.number(),
  unestimated: z.number().int(),
  by_priority: Counts,
}));
export const WorkloadSchema = lazySchema(() => z.object({ by_assignee: z.array(WorkloadRowSchema), by_repo: z.array(WorkloadRowSchema), total: WorkloadRowSchema }));

export const RepoBlockingSchema = lazySchema(() => z.object({
  repo: z.string(),
  issues: z.array(IssueRowSchema),
  blockers: z.array(BlockerRefSchema.extend({ blocks: z.array(z.string()) })),
  dependencies: z.array(DependencySchema),
}));
export const RepoBlockedBySchema = lazySchema(() => z.object({
  repo: z.string(),
  items: z.array(BlockerRefSchema.extend({ blocks: z.array(BlockerRefSchema) })),
  dependencies: z.array(DependencySchema),
}));

const PlanSummary = lazySchema(() => PlanProgressSchema.pick({ id: true, title: true, status: true, progress: true }));
export const RepoStatusSchema = lazySchema(() => z.object({
  repo: RepoSchema,
  todos: z.object({ total: z.number().int(), by_status: Counts, ready: z.number().int(), blocked: z.number().int(), remaining_hours: z.number() }),
  ready: z.array(ReadyTodoSchema),
  open_issues: z.array(IssueRowSchema),
  dependencies: z.object({ as_consumer: z.array(DependencySchema), as_provider: z.array(DependencySchema) }),
  blocking: RepoBlockingSchema,
  blocked_by: RepoBlockedBySchema,
  plans: z.array(PlanSummary),
}));

export const EcosystemStatusSchema = lazySchema(() => z.object({
  counts: z.object({ repos: z.number().int(), roles: z.number().int(), issues: Counts, plans: Counts, todos: Counts, dependencies: Counts }),
  ready: z.number().int(),
  blocked: z.number().int(),
  remaining_hours: z.number(),
  repos: z.array(
    z.object({
      name: z.string(),
      role: z.string().optional(),
      open_todos: z.number().int(),
      ready: z.number().int(),
      blocked: z.number().int(),
      open_issues: z.number().int(),
      unmet_dependencies: z.number().int(),
    }),
  ),
  plans: z.array(PlanProgressSchema.pick({ id: true, title: true, status: true, target: true, overdue: true, progress: true })),
  problems: z.object({ errors: z.number().int(), warnings: z.number().int() }).describe('Invalid records and syntax errors left out of the answer'),
}));

export const DiagramSchema = lazySchema(() => z.object({
  kind: z.enum(['repos', 'todos']),
  nodes: z.array(
    z.object({
      id: z.string(),
      kind: z.enum(['repo', 'todo', 'issue', 'missing']),
      label: z.string(),
      status: z.string().optional(),
      done: z.boolean().optional(),
      group: z.string().optional(),
      ready: z.boolean().optional(),
      critical: z.boolean().optional(),
      external: z.boolean().optional(),
    }),
  ),
  edges: z.array(z.object({ from: z.string(), to: z.string(), label: z.string().optional(), status: z.string().optional(), open: z.boolean(), critical: z.boolean().optional() })),
}));

export const StaleTodoSchema = lazySchema(() => z.object({ todo: TodoRowSchema, lease: LeaseViewSchema.optional().describe('The lease that expired, when state.db still has it') }));

export const LintReportSchema = lazySchema(() => z.object({
  file: z.string(),
  errors: z.number().int(),
  warnings: z.number().int(),
  diagnostics: z.array(DiagnosticSchema),
  mode: z.enum(['chunked', 'full']).describe('chunked normally; full when the file needed a whole-document parse'),
  full_reason: z.string().optional(),
}));

/** What a delete answers: the id, and whether anything was there to delete. */
export const DeletedSchema = lazySchema(() => z.object({ deleted: z.string(), changed: z.boolean() }));
