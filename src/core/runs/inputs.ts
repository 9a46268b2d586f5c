// The inputs of the execution operations (execute, sweep, run list/show/logs/resume, claim next): declared
// once, parsed by the app and published by every surface (src/ops/runs.ts).
import { z } from 'zod';
import { MAX_LEASE_SECONDS } from '../claims.js';
import { RunStatusSchema } from './states.js';

export const RunIdSchema = z.string().min(1);

export const ExecuteTodoInputSchema = z.object({
  todo: z.string().min(1),
  pool: z.string().min(1).optional().describe('Default: the first pool serving its repo'),
  executor: z.string().min(1).optional().describe("Default: the pool's"),
});

export const ListRunsInputSchema = z.object({
  status: z.array(RunStatusSchema).optional(),
  todo: z.string().optional(),
  repo: z.string().optional(),
  pool: z.string().optional(),
  sweep: z.string().optional(),
  limit: z.number().int().min(1).max(1_000).default(50),
});

export const RunLogInputSchema = z.object({
  id: RunIdSchema,
  attempt: z.number().int().positive().optional().describe('Default: the latest'),
  offset: z.number().int().min(0).optional().describe('In bytes; default: the tail'),
  limit: z.number().int().min(1).max(1_048_576).default(16_384),
});

export const SweepInputSchema = z.object({
  plan: z.string().min(1),
  milestone: z.string().min(1).optional(),
  max_parallel: z.number().int().min(1).max(1_000).optional().describe('Default: what the pools allow'),
  budget_usd: z.number().positive().optional().describe('Start no run past this cost'),
  resume: z.boolean().optional().describe('Continue the last unfinished sweep (failed todos run again)'),
  sweep: z.string().min(1).optional(),
});
export type SweepInput = z.input<typeof SweepInputSchema>;

export const ResumeRunInputSchema = z.object({
  id: RunIdSchema,
  answer: z.string().max(65_536).optional().describe('The answer to the question of a needs_input run'),
});

export const ClaimNextInputSchema = z.object({
  agent: z.string().trim().min(1).max(200).optional().describe('Default: your client name'),
  repo: z.string().optional(),
  role: z.string().optional(),
  plan: z.string().optional(),
  lease_seconds: z.number().int().min(1).max(MAX_LEASE_SECONDS).optional(),
});

export const SweepIdSchema = z.string().min(1);
