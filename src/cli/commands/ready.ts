// `concord ready`: what can be worked on now, best first.
import type { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { PRIORITY_STYLE } from '../output.js';
import { withExamples } from './define.js';

export function registerReady(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('ready')
    .description('todos that can be worked on now, best first (abandoned ones, in progress with no live claim, marked stale)')
    .option('-r, --repo <repo>', 'only this repo')
    .option('--role <role>', 'only repos with this role')
    .option('-a, --assignee <name>', 'only todos assigned to this person or agent')
    .option('--plan <plan>', 'only todos of this plan')
    .option('-n, --limit <n>', 'at most this many', count)
    .action(async (opts: { repo?: string; role?: string; assignee?: string; plan?: string; limit?: number }, cmd: Command) => {
      const { ready } = await import('../../app/queries.js');
      const out = ctx.output(cmd);
      const rows = await ready(await ctx.workspace(cmd), opts);
      out.result(rows, (list) =>
        list.length === 0
          ? 'Nothing is ready: every open todo is blocked, held or in progress (see `concord blocked`).'
          : out.table(list, [
              { header: 'ID', get: (r) => (r.stale ? `${r.todo.id} (stale)` : r.todo.id), style: (r) => (r.stale ? 'yellow' : undefined) },
              { header: 'PRIORITY', get: (r) => r.todo.priority, style: (r) => PRIORITY_STYLE[r.todo.priority] },
              { header: 'REPO', get: (r) => r.todo.repo ?? '' },
              { header: 'EST', get: (r) => (r.todo.estimated_hours === undefined ? '' : `${r.todo.estimated_hours}h`), align: 'right' },
              { header: 'UNBLOCKS', get: (r) => r.unblocks || '', align: 'right' },
              { header: 'TASK', get: (r) => r.todo.task, max: 70 },
            ]),
      );
    });
  withExamples(cmd, 'concord ready --limit 5', 'concord ready --repo api --assignee alice --json');
}
