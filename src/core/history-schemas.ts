// Input and output of the history use-case (CLI `concord history`, MCP `coord_get_history`).
import { z } from 'zod';
import { SURFACES } from './events.js';
import { oneOrMany } from './schema/common.js';
import { lazySchema } from './on-first-use.js';

export const HistoryInputSchema = lazySchema(() => z.object({
  id: z.string().trim().min(1).optional().describe('Only events about this item (any id, or a repo name)'),
  repo: z.string().trim().min(1).optional().describe('Only events about this repo (name or nickname)'),
  type: oneOrMany(z.string().trim().min(1)).optional().describe('Event types, globs allowed: todo:*, *:status_changed'),
  since: z.string().trim().min(1).optional().describe('ISO date or date-time, or a span back from now: 30m, 24h, 7d, 2w'),
  until: z.string().trim().min(1).optional().describe('Same forms as since; exclusive'),
  actor: z.string().trim().min(1).optional(),
  surface: z.enum(SURFACES).optional(),
  limit: z.number().int().min(1).max(10_000).default(50),
  before: z.number().int().positive().optional().describe('Next page: events older than this sequence number'),
}));
export type HistoryInput = z.input<typeof HistoryInputSchema>;

export const EventSubjectSchema = lazySchema(() => z.object({
  title: z.string().optional(),
  repos: z.array(z.string()).optional(),
  priority: z.string().optional(),
  plan: z.string().optional(),
  milestone: z.string().optional(),
}));

export const HistoryEventSchema = lazySchema(() => z.object({
  seq: z.number().int(),
  type: z.string(),
  entity: z.object({ kind: z.string(), id: z.string() }),
  at: z.string(),
  actor: z.string(),
  surface: z.string(),
  subject: EventSubjectSchema.optional(),
  summary: z.string().describe('What changed, in one line'),
  data: z.unknown().optional().describe('The change, such as the fields before and after (may be left out for creations and deletions)'),
}));

export const HistorySchema = lazySchema(() => z.object({
  events: z.array(HistoryEventSchema).describe('Newest first'),
  next_before: z.number().int().optional().describe('Pass as `before` for the next page'),
}));
export type History = z.infer<typeof HistorySchema>;
