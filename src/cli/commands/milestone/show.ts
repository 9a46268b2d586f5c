// `concord milestone show <id>`: one milestone with its criteria, deliverables and progress.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { renderMilestoneDetail } from '../../render/plan.js';
import { withExamples } from '../define.js';

export function milestoneShow(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('show one milestone: plan, due date, progress, criteria, deliverables')
      .argument('<id>', 'milestone id, e.g. MILESTONE-001')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { getMilestone } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await getMilestone(await ctx.workspace(c), id), (d) => renderMilestoneDetail(out, d));
      });
    return withExamples(cmd, 'concord milestone show MILESTONE-001');
  };
}
