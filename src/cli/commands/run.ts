// `concord run list|show|logs|cancel|retry|resume`: the runs of the queue, and steering them.
import type { Command } from 'commander';
import { count, enumListOption } from '../args.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';
import { commandGroup } from './group.js';

const runs = () => Promise.all([import('../../app/runs/queries.js'), import('../render/runs.js')]);

export function registerRun(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'run', 'runs of todos by worker pools: list, show, logs, cancel, retry, resume');

  const list = group
    .command('list')
    .alias('ls')
    .description('runs, newest first')
    .addOption(enumListOption('--status <statuses>', 'only these statuses', ['queued', 'dispatching', 'running', 'succeeded', 'failed', 'no_op', 'needs_input', 'limit_turns', 'limit_budget', 'limit_time', 'stalled', 'cancelled', 'infra_error']))
    .option('--todo <id>', 'runs of this todo')
    .option('--repo <repo>', 'runs in this repo')
    .option('--pool <name>', 'runs of this pool')
    .option('--sweep <id>', 'runs of this sweep')
    .option('--limit <n>', 'at most this many (default 50)', count)
    .action(async (opts: { status?: string[]; todo?: string; repo?: string; pool?: string; sweep?: string; limit?: number }, cmd: Command) => {
      const [{ listRuns }, render] = await runs();
      const out = ctx.output(cmd);
      out.result(await listRuns(await ctx.workspace(cmd), opts), (r) => render.runTable(out, r));
    });
  withExamples(list, 'concord run list', 'concord run list --status failed,needs_input', 'concord run list --todo TODO-001 --json');

  group
    .command('show <run>')
    .description('a run: status, branch, worktree, session, tokens, cost, diffstat, attempts, errors, log tail')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const [{ getRun }, render] = await runs();
      const out = ctx.output(cmd);
      const r = await getRun(await ctx.workspace(cmd), { id, limit: 2_000 });
      out.result(r, (v) => [render.runDetail(out, v.run, v.attempts), ...(v.pull_requests ?? []).map((p) => `pull request: ${p.url}${p.state ? ` (${p.state})` : ''}`), ...(v.log.text ? ['', out.paint(`Log (attempt ${v.log.attempt}, last ${v.log.text.length} bytes of ${v.log.size})`, 'bold'), v.log.text.trimEnd()] : [])].join('\n'));
    });

  group
    .command('logs <run>')
    .description("a run's log (the agent's output); --follow keeps printing until the run ends")
    .option('--attempt <n>', 'which attempt (default: the latest)', count)
    .option('--offset <bytes>', 'from this byte (default: the last 16 KB)', (v: string) => Number(v))
    .option('-f, --follow', 'keep printing new output until the run ends')
    .action(async (id: string, opts: { attempt?: number; offset?: number; follow?: boolean }, cmd: Command) => {
      const [{ readRunLog }] = await runs();
      const { isLiveRun } = await import('../../core/runs/states.js');
      const ws = await ctx.workspace(cmd);
      const out = ctx.output(cmd);
      let offset = opts.offset;
      for (;;) {
        const log = await readRunLog(ws, { id, ...(opts.attempt ? { attempt: opts.attempt } : {}), ...(offset !== undefined ? { offset } : {}), limit: 1_048_576 });
        if (out.json && !opts.follow) return out.result(log, () => '');
        ctx.io.stdout.write(out.json ? JSON.stringify(log) + '\n' : log.text);
        offset = log.next_offset;
        const run = await ws.runs.get(id);
        if (!opts.follow || (log.next_offset >= log.size && run && !isLiveRun(run.status) && (opts.attempt ?? run.attempt) === log.attempt)) return;
        if (!opts.attempt && run && run.attempt > log.attempt) offset = 0;
        await new Promise((r) => setTimeout(r, 250));
      }
    });

  group
    .command('cancel <run>')
    .description('cancel a run: at once if queued or stopped; a running one is stopped by its worker at the next heartbeat')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const [{ cancelRun }] = await runs();
      ctx.output(cmd).result(await cancelRun(await ctx.workspace(cmd), id), (r) => (r.cancelled ? `${r.run.id} cancelled` : `${r.run.id} is ${r.run.status}: its worker stops it at the next heartbeat`));
    });

  group
    .command('retry <run>')
    .description('a new run of the todo of a run that ended (linked by retry_of)')
    .action(async (id: string, _opts: unknown, cmd: Command) => {
      const [{ retryRun }] = await runs();
      ctx.output(cmd).result(await retryRun(await ctx.workspace(cmd), id), (r) => `${r.created ? 'queued' : 'already has a live run:'} ${r.run.id} for ${r.run.todo}`);
    });

  const resume = group
    .command('resume <run>')
    .description('continue a run stopped by a limit, stalled or needing input: same worktree, same session')
    .option('--answer <text>', 'the answer to the question of a needs_input run')
    .action(async (id: string, opts: { answer?: string }, cmd: Command) => {
      const [{ resumeRun }] = await runs();
      ctx.output(cmd).result(await resumeRun(await ctx.workspace(cmd), id, opts.answer), (r) => `${r.run.id} queued again to resume session ${r.run.session ?? '(none)'} in ${r.run.worktree ?? 'a new worktree'}`);
    });
  withExamples(resume, 'concord run resume RUN-0123456789 --answer "use SQLite"');
}
