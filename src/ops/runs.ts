// Operations of execution: queue a todo, sweep a plan, validate a plan; list, show, read, cancel, retry and
// resume runs; and for agents that work themselves, claim the best ready todo in one call. A worker
// (`concord worker`) is a process, not an operation (cli-only.ts).
import { z } from 'zod';
import { LeaseSchema } from '../core/claims.js';
import { compactTodo, TodoCompactSchema } from '../core/compact-todo.js';
import type { TodoRow } from '../core/model.js';
import { TodoRowSchema } from '../core/query-schemas.js';
import { ClaimNextInputSchema, ExecuteTodoInputSchema, ListRunsInputSchema, ResumeRunInputSchema, RunIdSchema, RunLogInputSchema, SweepIdSchema, SweepInputSchema } from '../core/runs/inputs.js';
import { type RunRecord, RunRecordSchema } from '../core/runs/queue.js';
import { compactRun, PlanValidationSchema, QueuedRunSchema, QueuedTaskSchema, RunCompactSchema, RunDetailSchema, RunLogSchema, SweepDryRunSchema, SweepReportSchema, SWEEP_STATUSES, SweepProgressSchema, SweepStartedSchema, type SweepState, SweepStateSchema } from '../core/runs/views.js';
import type { Workspace } from '../app/workspace.js';
import { defineOperation, type Effect, type McpSpec, type Operation } from './operation.js';

const runs = () => import('../app/runs/queries.js');
const Plan = z.string().min(1).describe('The plan, e.g. PLAN-001');

/** Agents read a queued or steered run as its compact row. */
const compactQueued = { output: z.object({ run: RunCompactSchema, created: z.boolean() }), shape: (a: { run: RunRecord; created: boolean }) => ({ run: compactRun(a.run), created: a.created }) };

const ClaimedNextSchema = z.object({
  claim: LeaseSchema.optional().describe('Yours: keep the token to update, note, heartbeat or complete the todo'),
  todo: TodoRowSchema.optional(),
  ready: z.number().int().describe('Ready todos that matched (none claimed: every one was taken, or held by a queued run)'),
});
type ClaimedNext = z.infer<typeof ClaimedNextSchema>;

const RunRef = z.object({ id: RunIdSchema });

/**
 * Steering one run (`run cancel|retry|resume`): POST /api/runs/{id}/<verb>, `concord run <verb> RUN`.
 */
function steer<I extends z.ZodObject<{ id: typeof RunIdSchema }>, O extends z.ZodType>(
  verb: string,
  d: { summary: string; input: I; output: O; effect: Effect; run: (ws: Workspace, input: z.output<I>) => Promise<z.input<O>>; mcp?: McpSpec },
): Operation {
  return defineOperation({
    id: `run.${verb}`,
    summary: d.summary,
    input: d.input,
    output: d.output,
    effect: d.effect,
    run: d.run,
    http: `POST /api/runs/{id}/${verb}`,
    cli: { command: `run ${verb}` },
    ...(d.mcp ? { mcp: d.mcp } : {}),
  });
}

export const runOperations = [
  defineOperation({
    id: 'todo.execute',
    summary: 'queue a todo for a worker pool (an agent runs it in a worktree; success is verified); its live run if it has one',
    input: ExecuteTodoInputSchema,
    output: QueuedRunSchema,
    effect: 'action',
    label: 'execute',
    run: async (ws, input) => (await import('../app/runs/execute.js')).executeTodo(ws, input),
    http: 'POST /api/todos/{todo}/execute',
    cli: { command: 'execute' },
    mcp: { tool: 'coord_execute_todo', description: 'Queue a ready todo for a worker pool (success is verified), or get its live run.', compact: compactQueued },
  }),
  defineOperation({
    id: 'queue.task',
    summary: "the work queue (seed 002): put a todo's task at the back of its pool's FIFO queue for the next free worker; a full queue refuses (HTTP 503 + Retry-After)",
    input: ExecuteTodoInputSchema,
    output: QueuedTaskSchema,
    effect: 'action',
    label: 'queue task',
    run: async (ws, input) => (await import('../app/runs/execute.js')).queueTask(ws, input),
    http: 'POST /api/queue/task',
    cli: { command: 'queue task' },
  }),
  defineOperation({
    id: 'plan.sweep',
    summary: "run a plan's todos in waves (a failure halts only its dependents; resumable), waiting or in the background; dry_run: only the waves",
    input: SweepInputSchema.extend({
      dry_run: z.boolean().optional().describe('Only plan the waves, with estimates'),
      background: z.boolean().optional().describe('Answer at once with the sweep id'),
    }),
    output: z.union([SweepReportSchema, SweepDryRunSchema, SweepStartedSchema]),
    effect: 'action',
    label: 'sweep',
    run: async (ws, { dry_run, background, ...input }, ctx) => {
      if (dry_run) return (await import('../app/runs/sweep-plan.js')).planSweepDryRun(ws, input);
      const { runSweep, startSweep } = await import('../exec/sweep.js');
      if (background) return startSweep(ws, input);
      return runSweep(ws, { ...input, env: ws.env.vars, ...(ctx.signal ? { signal: ctx.signal } : {}) });
    },
    http: 'POST /api/plans/{plan}/sweep',
    cli: { command: 'sweep' },
    mcp: { tool: 'coord_sweep_plan', description: "Run a plan's todos in waves and wait; background: its id at once." },
  }),
  defineOperation({
    id: 'sweep.show',
    summary: 'a sweep: running, interrupted or ended, and its report so far',
    input: z.object({ id: SweepIdSchema }),
    output: SweepStateSchema,
    effect: 'read',
    run: async (ws, { id }) => (await import('../app/runs/sweeps.js')).showSweep(ws, id),
    http: 'GET /api/sweeps/{id}',
    cli: { command: 'sweep-status' },
    mcp: {
      tool: 'coord_get_sweep',
      description: 'A sweep and its report so far.',
      compact: { output: z.object({ status: z.enum(SWEEP_STATUSES), report: SweepProgressSchema.optional() }), shape: (a: SweepState) => ({ status: a.status, ...(a.report ? { report: a.report } : {}) }) },
    },
  }),
  defineOperation({
    id: 'plan.validate',
    summary: 'is a plan done: open todos, deliverables in the repos, acceptance commands of its todos (runs them; needs no pool)',
    input: z.object({ id: Plan }),
    output: PlanValidationSchema,
    effect: 'action',
    run: async (ws, { id }) => (await import('../app/validate-plan.js')).validatePlan(ws, id),
    http: 'POST /api/plans/{id}/validate',
    cli: { command: 'plan validate' },
    mcp: { tool: 'coord_validate_plan', description: "Whether a plan is done: open todos, deliverables in the repos, its todos' acceptance commands." },
  }),
  defineOperation({
    id: 'run.list',
    summary: 'runs, newest first',
    input: ListRunsInputSchema,
    output: z.array(RunRecordSchema),
    effect: 'read',
    run: async (ws, input) => (await runs()).listRuns(ws, input),
    http: 'GET /api/runs',
    cli: { command: 'run list' },
    mcp: { tool: 'coord_list_runs', description: 'Runs as compact rows, newest first; coord_get_run for one in full.', compact: { output: z.object({ items: z.array(RunCompactSchema) }), shape: (a: RunRecord[]) => ({ items: a.map(compactRun) }) } },
  }),
  defineOperation({
    id: 'run.show',
    summary: 'a run: status, branch, worktree, session, tokens, cost, diffstat, attempts, and a slice of its log',
    input: RunLogInputSchema,
    output: RunDetailSchema,
    effect: 'read',
    run: async (ws, input) => (await runs()).getRun(ws, input),
    http: 'GET /api/runs/{id}',
    cli: { command: 'run show' },
    mcp: { tool: 'coord_get_run', description: 'A run in full, with its log tail or the log from an offset (read on from next_offset).' },
  }),
  defineOperation({
    id: 'run.logs',
    summary: "a slice of a run's log (the agent's output): its tail, or from a byte offset (read on from next_offset)",
    input: RunLogInputSchema,
    output: RunLogSchema,
    effect: 'read',
    run: async (ws, input) => (await runs()).readRunLog(ws, input),
    http: 'GET /api/runs/{id}/log',
    cli: { command: 'run logs' },
  }),
  steer('cancel', {
    input: RunRef,
    summary: 'cancel a run: at once if queued or stopped; a running one is stopped by its worker at the next heartbeat (cancelled: false until then)',
    output: z.object({ run: RunRecordSchema, cancelled: z.boolean() }),
    effect: 'update',
    run: async (ws, { id }) => (await runs()).cancelRun(ws, id),
    mcp: { tool: 'coord_cancel_run', description: 'Cancel a run (a running one stops at its next heartbeat: cancelled false till then).', compact: { output: z.object({ run: RunCompactSchema, cancelled: z.boolean() }), shape: (a: { run: RunRecord; cancelled: boolean }) => ({ run: compactRun(a.run), cancelled: a.cancelled }) } },
  }),
  steer('retry', {
    input: RunRef,
    summary: 'a new run of the todo of a run that ended (linked by retry_of)',
    output: QueuedRunSchema,
    effect: 'create',
    run: async (ws, { id }) => (await runs()).retryRun(ws, id),
  }),
  steer('resume', {
    summary: 'continue a run stopped by a limit, stalled or needing input: same worktree, same session',
    input: ResumeRunInputSchema,
    output: z.object({ run: RunRecordSchema }),
    effect: 'update',
    run: async (ws, { id, answer }) => (await runs()).resumeRun(ws, id, answer),
  }),
  defineOperation({
    id: 'todo.claim-next',
    summary: 'claim the best ready todo for a repo, role or plan in one call: in_progress with you as assignee, under a lease (nothing when none is ready)',
    input: ClaimNextInputSchema,
    output: ClaimedNextSchema,
    effect: 'action',
    label: 'claim next',
    run: async (ws, input) => (await import('../app/runs/claim-next.js')).claimNext(ws, input),
    http: 'POST /api/todos/claim-next',
    cli: { command: 'claim-next' },
    mcp: {
      tool: 'coord_claim_next',
      description: 'Claim the best ready todo of a repo or role in one call (in_progress, you as assignee); no claim: none ready.',
      compact: {
        output: z.object({ claim: LeaseSchema.omit({ session: true }).optional(), todo: TodoCompactSchema.optional(), ready: z.number().int() }),
        shape: (a: ClaimedNext) => ({ ...(a.claim ? { claim: a.claim } : {}), ...(a.todo ? { todo: compactTodo(a.todo as TodoRow) } : {}), ready: a.ready }),
      },
    },
  }),
];
