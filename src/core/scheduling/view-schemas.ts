// zod schemas of what the scheduler's admin use-cases answer (app/scheduling/admin.ts): jobs and activities
// with their next fire, last run and breaker, their fires, and the result of a manual trigger.
import { z } from 'zod';

export const FireViewSchema = z.object({
  id: z.number().int(),
  trigger: z.string().describe('What fired it: cron, interval, event, webhook, manual'),
  instant: z.string(),
  status: z.string(),
  forced: z.boolean().optional(),
  started_at: z.string().optional(),
  ended_at: z.string().optional(),
  duration_ms: z.number().optional(),
  reason: z.string().optional(),
  error: z.string().optional(),
});

export const TargetViewSchema = z.object({
  kind: z.enum(['job', 'activity']),
  name: z.string(),
  description: z.string().optional(),
  enabled: z.boolean(),
  triggers: z.array(z.string()),
  actions: z.array(z.string()),
  overlap: z.string(),
  misfire: z.string(),
  breaker: z.object({ threshold: z.number().int(), failures: z.number().int(), open: z.boolean(), opened_at: z.string().optional() }),
  next_fire: z.string().optional(),
  running: z.number().int(),
  waiting: z.number().int(),
  last: FireViewSchema.optional(),
  source: z.string().describe('concord.yaml, or the activity file'),
  builtin: z.boolean().optional(),
});

export const JobDetailSchema = TargetViewSchema.extend({ history: z.array(FireViewSchema).describe('Fires, newest first') });

export const ActivityDetailSchema = JobDetailSchema.extend({
  file: z.string(),
  body: z.string().describe('The Markdown below the front matter'),
  quiet: z.array(z.object({ bucket: z.string(), events: z.number().int(), due_at: z.string() })).describe('Quiet periods in progress'),
});

export const ActivitiesSchema = z.object({
  dir: z.string(),
  activities: z.array(TargetViewSchema),
  invalid: z.array(z.object({ file: z.string(), problems: z.array(z.string()) })).describe('Definition files that could not be read, with their line and fix'),
});

export const FireOutcomeSchema = z.object({
  fire: z.number().int(),
  target: z.string(),
  trigger: z.string(),
  instant: z.string(),
  status: z.enum(['succeeded', 'failed', 'timed_out', 'cancelled', 'abandoned']),
  duration_ms: z.number(),
  summary: z.string(),
  error: z.string().optional(),
  output: z.string().optional(),
  breaker_opened: z.boolean().optional(),
});

export const TriggerResultSchema = z.object({
  kind: z.enum(['job', 'activity']),
  name: z.string(),
  fire: z.number().int(),
  status: z.string().describe('succeeded, failed, timed_out, cancelled: it ran; waiting: buffered behind a run in progress'),
  reason: z.string().optional(),
  outcome: FireOutcomeSchema.optional(),
});

export const BreakerResetSchema = z.object({ kind: z.enum(['job', 'activity']), name: z.string(), was_open: z.boolean() });
export const ActivityEnabledSchema = z.object({ name: z.string(), enabled: z.boolean(), changed: z.boolean(), file: z.string() });
