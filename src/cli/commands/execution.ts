// `concord execute`, `concord sweep`, `concord sweep-status`: run a todo, or a plan's todos in waves (waiting, or in
// the background), through the worker pools.
import type { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';

const usd = (v: string): number => {
  const n = Number(v.replace(/^\$/, ''));
  if (!Number.isFinite(n) || n <= 0) throw new Error(`"${v}" is not an amount in USD (e.g. 5 or 2.50)`);
  return n;
};

export function registerExecution(program: Command, ctx: CliContext): void {
  const execute = program
    .command('execute')
    .description('queue a todo for a worker pool; --wait runs it here and waits for the verified outcome')
    .argument('<todo>', 'todo id')
    .option('--pool <name>', 'the pool to run it in (default: the first pool serving its repo)')
    .option('--executor <name>', "the executor profile (default: the pool's)")
    .option('--wait', 'run it now in this process and wait for its outcome (exit 1 unless it succeeded)')
    .action(async (todo: string, opts: { pool?: string; executor?: string; wait?: boolean }, cmd: Command) => {
      const [{ executeTodo }, render] = await Promise.all([import('../../app/runs/execute.js'), import('../render/runs.js')]);
      const ws = await ctx.workspace(cmd);
      const out = ctx.output(cmd);
      const { run, created } = await executeTodo(ws, { todo, ...(opts.pool ? { pool: opts.pool } : {}), ...(opts.executor ? { executor: opts.executor } : {}) });
      if (!opts.wait) {
        out.result({ run, created }, (r) => `${r.created ? 'queued' : 'already has a live run:'} ${r.run.id} for ${r.run.todo} in pool ${r.run.pool} (${r.run.executor}), ${r.run.status}\nstart a worker to run it: concord worker${r.run.pool === 'default' ? '' : ` --pool ${r.run.pool}`}   (or: concord execute ${todo} --wait)`);
        return;
      }
      const { waitForRun } = await import('../../exec/local.js');
      const done = await waitForRun(ws, run, { env: ws.env.vars, onEvent: (e) => (e.type === 'progress' ? out.progress(render.progressText(e.run, e.facts)) : undefined) });
      out.progressDone();
      out.result({ run: done, created }, (r) => render.endedLine(out, r.run));
      if (done.status !== 'succeeded') ctx.exitCode = 1;
    });
  withExamples(execute, 'concord execute TODO-001', 'concord execute TODO-001 --wait', 'concord execute TODO-001 --pool backend --executor codex');

  const queue = program.command('queue').description('the work queue: tasks (todos) waiting for a worker, first in first out');
  withExamples(
    queue
      .command('task')
      .description("put a todo's task at the back of its pool's queue for the next free worker (what POST /api/queue/task does)")
      .argument('<todo>', 'todo id')
      .option('--pool <name>', 'the pool to run it in (default: the first pool serving its repo)')
      .option('--executor <name>', "the executor profile (default: the pool's)")
      .action(async (todo: string, opts: { pool?: string; executor?: string }, cmd: Command) => {
        const { queueTask } = await import('../../app/runs/execute.js');
        const r = await queueTask(await ctx.workspace(cmd), { todo, ...(opts.pool ? { pool: opts.pool } : {}), ...(opts.executor ? { executor: opts.executor } : {}) });
        ctx.output(cmd).result(r, (a) => `${a.created ? 'queued' : 'already in the queue:'} ${a.task.id} for ${a.task.todo}, ${a.task.state} (${a.queue.queued} of ${a.queue.capacity} waiting)`);
      }),
    'concord queue task TODO-001',
  );

  const sweep = program
    .command('sweep')
    .description("run a plan's todos in waves of ready work: a failure halts only its dependents; resumable")
    .requiredOption('--plan <plan>', 'the plan to sweep')
    .option('--milestone <milestone>', "only this milestone's todos")
    .option('--dry-run', 'print the waves and the estimated hours and cost; run nothing')
    .option('--max-parallel <n>', 'runs of the sweep at once (default: the pools allow)', count)
    .option('--budget-usd <usd>', 'stop starting runs once the sweep has cost this much', usd)
    .option('--resume', 'continue the last unfinished sweep of the plan (failed todos run again)')
    .option('--sweep <id>', 'with --resume: continue this sweep rather than the last unfinished one')
    .option('--background', 'start it in a process of its own and return at once with its id (follow it: concord sweep-status ID --follow)')
    .action(async (opts: { plan: string; milestone?: string; dryRun?: boolean; maxParallel?: number; budgetUsd?: number; resume?: boolean; sweep?: string; background?: boolean }, cmd: Command) => {
      const ws = await ctx.workspace(cmd);
      const out = ctx.output(cmd);
      const input = { plan: opts.plan, ...(opts.milestone ? { milestone: opts.milestone } : {}), ...(opts.maxParallel ? { max_parallel: opts.maxParallel } : {}), ...(opts.budgetUsd ? { budget_usd: opts.budgetUsd } : {}), ...(opts.resume ? { resume: true } : {}), ...(opts.sweep ? { sweep: opts.sweep } : {}) };
      const render = await import('../render/sweep.js');
      if (opts.dryRun) {
        const { planSweepDryRun } = await import('../../app/runs/sweep-plan.js');
        out.result(await planSweepDryRun(ws, input), (p) => render.dryRunText(out, p));
        return;
      }
      const { runSweep, startSweep } = await import('../../exec/sweep.js');
      if (opts.background) return out.result(await startSweep(ws, input), (s) => render.startedText(s));
      const report = await runSweep(ws, { ...input, env: ws.env.vars, onProgress: (text) => out.progress(text), onLine: (line) => (out.json ? undefined : out.note(line)) });
      out.progressDone();
      out.result(report, (r) => render.reportText(out, r));
      if (report.status !== 'completed') ctx.exitCode = 1;
    });
  withExamples(sweep, 'concord sweep --plan PLAN-001 --dry-run', 'concord sweep --plan PLAN-001 --max-parallel 3 --budget-usd 20', 'concord sweep --plan PLAN-001 --resume', 'concord sweep --plan PLAN-001 --background');

  const status = program
    .command('sweep-status')
    .description('a sweep: running, interrupted or how it ended, with its report so far; --follow prints it until it ends')
    .argument('<sweep>', 'sweep id (concord sweep prints it)')
    .option('-f, --follow', 'keep printing its progress until it ends (exit 1 unless it completed)')
    .action(async (id: string, opts: { follow?: boolean }, cmd: Command) => {
      const [{ showSweep }, render] = await Promise.all([import('../../app/runs/sweeps.js'), import('../render/sweep.js')]);
      const ws = await ctx.workspace(cmd);
      const out = ctx.output(cmd);
      let s = showSweep(ws, id);
      while (opts.follow && s.status === 'running') {
        out.progress(render.stateLine(out, s));
        await new Promise((r) => setTimeout(r, 500));
        s = showSweep(ws, id);
      }
      out.progressDone();
      out.result(s, (v) => render.stateText(out, v));
      if (opts.follow && s.status !== 'completed') ctx.exitCode = 1;
    });
  withExamples(status, 'concord sweep-status SWEEP-0A1B2', 'concord sweep-status SWEEP-0A1B2 --follow', 'concord sweep-status SWEEP-0A1B2 --json');
}
