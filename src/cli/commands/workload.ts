// `concord workload`: open work and remaining hours per assignee and per repo.
import type { Command } from 'commander';
import type { WorkloadRow } from '../../core/graph/workload.js';
import type { CliContext } from '../context.js';
import type { Column } from '../output.js';
import { hoursText } from '../render/fields.js';
import { withExamples } from './define.js';

const columns = (first: string): Column<WorkloadRow>[] => [
  { header: first, get: (r) => r.name },
  { header: 'OPEN', get: (r) => r.open, align: 'right' },
  { header: 'IN PROGRESS', get: (r) => r.in_progress, align: 'right' },
  { header: 'READY', get: (r) => r.ready, align: 'right', style: (r) => (r.ready ? 'green' : undefined) },
  { header: 'BLOCKED', get: (r) => r.blocked, align: 'right', style: (r) => (r.blocked ? 'red' : undefined) },
  { header: 'HOURS LEFT', get: (r) => hoursText(r.remaining_hours), align: 'right' },
  { header: 'UNESTIMATED', get: (r) => r.unestimated || '', align: 'right', style: (r) => (r.unestimated ? 'yellow' : undefined) },
];

export function registerWorkload(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('workload')
    .description('open todos and hours left per assignee and per repo')
    .option('-r, --repo <repo>', 'only this repo')
    .option('-a, --assignee <name>', 'only this assignee')
    .action(async (opts: { repo?: string; assignee?: string }, c: Command) => {
      const { workload } = await import('../../app/queries.js');
      const out = ctx.output(c);
      const w = await workload(await ctx.workspace(c), opts);
      out.result(w, (v) =>
        v.total.open === 0
          ? 'No open todos.'
          : [out.table(v.by_assignee, columns('ASSIGNEE')), '', out.table(v.by_repo, columns('REPO')), '', out.paint(`total: ${v.total.open} open todo(s), ${hoursText(v.total.remaining_hours)} left${v.total.unestimated ? `, ${v.total.unestimated} without an estimate` : ''}`, 'bold')].join('\n'),
      );
    });
  withExamples(cmd, 'concord workload', 'concord workload --repo api --json');
}
