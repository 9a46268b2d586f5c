// `concord critical-path`: the chain of unresolved work with the most remaining estimated hours.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { STATUS_STYLE } from '../output.js';
import { hoursText } from '../render/fields.js';
import { withExamples } from './define.js';

export function registerCriticalPath(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('critical-path')
    .description('the chain of unresolved work with the most hours left')
    .option('--plan <plan>', 'only the todos of this plan')
    .option('-r, --repo <repo>', 'only the todos of this repo')
    .action(async (opts: { plan?: string; repo?: string }, c: Command) => {
      const { criticalPath } = await import('../../app/queries.js');
      const out = ctx.output(c);
      const path = await criticalPath(await ctx.workspace(c), opts);
      out.result(path, (p) => {
        if (p.steps.length === 0) return 'No unresolved work: the critical path is empty.';
        const lines = [
          out.table(p.steps, [
            { header: '#', get: (s) => p.steps.indexOf(s) + 1, align: 'right' },
            { header: 'ID', get: (s) => s.id },
            { header: 'STATUS', get: (s) => s.status, style: (s) => STATUS_STYLE[s.status] },
            { header: 'REPO', get: (s) => s.repo ?? '' },
            { header: 'HOURS', get: (s) => (s.estimated ? hoursText(s.hours) : '?'), align: 'right' },
            { header: 'TOTAL', get: (s) => hoursText(s.cumulative_hours), align: 'right' },
            { header: 'TITLE', get: (s) => s.title, max: 60 },
          ]),
          out.paint(`${p.steps.length} step(s), ${hoursText(p.total_hours)} of remaining work`, 'bold'),
        ];
        if (p.unestimated.length) lines.push(out.paint(`${p.unestimated.length} unresolved todo(s) have no estimate and count as 0h, so the path may be longer: ${p.unestimated.slice(0, 8).join(', ')}${p.unestimated.length > 8 ? ', …' : ''}`, 'yellow'));
        return lines.join('\n');
      });
    });
  withExamples(cmd, 'concord critical-path', 'concord critical-path --plan PLAN-001 --json');
}
