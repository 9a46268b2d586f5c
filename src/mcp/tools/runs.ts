// Execution tools: queue a todo, plan and validate sweeps, read and cancel runs, and take the best ready
// todo in one call.
import { z } from 'zod';
import { claimNext } from '../../app/runs/claim-next.js';
import { executeTodo } from '../../app/runs/execute.js';
import { cancelRun, getRun, listRuns } from '../../app/runs/queries.js';
import { planSweepDryRun } from '../../app/runs/sweep-plan.js';
import { validatePlan } from '../../app/validate-plan.js';
import { LeaseSchema } from '../../core/claims.js';
import { AttemptRecordSchema, type RunRecord, RunRecordSchema } from '../../core/runs/queue.js';
import { RunStatusSchema } from '../../core/runs/states.js';
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
    description: 'Queue a ready todo for a worker pool (an agent runs it in a worktree; success is verified). Returns its live run if it has one.',
    input: z.object({ todo: z.string().min(1), pool: z.string().optional(), executor: z.string().optional() }),
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
    description: 'The waves a sweep of a plan would run, with estimated hours and cost. Runs nothing.',
    input: z.object({ plan: z.string().min(1), milestone: z.string().optional(), max_parallel: z.number().int().min(1).optional() }),
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
    description: "Whether a plan is done: open todos, deliverables in the repos, its todos' acceptance commands.",
    input: z.object({ id: z.string().min(1) }),
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
    description: 'Runs as compact rows, newest first; coord_get_run for one in full.',
    input: z.object({ status: z.array(RunStatusSchema).optional(), todo: z.string().optional(), repo: z.string().optional(), sweep: z.string().optional(), limit: z.number().int().min(1).max(200).default(20) }),
    output: z.object({ items: z.array(RunCompactSchema) }),
    annotations: READ,
    run: async ({ ws }, args) => ({ items: (await listRuns(ws, args)).map(compactRun) }),
  }),
  defineTool({
    name: 'coord_get_run',
    title: 'Get a run',
    description: 'A run in full, with a slice of its log (the tail, or from a byte offset; read on from next_offset).',
    input: z.object({ id: z.string().min(1), attempt: z.number().int().positive().optional(), offset: z.number().int().min(0).optional(), limit: z.number().int().min(1).max(65_536).default(8_192) }),
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
    description: 'Cancel a run; a running one stops at its next heartbeat (cancelled: false until then).',
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
    description: 'Claim the best ready todo (for a repo or role) in one call: in_progress, you as assignee. No claim: none ready.',
    input: z.object({ agent: z.string().optional(), repo: z.string().optional(), role: z.string().optional(), plan: z.string().optional(), lease_seconds: z.number().int().min(1).optional() }),
    output: z.object({ claim: LeaseSchema.omit({ session: true }).optional(), todo: TodoCompactSchema.optional(), ready: z.number().int() }),
    annotations: WRITE,
    run: async ({ ws }, args) => {
      const r = await claimNext(ws, args);
      return { ...(r.claim ? { claim: r.claim } : {}), ...(r.todo ? { todo: compactTodo(r.todo) } : {}), ready: r.ready };
    },
  }),
];
