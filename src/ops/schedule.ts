// Operations on the scheduler's jobs and activities: list, show, trigger (run now), reset a breaker, enable.
import { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import { hint, op } from '../core/hints.js';
import { ActivitiesSchema, ActivityDetailSchema, ActivityEnabledSchema, BreakerResetSchema, JobDetailSchema, TargetViewSchema, TriggerResultSchema } from '../core/scheduling/view-schemas.js';
import { defineOperation } from './operation.js';

const scheduling = () => import('../app/scheduling/index.js');
const Job = z.string().min(1).describe('The job (jobs: in concord.yaml)');
const Activity = z.string().min(1).describe('The activity (its file in activities/)');
const Fires = z.number().int().min(1).max(1_000).optional().describe('Fires shown (default 20)');
const Force = z.boolean().optional().describe('Run even while its circuit breaker is open (it stays open until reset)');

/** A run that did not succeed (or wait behind one) fails the trigger; its result rides in the error's data. */
function runFailed(r: z.input<typeof TriggerResultSchema>): ConcordError | undefined {
  if (r.status === 'succeeded' || r.status === 'waiting') return undefined;
  return new ConcordError('JOB_FAILED', `${r.kind} "${r.name}" ${r.status}${r.outcome?.error ? `: ${r.outcome.error}` : ''}`, { hint: hint`see ${op(r.kind === 'job' ? 'job.show' : 'activity.show', { name: r.name })}`, data: { ...r } });
}

export const scheduleOperations = [
  defineOperation({
    id: 'job.list',
    summary: 'jobs, their triggers, next fire, last run and breaker',
    input: z.object({}),
    output: z.array(TargetViewSchema),
    effect: 'read',
    run: async (ws) => (await scheduling()).listJobs(ws),
    http: 'GET /api/jobs',
    cli: { command: 'job list' },
    mcp: { tool: 'coord_list_jobs' },
  }),
  defineOperation({
    id: 'job.show',
    summary: 'one job and its recent fires',
    input: z.object({ name: Job, limit: Fires }),
    output: JobDetailSchema,
    effect: 'read',
    run: async (ws, input) => (await scheduling()).showJob(ws, input),
    http: 'GET /api/jobs/{name}',
    cli: { command: 'job show' },
    mcp: { tool: 'coord_get_job' },
  }),
  defineOperation({
    id: 'job.trigger',
    summary: 'run a job now, in this process, and wait for it (its overlap policy applies)',
    input: z.object({ name: Job, force: Force }),
    output: TriggerResultSchema,
    effect: 'action',
    run: async (ws, input, ctx) => {
      const r = await (await scheduling()).triggerJob(ws, input, ctx.signal ? { signal: ctx.signal } : {});
      // What the run buffered or made due is planned now, not at the scheduler's next tick.
      ctx.wake?.();
      return r;
    },
    failure: runFailed,
    http: 'POST /api/trigger/{name}',
    cli: { command: 'job trigger' },
    mcp: { tool: 'coord_trigger_job' },
  }),
  defineOperation({
    id: 'job.reset',
    summary: "close a job's circuit breaker after it stopped on failures",
    input: z.object({ name: Job }),
    output: BreakerResetSchema,
    effect: 'update',
    run: async (ws, { name }) => (await scheduling()).resetBreaker(ws, 'job', name),
    http: 'POST /api/jobs/{name}/reset',
    cli: { command: 'job reset' },
    mcp: { tool: 'coord_reset_job' },
  }),
  defineOperation({
    id: 'activity.list',
    summary: 'activities, invalid definition files included',
    input: z.object({}),
    output: ActivitiesSchema,
    effect: 'read',
    run: async (ws) => (await scheduling()).listActivities(ws),
    http: 'GET /api/activities',
    cli: { command: 'activity list' },
    mcp: { tool: 'coord_list_activities' },
  }),
  defineOperation({
    id: 'activity.show',
    summary: 'one activity: its definition, quiet periods and recent fires',
    input: z.object({ name: Activity, limit: Fires }),
    output: ActivityDetailSchema,
    effect: 'read',
    run: async (ws, input) => (await scheduling()).showActivity(ws, input),
    http: 'GET /api/activities/{name}',
    cli: { command: 'activity show' },
    mcp: { tool: 'coord_get_activity' },
  }),
  defineOperation({
    id: 'activity.run',
    summary: 'run an activity now, in this process, and wait for it (also while disabled: try it before enabling)',
    input: z.object({ name: Activity, force: Force }),
    output: TriggerResultSchema,
    effect: 'action',
    run: async (ws, input, ctx) => {
      const r = await (await scheduling()).runActivity(ws, input, ctx.signal ? { signal: ctx.signal } : {});
      ctx.wake?.();
      return r;
    },
    failure: runFailed,
    http: 'POST /api/activities/{name}/run',
    cli: { command: 'activity run' },
    mcp: { tool: 'coord_run_activity' },
  }),
  ...([['enable', true], ['disable', false]] as const).map(([verb, on]) =>
    defineOperation({
      id: `activity.${verb}`,
      summary: `${verb} an activity (sets enabled: ${on} in its file)`,
      input: z.object({ name: Activity }),
      output: ActivityEnabledSchema,
      effect: 'update',
      run: async (ws, input, ctx) => {
        const r = (await scheduling()).setActivityEnabled(ws, input, on);
        ctx.wake?.();
        return r;
      },
      http: `POST /api/activities/{name}/${verb}`,
      cli: { command: `activity ${verb}` },
      mcp: { tool: `coord_${verb}_activity` },
    }),
  ),
  defineOperation({
    id: 'activity.reset',
    summary: "close an activity's circuit breaker after it stopped on failures",
    input: z.object({ name: Activity }),
    output: BreakerResetSchema,
    effect: 'update',
    run: async (ws, { name }) => (await scheduling()).resetBreaker(ws, 'activity', name),
    http: 'POST /api/activities/{name}/reset',
    cli: { command: 'activity reset' },
    mcp: { tool: 'coord_reset_activity' },
  }),
];
