// `concord job list|show|trigger|reset` (seed 002: `concord trigger JOB`) and `concord activity list|show|run|
// enable|disable|reset` (seed 003): look at and run the scheduler's jobs and activities.
import { Command } from 'commander';
import { ConcordError } from '../../core/errors.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { nounVerb, withExamples } from './define.js';
import { commandGroup } from './group.js';
import type { FireView, TargetView, TriggerResult } from '../../app/scheduling/index.js';

const scheduling = async () => {
  // The job action that starts workflows (src/workflows) is registered before a fire runs here.
  (await import('../../workflows/job-action.js')).ensureWorkflowAction();
  return import('../../app/scheduling/index.js');
};

function targetsTable(out: Output, rows: readonly TargetView[], empty: string): string {
  if (!rows.length) return empty;
  return out.table(rows, [
    { header: 'NAME', get: (t) => t.name },
    { header: 'ON', get: (t) => (t.enabled ? 'yes' : 'no') },
    { header: 'TRIGGERS', get: (t) => t.triggers.join('; '), max: 50 },
    { header: 'NEXT', get: (t) => t.next_fire ?? '' },
    { header: 'LAST', get: (t) => (t.last ? `${t.last.status} ${t.last.ended_at ?? ''}` : '') },
    { header: 'BREAKER', get: (t) => (t.breaker.open ? 'OPEN' : t.breaker.threshold ? `${t.breaker.failures}/${t.breaker.threshold}` : '') },
  ]);
}

function fireLine(f: FireView): string {
  return `  ${String(f.id).padStart(5)}  ${f.status.padEnd(9)} ${f.trigger.padEnd(8)} ${f.instant}${f.duration_ms !== undefined ? `  ${f.duration_ms} ms` : ''}${f.reason ? `  (${f.reason})` : ''}${f.error ? `  ${f.error.slice(0, 120)}` : ''}`;
}

function targetText(out: Output, t: TargetView & { history: FireView[] }, extra: string[] = []): string {
  return [
    `${out.paint(`${t.kind} ${t.name}`, 'bold')}${t.enabled ? '' : ' (disabled)'}${t.builtin ? ' (built in)' : ''}`,
    ...(t.description ? [t.description] : []),
    `triggers: ${t.triggers.join('; ')}`,
    `actions:  ${t.actions.join('; ')}`,
    `overlap ${t.overlap}, misfire ${t.misfire}, breaker ${t.breaker.threshold ? `${t.breaker.failures}/${t.breaker.threshold}${t.breaker.open ? ` OPEN since ${t.breaker.opened_at}` : ''}` : 'off'}`,
    ...(t.next_fire ? [`next fire: ${t.next_fire}`] : []),
    `defined in ${t.source}`,
    ...extra,
    t.history.length ? `fires, newest first:\n${t.history.map(fireLine).join('\n')}` : 'No fires yet.',
  ].join('\n');
}

function triggerText(r: TriggerResult): string {
  if (r.status === 'waiting') return `${r.kind} ${r.name}: fire ${r.fire} is waiting for the run in progress (overlap policy)`;
  const o = r.outcome;
  return `${r.kind} ${r.name}: fire ${r.fire} ${r.status}${o ? ` in ${o.duration_ms} ms: ${o.summary}` : ''}${o?.output ? `\n${o.output}` : ''}`;
}

/**
 * Prints the result; a run that did not succeed fails the command (exit 1): people see its output first,
 * --json gets the one error document, the result in its data.
 */
function reportRun(out: Output, r: TriggerResult): void {
  const ok = r.status === 'succeeded' || r.status === 'waiting';
  if (ok || !out.json) out.result(r, triggerText);
  if (!ok) throw new ConcordError('JOB_FAILED', `${r.kind} "${r.name}" ${r.status}${r.outcome?.error ? `: ${r.outcome.error}` : ''}`, { hint: `see \`concord ${r.kind} show ${r.name}\``, data: { ...r } });
}

export function registerSchedule(program: Command, ctx: CliContext): void {
  const job = commandGroup(program, 'job', 'jobs of the scheduler (jobs: in concord.yaml): list, show, trigger, reset');

  job.command('list').description('jobs, their triggers, next fire, last run and breaker').action(async (_o: unknown, cmd: Command) => {
    const { listJobs } = await scheduling();
    const out = ctx.output(cmd);
    out.result(listJobs(await ctx.workspace(cmd)), (rows) => targetsTable(out, rows, 'No jobs.'));
  });

  job.command('show <name>').description('one job and its recent fires').option('-n, --limit <n>', 'fires shown (default 20)', count)
    .action(async (name: string, opts: { limit?: number }, cmd: Command) => {
      const { showJob } = await scheduling();
      const out = ctx.output(cmd);
      out.result(showJob(await ctx.workspace(cmd), { name, ...opts }), (t) => targetText(out, t));
    });

  nounVerb(program, job, 'trigger', 'trigger', (verb) =>
    withExamples(
      new Command(verb)
        .argument('<name>', 'the job')
        .description('run a job now, in this process, and wait for it (its overlap policy applies)')
        .option('--force', 'run even while its circuit breaker is open')
        .action(async (name: string, opts: { force?: boolean }, cmd: Command) => {
          const { triggerJob } = await scheduling();
          reportRun(ctx.output(cmd), await triggerJob(await ctx.workspace(cmd), { name, ...opts }));
        }),
      'concord job trigger dependency-check',
      'concord trigger nightly-audit --force',
    ),
  );

  job.command('reset <name>').description("close a job's circuit breaker after it stopped on failures").action(async (name: string, _o: unknown, cmd: Command) => {
    const { resetBreaker } = await scheduling();
    ctx.output(cmd).result(await resetBreaker(await ctx.workspace(cmd), 'job', name), (r) => (r.was_open ? `job ${r.name}: breaker closed; it runs again` : `job ${r.name}: its breaker was not open (failure count cleared)`));
  });

  const activity = commandGroup(program, 'activity', 'activities (activities/*.md): list, show, run, enable, disable, reset');

  activity.command('list').description('activities, invalid definition files included').action(async (_o: unknown, cmd: Command) => {
    const { listActivities } = await scheduling();
    const out = ctx.output(cmd);
    out.result(listActivities(await ctx.workspace(cmd)), (r) =>
      [targetsTable(out, r.activities, `No activities in ${r.dir}.`), ...r.invalid.flatMap((i) => i.problems.map((p) => `invalid: ${p}`))].join('\n'),
    );
  });

  activity.command('show <name>').description('one activity: its definition, quiet periods and recent fires').option('-n, --limit <n>', 'fires shown (default 20)', count)
    .action(async (name: string, opts: { limit?: number }, cmd: Command) => {
      const { showActivity } = await scheduling();
      const out = ctx.output(cmd);
      out.result(showActivity(await ctx.workspace(cmd), { name, ...opts }), (a) =>
        targetText(out, a, [...a.quiet.map((q) => `quiet: ${q.bucket}: ${q.events} event(s), runs at ${q.due_at}`), ...(a.body ? ['', a.body, ''] : [])]),
      );
    });

  withExamples(
    activity.command('run <name>').description('run an activity now, in this process, and wait for it (also while disabled: try it before enabling)').option('--force', 'run even while its circuit breaker is open')
      .action(async (name: string, opts: { force?: boolean }, cmd: Command) => {
        const { runActivity } = await scheduling();
        reportRun(ctx.output(cmd), await runActivity(await ctx.workspace(cmd), { name, ...opts }));
      }),
    'concord activity run weekly-review',
  );

  for (const [verb, on] of [['enable', true], ['disable', false]] as const) {
    activity.command(`${verb} <name>`).description(`${verb} an activity (sets enabled: ${on} in its file)`).action(async (name: string, _o: unknown, cmd: Command) => {
      const { setActivityEnabled } = await scheduling();
      ctx.output(cmd).result(setActivityEnabled(await ctx.workspace(cmd), { name }, on), (r) => `activity ${r.name}: ${r.changed ? `${verb}d` : `already ${verb}d`} (${r.file})`);
    });
  }

  activity.command('reset <name>').description("close an activity's circuit breaker after it stopped on failures").action(async (name: string, _o: unknown, cmd: Command) => {
    const { resetBreaker } = await scheduling();
    ctx.output(cmd).result(await resetBreaker(await ctx.workspace(cmd), 'activity', name), (r) => (r.was_open ? `activity ${r.name}: breaker closed; it runs again` : `activity ${r.name}: its breaker was not open (failure count cleared)`));
  });
}
