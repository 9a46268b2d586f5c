// Jobs (concord.yaml `jobs:`) and activities (activities/*.md front matter): triggers, actions and policies.
//
// Written here with zod only; the cron expressions are checked by the app layer (croner), which the core
// may not import. Jobs and activities end up as one `Target` shape that the scheduler runs.
import { z } from 'zod';
import { PrioritySchema, TODO_STATUSES } from '../enums.js';
import { checkTypePattern } from '../event-match.js';
import { oneOrMany } from '../schema/common.js';
import { durationSchema } from './duration.js';
import type { MisfirePolicy } from './misfire.js';
import { OVERLAP_POLICIES, type OverlapPolicy } from './overlap.js';
import { onFirstUse } from '../on-first-use.js';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** The schemas of jobs and activities, built on first use (core/on-first-use.ts). */
const schemas = onFirstUse(() => {
  const NAME = z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a name uses letters, digits, . _ - (no spaces)').max(100);

  const MisfireSchema = z
    .union([
      z.enum(['skip', 'fire_once', 'catchup']),
      z.strictObject({
        policy: z.enum(['skip', 'fire_once', 'catchup']),
        max: z.number().int().min(1).max(1_000).default(10).describe('catchup: at most this many missed fires run (the latest)'),
        window: durationSchema(1_000, 366 * DAY).default(DAY).describe('catchup: only instants this recent are caught up'),
      }),
    ], { error: 'misfire is skip, fire_once or catchup, or { policy: catchup, max: 3, window: 6h }' })
    .transform((m): MisfirePolicy => {
      const o = typeof m === 'string' ? { policy: m, max: 10, window: DAY } : m;
      return o.policy === 'catchup' ? { policy: 'catchup', max: o.max, window_ms: o.window } : { policy: o.policy };
    });

  const policies = {
    overlap: z.enum(OVERLAP_POLICIES, { error: `overlap is one of ${OVERLAP_POLICIES.join(', ')}` }).default('skip').describe('What a fire does while a run is in progress'),
    misfire: MisfireSchema.default(() => ({ policy: 'skip' as const })).describe('What happens to instants missed while no server ran'),
    breaker: z.number().int().min(0).max(1_000).default(0).describe('Consecutive failures that open the circuit breaker (0: never)'),
    timeout: durationSchema(1_000, DAY).default(60 * MINUTE).describe('A run is stopped after this long'),
  };

  /** One action: a Concord operation (dependency-check, ...) or a command (argv, no shell). */
  const actionFields = {
    operation: z.string().regex(/^[a-z][a-z0-9-]*$/, 'an operation name such as dependency-check').optional().describe('A Concord operation (docs/scheduler.md lists them)'),
    args: z.record(z.string(), z.unknown()).optional().describe('Input of the operation'),
    command: z.array(z.string({ error: (i) => (i.input === undefined ? undefined : `each word of a command is text: write ${JSON.stringify(String(i.input))} in quotes`) }).min(1)).min(1).max(1_000).optional().describe('A command and its arguments, run without a shell'),
    cwd: z.string().min(1).optional().describe('Folder of the command, relative to the ecosystem'),
  };
  const ActionSchema = z.strictObject(actionFields).superRefine(checkAction);

  const timeFields = {
    cron: z.string().min(1).max(200).optional().describe('Cron expression, 5 fields (or 6 with seconds)'),
    timezone: z.string().min(1).optional().describe('IANA time zone of the cron expression (default UTC)'),
    interval: durationSchema(1_000, 366 * DAY).optional().describe('Every so long, e.g. 30m'),
  };

  const JobSchema = z
    .strictObject({
      name: NAME,
      description: z.string().max(2_000).optional(),
      ...timeFields,
      ...actionFields,
      ...policies,
      enabled: z.boolean().default(true),
    })
    .superRefine((j, ctx) => {
      if ((j.cron === undefined) === (j.interval === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of cron (with an optional timezone) or interval' });
      checkTime(j, ctx);
      checkAction(j, ctx);
    });

  const EventFilterSchema = z.strictObject({
    repo: oneOrMany(z.string().min(1)).optional().describe('Only events about these repos'),
    priority: oneOrMany(PrioritySchema).optional().describe('Only events about items of these priorities'),
    to: oneOrMany(z.string().min(1)).optional().describe('Only status changes to these statuses'),
  });

  const TriggerSchema = z
    .strictObject({
      ...timeFields,
      event: oneOrMany(z.string().min(1)).optional().describe('Event types (globs allowed), or noun:status (todo:completed)'),
      filter: EventFilterSchema.optional(),
      webhook: NAME.optional().describe('Name of an inbound webhook (POST /api/hooks/in/NAME), HMAC-verified'),
      secret_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable').optional(),
      quiet: durationSchema(0, DAY).optional().describe('Wait until events stop for this long, then run once'),
      quiet_per: z.enum(['trigger', 'repo']).default('trigger').describe('One quiet period for the trigger, or one per repo'),
      max_wait: durationSchema(0, 7 * DAY).optional().describe('Run at the latest this long after the first event (default 10 quiet periods)'),
    })
    .superRefine((t, ctx) => {
      const kinds = [t.cron ?? t.interval, t.event, t.webhook].filter((x) => x !== undefined).length;
      if (kinds !== 1) ctx.addIssue({ code: 'custom', path: [], message: 'a trigger is one of cron, interval, event or webhook' });
      checkTime(t, ctx);
      if (t.cron !== undefined && t.interval !== undefined) ctx.addIssue({ code: 'custom', path: [], message: 'give cron or interval, not both' });
      const timed = t.cron !== undefined || t.interval !== undefined;
      for (const k of ['quiet', 'max_wait', 'filter'] as const) if (timed && t[k] !== undefined) ctx.addIssue({ code: 'custom', path: [k], message: `${k} belongs to an event or webhook trigger` });
      if (t.filter && t.event === undefined) ctx.addIssue({ code: 'custom', path: ['filter'], message: 'filter belongs to an event trigger' });
      if (t.webhook !== undefined && t.secret_env === undefined) ctx.addIssue({ code: 'custom', path: ['secret_env'], message: 'a webhook is verified with HMAC: give secret_env, the variable holding its secret' });
      (t.event ?? []).forEach((p, i) => {
        const problem = checkTypePattern(expandStatusShorthand(p).type);
        if (problem) ctx.addIssue({ code: 'custom', path: ['event', i], message: problem });
      });
    });

  const ActivitySchema = z.strictObject({
    name: NAME.optional().describe('Default: the file name without .md'),
    description: z.string().max(2_000).optional(),
    enabled: z.boolean().default(false).describe('Activities start disabled: enable one after trying it (`concord activity run`)'),
    triggers: z.array(TriggerSchema).min(1, 'an activity needs at least one trigger').max(50),
    actions: z.array(ActionSchema).min(1, 'an activity needs at least one action').max(50),
    ...policies,
  });
  return { ActionSchema, JobSchema, TriggerSchema, ActivitySchema };
});
export const JobSchema = (): ReturnType<typeof schemas>['JobSchema'] => schemas().JobSchema;
export const ActivitySchema = (): ReturnType<typeof schemas>['ActivitySchema'] => schemas().ActivitySchema;
export type Action = z.infer<ReturnType<typeof schemas>['ActionSchema']>;
export type Job = z.infer<ReturnType<typeof JobSchema>>;
export type Trigger = z.infer<ReturnType<typeof schemas>['TriggerSchema']>;
export type Activity = z.infer<ReturnType<typeof ActivitySchema>>;

function checkAction(a: { operation?: string | undefined; command?: string[] | undefined; args?: unknown; cwd?: string | undefined }, ctx: z.RefinementCtx): void {
  if ((a.operation === undefined) === (a.command === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of operation (a Concord operation) or command (argv, no shell)' });
  if (a.args !== undefined && a.operation === undefined) ctx.addIssue({ code: 'custom', path: ['args'], message: 'args belong to an operation' });
  if (a.cwd !== undefined && a.command === undefined) ctx.addIssue({ code: 'custom', path: ['cwd'], message: 'cwd belongs to a command' });
}

function checkTime(t: { cron?: string | undefined; timezone?: string | undefined; interval?: number | undefined }, ctx: z.RefinementCtx): void {
  if (t.timezone !== undefined) {
    if (t.cron === undefined) ctx.addIssue({ code: 'custom', path: ['timezone'], message: 'timezone belongs to a cron expression' });
    else if (!validTimeZone(t.timezone)) ctx.addIssue({ code: 'custom', path: ['timezone'], message: `"${t.timezone}" is not an IANA time zone (e.g. Europe/Berlin, America/New_York, UTC)` });
  }
}

export function validTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

const STATUS_NOUNS: Record<string, readonly string[]> = { todo: TODO_STATUSES };

/** `todo:completed` -> `todo:status_changed` to completed; anything else is itself. */
export function expandStatusShorthand(pattern: string): { type: string; to?: string } {
  const [noun, verb] = pattern.split(':');
  if (noun && verb && STATUS_NOUNS[noun]?.includes(verb)) return { type: `${noun}:status_changed`, to: verb };
  return { type: pattern };
}

export type TargetKind = 'job' | 'activity';

/** A job or an activity, normalized: what the scheduler plans and runs. */
export interface Target {
  kind: TargetKind;
  name: string;
  /** `job:NAME` or `activity:NAME`: the key of its fires and state. */
  id: string;
  description?: string;
  enabled: boolean;
  triggers: Trigger[];
  actions: Action[];
  overlap: OverlapPolicy;
  misfire: MisfirePolicy;
  breaker: number;
  timeout_ms: number;
  /** Where it is defined (concord.yaml, an activity file, or built in). */
  source: string;
  builtin?: boolean;
}

/** The JSON Schema of an activity file's front matter (published as schema/activity.schema.json, for editors). */
export function activityJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(ActivitySchema(), { io: 'input', unrepresentable: 'any' });
  return { $id: 'https://concord.dev/schema/activity.schema.json', title: 'Concord activity (the YAML front matter of activities/*.md)', ...schema };
}
