// Execution tools: queue a todo, plan and validate sweeps, read and cancel runs, and take the best ready
// todo in one call.
import { z } from 'zod';
import { claimNext, ClaimNextInputSchema } from '../../app/runs/claim-next.js';
import { executeTodo, ExecuteInputSchema } from '../../app/runs/execute.js';
import { cancelRun, getRun, listRuns, ListRunsInputSchema, RunLogInputSchema } from '../../app/runs/queries.js';
import { planSweepDryRun } from '../../app/runs/sweep-plan.js';
import { SweepInputSchema } from '../../app/runs/sweeps.js';
import { validatePlan } from '../../app/validate-plan.js';
import { LeaseSchema } from '../../core/claims.js';
import { AttemptRecordSchema, type RunRecord, RunRecordSchema } from '../../core/runs/queue.js';
import { compactTodo, cut, TodoCompactSchema } from '../compact.js';
import { defineTool, READ } from '../tool.js';

const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

const RunCompactSchema = z.object({
  id: z.string(),
  todo: z.string(),
  repo: z.string(),
  status: z.string(),
  attempt: z.number().int(),
  executor: z.string(),
  branch: z.string().optional(),
  cost_usd: z.number().optional(),
  reason: z.string().optional(),
});
const compactRun = (r: RunRecord): z.infer<typeof RunCompactSchema> => ({
  id: r.id,
  todo: r.todo,
  repo: r.repo,
  status: r.status,
  attempt: r.attempt,
  executor: r.executor,
  ...(r.branch ? { branch: r.branch } : {}),
  ...(r.outcome?.cost_usd !== undefined ? { cost_usd: r.outcome.cost_usd } : {}),
  ...(r.outcome?.reason ? { reason: cut(r.outcome.reason, 200) } : {}),
});

export const runTools = [
  defineTool({
    name: 'coord_execute_todo',
    title: 'Execute a todo',
    description: 'Queue a ready todo for a worker pool (a worker runs an agent in a fresh worktree and verifies the result). Returns its live run if it already has one. QUEUE_FULL: retry later.',
    input: ExecuteInputSchema.omit({ sweep: true, retry_of: true }),
    output: z.object({ run: RunCompactSchema, created: z.boolean() }),
    annotations: WRITE,
    run: async ({ ws }, args) => {
      const r = await executeTodo(ws, args);
      return { run: compactRun(r.run), created: r.created };
    },
  }),
  defineTool({
    name: 'coord_sweep_plan',
    title: 'Plan a sweep',
    description: "The waves a sweep of a plan (or milestone) would run, with estimated hours and cost; runs nothing. Start the sweep with `concord sweep --plan`.",
    input: SweepInputSchema.pick({ plan: true, milestone: true, max_parallel: true }),
    output: z.object({
      plan: z.string(),
      milestone: z.string().optional(),
      parallel: z.number().int(),
      waves: z.array(z.object({ wave: z.number().int(), todos: z.array(z.object({ id: z.string(), task: z.string(), repo: z.string().optional(), estimated_hours: z.number().optional() })), hours: z.number(), wall_hours: z.number(), unestimated: z.array(z.string()) })),
      hours: z.number(),
      wall_hours: z.number(),
      estimated_cost_usd: z.number().optional(),
      cost_basis: z.string(),
      done: z.array(z.string()),
      waiting: z.array(z.object({ todo: z.string(), on: z.array(z.string()) })),
      cyclic: z.array(z.string()),
    }),
    annotations: READ,
    run: async ({ ws }, args) => planSweepDryRun(ws, args),
  }),
  defineTool({
    name: 'coord_validate_plan',
    title: 'Validate a plan',
    description: "Whether a plan is really done: its todos, its milestones' deliverables in the repos, the acceptance commands of its completed todos (run here, no pool needed).",
    input: z.object({ id: z.string().min(1).describe('The plan') }),
    output: z.object({
      plan: z.string(),
      complete: z.boolean(),
      todos: z.object({ total: z.number().int(), done: z.number().int() }),
      open: z.array(z.object({ todo: z.string(), status: z.string(), milestone: z.string().optional(), problem: z.string().optional() })),
      deliverables: z.array(z.object({ milestone: z.string(), deliverable: z.string(), status: z.enum(['present', 'missing', 'manual']), where: z.string().optional() })),
      acceptance: z.array(z.object({ todo: z.string(), command: z.string(), ok: z.boolean(), output: z.string().optional() })),
      criteria: z.array(z.object({ milestone: z.string(), criterion: z.string() })),
      problems: z.array(z.string()),
    }),
    annotations: READ,
    run: async ({ ws }, { id }) => validatePlan(ws, id),
  }),
  defineTool({
    name: 'coord_list_runs',
    title: 'List runs',
    description: 'Runs as compact rows, newest first, filtered by status, todo, repo, pool or sweep; coord_get_run for one in full.',
    input: ListRunsInputSchema.extend({ limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ items: z.array(RunCompactSchema) }),
    annotations: READ,
    run: async ({ ws }, args) => ({ items: (await listRuns(ws, args)).map(compactRun) }),
  }),
  defineTool({
    name: 'coord_get_run',
    title: 'Get a run',
    description: "One run in full (status, attempts, branch, worktree, session, tokens, cost, diffstat, error tail) and a slice of its log: by byte offset, or the tail; read on from next_offset.",
    input: RunLogInputSchema.extend({ limit: z.number().int().min(1).max(65_536).default(8_192) }),
    output: z.object({
      run: RunRecordSchema,
      attempts: z.array(AttemptRecordSchema),
      log: z.object({ attempt: z.number().int(), offset: z.number().int(), text: z.string(), next_offset: z.number().int(), size: z.number().int() }),
    }),
    annotations: READ,
    run: async ({ ws }, args) => getRun(ws, args),
  }),
  defineTool({
    name: 'coord_cancel_run',
    title: 'Cancel a run',
    description: 'Cancel a run: at once if queued or stopped; a running one is stopped by its worker at its next heartbeat (cancelled: false until then).',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({ run: RunCompactSchema, cancelled: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
    run: async ({ ws }, { id }) => {
      const r = await cancelRun(ws, id);
      return { run: compactRun(r.run), cancelled: r.cancelled };
    },
  }),
  defineTool({
    name: 'coord_claim_next',
    title: 'Claim the next todo',
    description: 'Take the best ready todo (for a repo or role) in one call: claimed with a lease and token, set in_progress with you as assignee. claim is absent when nothing is ready.',
    input: ClaimNextInputSchema,
    output: z.object({ claim: LeaseSchema.omit({ session: true }).optional(), todo: TodoCompactSchema.optional(), ready: z.number().int().describe('Ready todos there were to choose from') }),
    annotations: WRITE,
    run: async ({ ws }, args) => {
      const r = await claimNext(ws, args);
      return { ...(r.claim ? { claim: r.claim } : {}), ...(r.todo ? { todo: compactTodo(r.todo) } : {}), ready: r.ready };
    },
  }),
];
