// Small shared pieces of the model: timestamps, notes, free-form metadata.
import { z } from 'zod';

/** `2026-01-31` or an ISO 8601 UTC time `2026-01-31T09:30:00Z` (what normalization produces). */
export const TimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/, 'use a date (2026-01-31) or an ISO time (2026-01-31T09:30:00Z)')
  .describe('A date (2026-01-31) or an ISO 8601 time (2026-01-31T09:30:00Z)');
export type Timestamp = z.infer<typeof TimestampSchema>;

/** A value or a list of values (`repo: api` or `repo: [api, web]`), always read as a list. */
export const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

export const HoursSchema = z.number().nonnegative().max(100_000).describe('Hours, a number (1.5)');

/** One entry of a todo's append-only notes: the context one session leaves for the next. */
export const NoteSchema = z.object({
  author: z.string().min(1).optional(),
  at: TimestampSchema.optional(),
  text: z.string().min(1),
});
export type Note = z.infer<typeof NoteSchema>;

export const MetadataSchema = z.record(z.string(), z.unknown());
export const StringListSchema = z.array(z.string().min(1));

/** Where an imported record came from: the tool and its id there (`backlog:TASK-14`, `taskmaster:master/14.1`). */
export const SourceIdSchema = z.string().trim().min(1).max(300).describe('Where an imported record came from: tool:id (backlog:TASK-14); `concord import` matches on it');
