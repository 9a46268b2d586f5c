// Small shared pieces of the model: timestamps, notes, free-form metadata.
import { z } from 'zod';
import { lazySchema } from '../on-first-use.js';

/** `2026-01-31` or an ISO 8601 UTC time `2026-01-31T09:30:00Z` (what normalization produces). */
const DAYS_IN_MONTH = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/** The number of the `n` ASCII digits at `from`, or -1 when one of them is not a digit. */
function digitsAt(value: string, from: number, n: number): number {
  let v = 0;
  for (let i = from; i < from + n; i++) {
    const d = value.charCodeAt(i) - 48;
    if (!(d >= 0 && d <= 9)) return -1;
    v = v * 10 + d;
  }
  return v;
}

/**
 * Why `2026-13-45` or `2026-02-30T25:00:00Z` is no date, or undefined when it is one (the shape is checked apart:
 * only a leading `YYYY-MM-DD`, and `THH:MM:SS` after it, are read). Read digit by digit, not by a regex and
 * its match arrays: every timestamp of every record of a first index comes here.
 */
export function impossibleDate(value: string): string | undefined {
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  if (year < 0 || month < 0 || day < 0 || value[4] !== '-' || value[7] !== '-') return undefined;
  if (month < 1 || month > 12) return `${value} has no month ${month}`;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = month === 2 && leap ? 29 : DAYS_IN_MONTH[month - 1]!;
  if (day < 1 || day > days) return `${value} has no day ${day} (${year}-${String(month).padStart(2, '0')} has ${days} days)`;
  if (value[10] !== 'T' || value[13] !== ':' || value[16] !== ':') return undefined;
  const hour = digitsAt(value, 11, 2);
  const minute = digitsAt(value, 14, 2);
  const second = digitsAt(value, 17, 2);
  if (hour < 0 || minute < 0 || second < 0) return undefined;
  if (hour > 23 || minute > 59 || second > 59) return `${value} has no time ${value.slice(11, 13)}:${value.slice(14, 16)}:${value.slice(17, 19)}`;
  return undefined;
}

/** `2026-01-31T09:30:00Z`, a real time, exactly as normalization writes it (Date would give it back unchanged). */
export function isCanonicalTime(value: string): boolean {
  return value.length === 20 && CANONICAL_TIME.test(value) && impossibleDate(value) === undefined;
}
const CANONICAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export const TimestampSchema = lazySchema(() => z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(\.\d+)?Z)?$/, 'use a date (2026-01-31) or an ISO time (2026-01-31T09:30:00Z)')
  // A plain check, not superRefine (which makes a closure per value): the same issue, after the regex's.
  .check((payload) => {
    const why = impossibleDate(payload.value);
    if (why) payload.issues.push({ code: 'custom', message: `${why}; use a real date (2026-01-31) or ISO time (2026-01-31T09:30:00Z)`, input: payload.value, continue: true });
  })
  .describe('A date (2026-01-31) or an ISO 8601 time (2026-01-31T09:30:00Z)'));
export type Timestamp = z.infer<typeof TimestampSchema>;

/** A value or a list of values (`repo: api` or `repo: [api, web]`), always read as a list. */
/**
 * A list of named entries (hooks, jobs): each entry checked on its own and the names compared across all, so one
 * run reports every problem (zod skips a list's own checks when an entry fails). `more` checks an entry further,
 * even when another of its fields is wrong.
 */
export function namedList<T extends z.ZodType>(entry: T, noun: string, more?: (entry: unknown, i: number, ctx: z.RefinementCtx) => void) {
  return z
    .array(z.unknown())
    .superRefine((entries, ctx) => {
      const seen = new Set<string>();
      entries.forEach((e, i) => {
        const r = entry.safeParse(e);
        if (!r.success) for (const issue of r.error.issues) ctx.addIssue({ code: 'custom', path: [i, ...issue.path], message: issue.message });
        more?.(e, i, ctx);
        const name = (e as { name?: unknown } | null)?.name;
        if (typeof name !== 'string') return;
        if (seen.has(name)) ctx.addIssue({ code: 'custom', path: [i, 'name'], message: `two ${noun} are named "${name}"` });
        seen.add(name);
      });
    })
    .transform((entries) => entries.map((e) => entry.parse(e) as z.output<T>));
}

export const oneOrMany = <T extends z.ZodType>(t: T) => z.union([t, z.array(t)]).transform((v) => (Array.isArray(v) ? v : [v]) as z.output<T>[]);

export const HoursSchema = lazySchema(() => z.number().nonnegative().max(100_000).describe('Hours, a number (1.5)'));

/** One entry of a todo's append-only notes: the context one session leaves for the next. */
export const NoteSchema = lazySchema(() => z.object({
  author: z.string().min(1).optional(),
  at: TimestampSchema.optional(),
  text: z.string().min(1),
}));
export type Note = z.infer<typeof NoteSchema>;

export const MetadataSchema = lazySchema(() => z.record(z.string(), z.unknown()));
export const StringListSchema = lazySchema(() => z.array(z.string().min(1)));

/** Where an imported record came from: the tool and its id there (`backlog:TASK-14`, `taskmaster:master/14.1`). */
export const SourceIdSchema = lazySchema(() => z.string().trim().min(1).max(300).describe('Where an imported record came from: tool:id (backlog:TASK-14); `concord import` matches on it'));

/** Where a record lives elsewhere: its pull/merge request, or the issue on a Git host it was imported from (docs/githosts.md). */
export const LinkSchema = lazySchema(() => z.object({
  kind: z.enum(['pull_request', 'merge_request', 'issue', 'other']),
  url: z.string().min(1).max(2_000),
  host: z.string().min(1).max(100).optional(),
  number: z.number().int().nonnegative().optional(),
  /** open, closed or merged, as last seen (issue sync compares it with both sides). */
  state: z.string().min(1).max(50).optional(),
  branch: z.string().min(1).max(300).optional(),
  title: z.string().max(500).optional(),
}));
export type Link = z.infer<typeof LinkSchema>;
