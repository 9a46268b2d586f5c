// The shape of a workflow file (workflows/<name>.yaml) and of a workflow run, as zod schemas (docs/workflows.md).
// Each step type's own arguments (`with:`) are declared by its module in src/workflows/steps/.
import { z } from 'zod';

export const NAME_PATTERN = /^[a-z][a-z0-9_-]{0,62}$/;
const Name = (what: string) => z.string().regex(NAME_PATTERN, `${what} is lowercase letters, digits, "-" and "_", starting with a letter (at most 63)`);

export const WorkflowInputSchema = z.strictObject({
  description: z.string().max(2_000).optional(),
  default: z.union([z.string(), z.number(), z.boolean()]).optional(),
  required: z.boolean().default(false),
});

export const StepSchema = z.strictObject({
  id: Name('a step id').describe('Unique in the workflow; later steps read `steps.<id>.outputs.<key>`'),
  type: z.string().min(1).describe('concord, agent, shell, api_call, file_generation, repo_creation, export'),
  name: z.string().max(200).optional(),
  if: z.string().min(1).max(2_000).optional().describe('Run only when this expression is true (inputs.x, steps.<id>.status, steps.<id>.outputs.y, ==, !=, &&, ||, !)'),
  with: z.record(z.string(), z.unknown()).default(() => ({})).describe("The step type's arguments; strings may hold ${{ expressions }}"),
  continue_on_error: z.boolean().default(false).describe('A failure of this step does not fail the workflow'),
  timeout_ms: z.number().int().positive().max(86_400_000).optional(),
});
export type Step = z.infer<typeof StepSchema>;

export const ParallelSchema = z.strictObject({
  parallel: z.array(StepSchema).min(1).max(100).describe('Steps run at the same time; later steps see all their outputs'),
  limit: z.number().int().min(1).max(32).optional().describe('At most this many at once (default: the workflow concurrency)'),
});
export type ParallelGroup = z.infer<typeof ParallelSchema>;

export const WorkflowFileSchema = z.strictObject({
  name: Name('a workflow name').optional().describe('Default: the file name without .yaml'),
  description: z.string().max(2_000).optional(),
  inputs: z.record(z.string().regex(/^[a-z_][a-z0-9_]*$/i, 'an input name is letters, digits and _'), WorkflowInputSchema).default(() => ({})),
  concurrency: z.number().int().min(1).max(32).default(4).describe('The default limit of parallel groups'),
  steps: z.array(z.union([StepSchema, ParallelSchema])).min(1).max(200),
});
export type WorkflowFile = z.infer<typeof WorkflowFileSchema>;

export const STEP_STATUSES = ['pending', 'running', 'succeeded', 'failed', 'skipped', 'cancelled'] as const;
export const RUN_STATUSES = ['running', 'succeeded', 'failed', 'cancelled'] as const;

export const StepResultSchema = z.object({
  id: z.string(),
  type: z.string(),
  status: z.enum(STEP_STATUSES),
  started_at: z.string().optional(),
  finished_at: z.string().optional(),
  duration_ms: z.number().optional(),
  outputs: z.record(z.string(), z.unknown()).default(() => ({})),
  error: z.string().optional(),
  /** Why it was skipped: its `if:` was false, or an earlier step failed. */
  reason: z.string().optional(),
});
export type StepResult = z.infer<typeof StepResultSchema>;

export const WorkflowRunSchema = z.object({
  id: z.string(),
  workflow: z.string(),
  status: z.enum(RUN_STATUSES),
  started_at: z.string(),
  finished_at: z.string().optional(),
  requested_by: z.string(),
  trigger: z.string(),
  inputs: z.record(z.string(), z.unknown()),
  steps: z.array(StepResultSchema),
  error: z.string().optional(),
  /** What was undone after the failure (generated files removed). */
  cleanup: z.array(z.string()).default(() => []),
  log: z.string().optional(),
});
export type WorkflowRun = z.infer<typeof WorkflowRunSchema>;

export const WorkflowSummarySchema = z.object({
  name: z.string(),
  file: z.string(),
  description: z.string().optional(),
  steps: z.number(),
  inputs: z.array(z.string()),
  last: z.object({ id: z.string(), status: z.string(), started_at: z.string() }).optional(),
});

export const WorkflowProblemSchema = z.object({ file: z.string(), problems: z.array(z.string()) });
export const WorkflowListSchema = z.object({ workflows: z.array(WorkflowSummarySchema), invalid: z.array(WorkflowProblemSchema) });
export const WorkflowValidationSchema = z.object({ valid: z.boolean(), checked: z.number(), problems: z.array(WorkflowProblemSchema) });
export const WorkflowShowSchema = z.object({ workflow: WorkflowSummarySchema.extend({ definition: z.unknown() }).optional(), run: WorkflowRunSchema.extend({ log_tail: z.string().optional() }).optional(), runs: z.array(WorkflowRunSchema.pick({ id: true, status: true, started_at: true, finished_at: true, trigger: true })).default(() => []) });
