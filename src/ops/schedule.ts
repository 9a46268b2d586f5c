// Operations on the scheduler's jobs and activities: list, show, trigger (run now), reset a breaker, enable.
import { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import { hint, op } from '../core/hints.js';
import { ActivitiesSchema, ActivityDetailSchema, ActivityEnabledSchema, BreakerResetSchema, JobDetailSchema, TargetViewSchema, TriggerResultSchema } from '../core/scheduling/view-schemas.js';
import type { Workspace } from '../app/workspace.js';
import { defineOperation, type HttpRoute, type Operation } from './operation.js';

const scheduling = () => import('../app/scheduling/index.js');
/** The job action that starts workflows, registered before a fire runs in this process. */
const withActions = async () => (await import('../workflows/job-action.js')).ensureWorkflowAction();
const Job = z.string().min(1).describe('The job (jobs: in concord.yaml)');
const Activity = z.string().min(1).describe('The activity (its file in activities/)');
const Fires = z.number().int().min(1).max(1_000).optional().describe('Fires shown (default 20)');
const Force = z.boolean().optional().describe('Run even while its circuit breaker is open (it stays open until reset)');

/** A run that did not succeed (or wait behind one) fails the trigger; its result rides in the error's data. */
function runFailed(r: z.input<typeof TriggerResultSchema>): ConcordError | undefined {
  if (r.status === 'succeeded' || r.status === 'waiting') return undefined;
  return new ConcordError('JOB_FAILED', `${r.kind} "${r.name}" ${r.status}${r.outcome?.error ? `: ${r.outcome.error}` : ''}`, { hint: hint`see ${op(r.kind === 'job' ? 'job.show' : 'activity.show', { name: r.name })}`, data: { ...r } });
}

type Scheduling = Awaited<ReturnType<typeof scheduling>>;
type Kind = 'job' | 'activity';

/** What differs between jobs (concord.yaml) and activities (files): names, words, the list and show answers. */
interface Family<L extends z.ZodType, D extends z.ZodType> {
  kind: Kind;
  plural: string;
  /** `a job`, `an activity`. */
  one: string;
  name: z.ZodString;
  list: { summary: string; output: L; run: (s: Scheduling, ws: Workspace) => z.input<L> };
  show: { summary: string; output: D; run: (s: Scheduling, ws: Workspace, input: { name: string; limit?: number | undefined }) => z.input<D> };
  /** Running one now: `job trigger` (POST /api/trigger/{name}, the seed's route), `activity run`. */
  fire: { verb: string; summary: string; http: HttpRoute };
  /** More operations of the family, listed before its reset. */
  more?: readonly Operation[];
}

/** One family's list, show, run-now and breaker reset, declared once for jobs and activities. */
function targetOperations<L extends z.ZodType, D extends z.ZodType>(f: Family<L, D>): Operation[] {
  return [
    defineOperation({
      id: `${f.kind}.list`,
      summary: f.list.summary,
      input: z.object({}),
      output: f.list.output,
      effect: 'read',
      run: async (ws) => f.list.run(await scheduling(), ws),
      http: `GET /api/${f.plural}`,
      cli: { command: `${f.kind} list` },
      mcp: { tool: `coord_list_${f.plural}` },
    }),
    defineOperation({
      id: `${f.kind}.show`,
      summary: f.show.summary,
      input: z.object({ name: f.name, limit: Fires }),
      output: f.show.output,
      effect: 'read',
      run: async (ws, input) => f.show.run(await scheduling(), ws, input),
      http: `GET /api/${f.plural}/{name}`,
      cli: { command: `${f.kind} show` },
      mcp: { tool: `coord_get_${f.kind}` },
    }),
    defineOperation({
      id: `${f.kind}.${f.fire.verb}`,
      summary: f.fire.summary,
      input: z.object({ name: f.name, force: Force }),
      output: TriggerResultSchema,
      effect: 'action',
      run: async (ws, { name, force }, ctx) => {
        await withActions();
        const r = await (await scheduling()).triggerTarget(ws, f.kind, name, { force: force === true, ...(ctx.signal ? { signal: ctx.signal } : {}) });
        // What the run buffered or made due is planned now, not at the scheduler's next tick.
        ctx.wake?.();
        return r;
      },
      failure: runFailed,
      http: f.fire.http,
      cli: { command: `${f.kind} ${f.fire.verb}` },
      mcp: { tool: `coord_${f.fire.verb}_${f.kind}` },
    }),
    ...(f.more ?? []),
    defineOperation({
      id: `${f.kind}.reset`,
      summary: `close ${f.one}'s circuit breaker after it stopped on failures`,
      input: z.object({ name: f.name }),
      output: BreakerResetSchema,
      effect: 'update',
      run: async (ws, { name }) => (await scheduling()).resetBreaker(ws, f.kind, name),
      http: `POST /api/${f.plural}/{name}/reset`,
      cli: { command: `${f.kind} reset` },
      mcp: { tool: `coord_reset_${f.kind}` },
    }),
  ];
}

export const scheduleOperations = [
  ...targetOperations({
    kind: 'job',
    plural: 'jobs',
    one: 'a job',
    name: Job,
    list: { summary: 'jobs, their triggers, next fire, last run and breaker', output: z.array(TargetViewSchema), run: (s, ws) => s.listJobs(ws) },
    show: { summary: 'one job and its recent fires', output: JobDetailSchema, run: (s, ws, input) => s.showJob(ws, input) },
    fire: { verb: 'trigger', summary: 'run a job now, in this process, and wait for it (its overlap policy applies)', http: 'POST /api/trigger/{name}' },
  }),
  ...targetOperations({
    kind: 'activity',
    plural: 'activities',
    one: 'an activity',
    name: Activity,
    list: { summary: 'activities, invalid definition files included', output: ActivitiesSchema, run: (s, ws) => s.listActivities(ws) },
    show: { summary: 'one activity: its definition, quiet periods and recent fires', output: ActivityDetailSchema, run: (s, ws, input) => s.showActivity(ws, input) },
    fire: { verb: 'run', summary: 'run an activity now, in this process, and wait for it (also while disabled: try it before enabling)', http: 'POST /api/activities/{name}/run' },
    more: ([['enable', true], ['disable', false]] as const).map(([verb, on]) =>
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
  }),
];
