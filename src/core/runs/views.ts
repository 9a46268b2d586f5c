// The answers of the execution operations: a sweep's dry run and report, a plan's validation, a run with
// its attempts and log, and the compact row of a run that MCP lists (src/ops/runs.ts).
import { z } from 'zod';
import { AttemptRecordSchema, type RunRecord, RunRecordSchema } from './queue.js';

export const RunLogSchema = z.object({
  attempt: z.number().int(),
  /** Where the text starts, in bytes. */
  offset: z.number().int(),
  text: z.string(),
  /** Where to read on from (the size so far when the end was reached). */
  next_offset: z.number().int(),
  size: z.number().int(),
});
export type RunLog = z.infer<typeof RunLogSchema>;

export const RunDetailSchema = z.object({ run: RunRecordSchema, attempts: z.array(AttemptRecordSchema), log: RunLogSchema });

/** A run queued (or the live run the todo already had: created false). */
export const QueuedRunSchema = z.object({ run: RunRecordSchema, created: z.boolean() });

/** The work queue's answer (seed 002, POST /api/queue/task): the task in the queue's words, its run, and how full the queue is. */
export const QueuedTaskSchema = QueuedRunSchema.extend({
  task: z.object({
    id: z.string().describe('The run that carries the task'),
    todo: z.string(),
    state: z.enum(['pending', 'dispatching', 'running']).describe('pending: in the queue, waiting for a worker (FIFO); dispatching: being handed to one'),
  }),
  queue: z.object({ queued: z.number().int().describe('Tasks waiting, this one included'), capacity: z.number().int().describe('More than this many waiting is refused: HTTP 503 with Retry-After') }),
});

export const SweepDryRunSchema = z.object({
  plan: z.string(),
  milestone: z.string().optional(),
  parallel: z.number().int(),
  waves: z.array(
    z.object({
      wave: z.number().int(),
      todos: z.array(z.object({ id: z.string(), task: z.string(), repo: z.string().optional(), estimated_hours: z.number().optional() })),
      hours: z.number(),
      wall_hours: z.number(),
      unestimated: z.array(z.string()),
    }),
  ),
  hours: z.number(),
  wall_hours: z.number(),
  /** From the average cost of past runs; absent with no history to estimate from. */
  estimated_cost_usd: z.number().optional(),
  cost_basis: z.string(),
  done: z.array(z.string()),
  waiting: z.array(z.object({ todo: z.string(), on: z.array(z.string()) })),
  cyclic: z.array(z.string()),
});
export type SweepDryRun = z.infer<typeof SweepDryRunSchema>;

export const SweepReportSchema = z.object({
  sweep: z.string(),
  plan: z.string(),
  milestone: z.string().optional(),
  status: z.enum(['completed', 'incomplete', 'budget_exhausted']),
  waves: z.array(z.array(z.string())),
  succeeded: z.array(z.string()),
  failed: z.array(z.object({ todo: z.string(), run: z.string(), status: z.string(), reason: z.string() })),
  halted: z.array(z.object({ todo: z.string(), because: z.string() })),
  /** Neither done nor failed when the sweep stopped: held by someone else, blocked, or the sweep was stopped. */
  left: z.array(z.object({ todo: z.string(), status: z.string() })),
  waiting: z.array(z.object({ todo: z.string(), on: z.array(z.string()) })),
  runs: z.number().int(),
  cost_usd: z.number(),
});
export type SweepReport = z.infer<typeof SweepReportSchema>;

/** A sweep started in the background: its id at once; its progress from sweep.show and the events. */
export const SweepStartedSchema = z.object({
  sweep: z.string(),
  plan: z.string(),
  milestone: z.string().optional(),
  status: z.literal('running'),
  background: z.literal(true),
  /** The process that runs it (on this machine), and where its output goes. */
  pid: z.number().int().optional(),
  log: z.string(),
});
export type SweepStarted = z.infer<typeof SweepStartedSchema>;

/** How a sweep is, as its record says; `interrupted`: its runner is gone before it ended (resume it). */
export const SWEEP_STATUSES = ['running', 'interrupted', 'completed', 'incomplete', 'budget_exhausted'] as const;

export const SweepProgressSchema = SweepReportSchema.extend({
  status: z.enum(['running', 'completed', 'incomplete', 'budget_exhausted']),
  /** Todos whose run is queued or running now. */
  running: z.array(z.string()),
});
export type SweepProgress = z.infer<typeof SweepProgressSchema>;

export const SweepStateSchema = z.object({
  sweep: z.string(),
  plan: z.string(),
  milestone: z.string().optional(),
  status: z.enum(SWEEP_STATUSES),
  created_at: z.string(),
  updated_at: z.string(),
  runner: z.object({ pid: z.number().int(), host: z.string() }).optional(),
  log: z.string().optional(),
  /** What its runner last wrote (none before its first step). */
  report: SweepProgressSchema.optional(),
});
export type SweepState = z.infer<typeof SweepStateSchema>;

export const PlanValidationSchema = z.object({
  plan: z.string(),
  complete: z.boolean(),
  todos: z.object({ total: z.number().int(), done: z.number().int() }),
  open: z.array(z.object({ todo: z.string(), status: z.string(), milestone: z.string().optional(), problem: z.string().optional() })),
  deliverables: z.array(z.object({ milestone: z.string(), deliverable: z.string(), status: z.enum(['present', 'missing', 'manual']), where: z.string().optional() })),
  acceptance: z.array(z.object({ todo: z.string(), command: z.string(), ok: z.boolean(), output: z.string().optional() })),
  /** Completion criteria in words: a person judges them. */
  criteria: z.array(z.object({ milestone: z.string(), criterion: z.string() })),
  problems: z.array(z.string()),
});
export type PlanValidation = z.infer<typeof PlanValidationSchema>;

/** A run as a list row for agents: what it is, where it is, how it ended. */
export const RunCompactSchema = z.object({
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

const REASON_SHOWN = 200;

export const compactRun = (r: RunRecord): z.infer<typeof RunCompactSchema> => ({
  id: r.id,
  todo: r.todo,
  repo: r.repo,
  status: r.status,
  attempt: r.attempt,
  executor: r.executor,
  ...(r.branch ? { branch: r.branch } : {}),
  ...(r.outcome?.cost_usd !== undefined ? { cost_usd: r.outcome.cost_usd } : {}),
  ...(r.outcome?.reason ? { reason: r.outcome.reason.length > REASON_SHOWN ? `${r.outcome.reason.slice(0, REASON_SHOWN - 1)}…` : r.outcome.reason } : {}),
});
