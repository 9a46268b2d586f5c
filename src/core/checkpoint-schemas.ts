// Input and output of checkpoints (seed 000): save, restore, list the state of work on a todo.
import { z } from 'zod';
import { TodoIdSchema } from './ids.js';

export const SaveCheckpointInputSchema = z.object({
  todo: TodoIdSchema.describe('The todo the work is for'),
  phase: z.string().trim().min(1).max(200).describe('Where the work is: planning, implementation, review…'),
  progress: z.number().min(0, 'progress is between 0 and 1').max(1, 'progress is between 0 and 1 (0.75 for 75%)'),
  state: z.unknown().default({}).describe('Any JSON the next session needs to continue'),
  note: z.string().trim().min(1).max(10_000).optional(),
});
export type SaveCheckpointInput = z.input<typeof SaveCheckpointInputSchema>;

export const RestoreCheckpointInputSchema = z
  .object({
    todo: TodoIdSchema.optional().describe('The latest checkpoint of this todo'),
    id: z.number().int().positive().optional().describe('This checkpoint'),
  })
  .refine((v) => v.todo !== undefined || v.id !== undefined, { message: 'give a todo (for its latest checkpoint) or a checkpoint id' });
export type RestoreCheckpointInput = z.input<typeof RestoreCheckpointInputSchema>;

export const ListCheckpointsInputSchema = z.object({
  todo: TodoIdSchema.optional(),
  limit: z.number().int().min(1).max(1_000).default(20),
});
export type ListCheckpointsInput = z.input<typeof ListCheckpointsInputSchema>;

export const CheckpointSummarySchema = z.object({
  id: z.number().int(),
  todo: z.string(),
  phase: z.string(),
  progress: z.number(),
  note: z.string().optional(),
  actor: z.string(),
  surface: z.string(),
  created_at: z.string(),
});
export const CheckpointSchema = CheckpointSummarySchema.extend({ state: z.unknown() });
export type Checkpoint = z.infer<typeof CheckpointSchema>;
export type CheckpointSummary = z.infer<typeof CheckpointSummarySchema>;

export const SavedCheckpointSchema = z.object({ checkpoint: CheckpointSummarySchema, pruned: z.number().int().describe('Older checkpoints dropped by the retention limit') });
export const CheckpointListSchema = z.object({ checkpoints: z.array(CheckpointSummarySchema) });
