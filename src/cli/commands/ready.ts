// `concord ready`: what can be worked on now, best first.
import type { Command } from 'commander';
import { ready } from '../../app/queries.js';
import type { CliContext } from '../context.js';
import { PRIORITY_STYLE } from '../output.js';

export function registerReady(program: Command, ctx: CliContext): void {
  program
    .command('ready')
    .description('list todos that can be worked on now, best first')
    .option('-r, --repo <repo>', 'only this repo')
    .option('--role <role>', 'only repos with this role')
    .option('-a, --assignee <name>', 'only todos assigned to this person or agent')
    .option('-p, --plan <plan>', 'only todos of this plan')
    .option('-n, --limit <n>', 'at most this many', (v) => Number.parseInt(v, 10))
    .action(async (opts: { repo?: string; role?: string; assignee?: string; plan?: string; limit?: number }, cmd: Command) => {
      const out = ctx.output(cmd);
      const rows = await ready(ctx.workspace(cmd), opts);
      out.result(rows, (list) =>
        list.length === 0
          ? 'Nothing is ready: every open todo is blocked, held or in progress (see `concord blocked`).'
          : out.table(list, [
              { header: 'ID', get: (r) => r.todo.id },
              { header: 'PRIORITY', get: (r) => r.todo.priority, style: (r) => PRIORITY_STYLE[r.todo.priority] },
              { header: 'REPO', get: (r) => r.todo.repo ?? '' },
              { header: 'EST', get: (r) => (r.todo.estimated_hours === undefined ? '' : `${r.todo.estimated_hours}h`), align: 'right' },
              { header: 'UNBLOCKS', get: (r) => r.unblocks || '', align: 'right' },
              { header: 'TASK', get: (r) => r.todo.task, max: 70 },
            ]),
      );
    });
}
