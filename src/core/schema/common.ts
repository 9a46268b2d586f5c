// Small shared pieces of the model: timestamps, notes, free-form metadata.
import { z } from 'zod';

/** `2026-01-31` or an ISO 8601 UTC time `2026-01-31T09:30:00Z` (what normalization produces). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** Why `2026-13-45` or `2026-02-30T25:00:00Z` is no date, or undefined when it is one (the shape is checked apart). */
export function impossibleDate(value: string): string | undefined {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}))?/.exec(value);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x))) as [number, number, number, number, number, number];
  if (month < 1 || month > 12) return `${value} has no month ${month}`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return `${value} has no day ${day} (${year}-${String(month).padStart(2, '0')} has ${days} days)`;
  if (hour > 23 || minute > 59 || second > 59) return `${value} has no time ${m[4]}:${m[5]}:${m[6]}`;
  return undefined;
}

export const TimestampSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/, 'use a date (2026-01-31) or an ISO time (2026-01-31T09:30:00Z)')
  .superRefine((value, ctx) => {
    const why = impossibleDate(value);
    if (why) ctx.addIssue({ code: 'custom', message: `${why}; use a real date (2026-01-31) or ISO time (2026-01-31T09:30:00Z)` });
  })
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

/** Where a record lives elsewhere: its pull/merge request, or the issue on a Git host it was imported from (docs/githosts.md). */
export const LinkSchema = z.object({
  kind: z.enum(['pull_request', 'merge_request', 'issue', 'other']),
  url: z.string().min(1).max(2_000),
  host: z.string().min(1).max(100).optional(),
  number: z.number().int().nonnegative().optional(),
  /** open, closed or merged, as last seen (issue sync compares it with both sides). */
  state: z.string().min(1).max(50).optional(),
  branch: z.string().min(1).max(300).optional(),
  title: z.string().max(500).optional(),
});
export type Link = z.infer<typeof LinkSchema>;
