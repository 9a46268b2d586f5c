// `concord blocked`: todos waiting on unresolved work, each with its chain and the roots to start from.
import { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { PRIORITY_STYLE } from '../output.js';
import { withExamples } from './define.js';

export function registerBlocked(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('blocked')
    .description('blocked todos, the chain of blockers, and where to start')
    .option('-r, --repo <repo>', 'only todos of this repo')
    .option('-n, --limit <n>', 'at most this many', count)
    .action(async (opts: { repo?: string; limit?: number }, c: Command) => {
      const { blocked } = await import('../../app/queries.js');
      const out = ctx.output(c);
      const rows = await blocked(await ctx.workspace(c), opts);
      out.result(rows, (list) =>
        list.length === 0
          ? 'Nothing is blocked.'
          : out.table(list, [
              { header: 'ID', get: (r) => r.todo.id },
              { header: 'PRIORITY', get: (r) => r.todo.priority, style: (r) => PRIORITY_STYLE[r.todo.priority] },
              { header: 'REPO', get: (r) => r.todo.repo ?? '' },
              { header: 'WAITS ON', get: (r) => [...r.blockers.map((b) => b.id), ...r.waiting_on_plans.map((p) => `plan ${p}`), ...(r.blockers.length || r.waiting_on_plans.length ? [] : ['(marked blocked)'])].join(', '), max: 30 },
              { header: 'CHAIN', get: (r) => (r.chain.length > 1 ? r.chain.join(' ⇐ ') : ''), max: 40 },
              { header: 'START WITH', get: (r) => r.roots.map((b) => b.id).join(', '), style: () => 'green', max: 30 },
              { header: 'TASK', get: (r) => r.todo.task, max: 50 },
            ]),
      );
    });
  withExamples(cmd, 'concord blocked', 'concord blocked --repo web --json');
}
