// `concord roadmap`: plans and their milestones with progress bars and due dates.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { STATUS_STYLE } from '../output.js';
import { hoursText } from '../render/fields.js';
import { dueText, progressText } from '../render/plan.js';
import { withExamples } from './define.js';

export function registerRoadmap(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('roadmap')
    .description('plans and milestones with progress bars and due dates')
    .option('--all', 'include completed and cancelled plans')
    .action(async (opts: { all?: boolean }, c: Command) => {
      const { roadmap } = await import('../../app/queries.js');
      const out = ctx.output(c);
      const plans = await roadmap(await ctx.workspace(c), opts);
      out.result(plans, (list) => {
        if (list.length === 0) return opts.all ? 'No plans yet: create one with `concord plan create`.' : 'No open plans (add --all to see finished ones).';
        const lines: string[] = [];
        for (const p of list) {
          const hours = p.progress.hours_total ? `  ${hoursText(p.progress.hours_done)}/${hoursText(p.progress.hours_total)}` : '';
          lines.push(`${out.paint(p.id, 'bold')}  ${p.title}  ${out.paint(p.status, STATUS_STYLE[p.status])}${p.target ? `  target ${dueText(out, p.target, p.overdue)}` : ''}`);
          lines.push(`  ${progressText(p.progress, 24)}${hours}${p.waiting_on.length ? out.paint(`  waiting on ${p.waiting_on.join(', ')}`, 'yellow') : ''}`);
          const width = Math.max(0, ...p.milestones.map((m) => m.name.length));
          for (const m of p.milestones) {
            const name = m.name.length > 40 ? m.name.slice(0, 39) + '…' : m.name.padEnd(Math.min(width, 40));
            lines.push(`    ${out.paint(m.status === 'completed' ? '✓' : '○', m.status === 'completed' ? 'green' : 'dim')} ${name}  ${progressText(m.progress, 12)}${m.due ? `  due ${dueText(out, m.due, m.overdue)}` : ''}`);
          }
          lines.push('');
        }
        return lines.join('\n').trimEnd();
      });
    });
  withExamples(cmd, 'concord roadmap', 'concord roadmap --all --json');
}
