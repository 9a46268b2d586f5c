// `concord milestone list`: milestones of every plan (or some), with due dates and progress.
import { Command } from 'commander';
import { MILESTONE_STATUSES } from '../../../core/enums.js';
import { enumListOption, list } from '../../args.js';
import type { CliContext } from '../../context.js';
import { milestoneColumns } from '../../render/plan.js';
import { withExamples } from '../define.js';

export function milestoneList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('list milestones with their plan, status, due date and progress')
      .option('--plan <plans>', 'only milestones of these plans', list)
      .addOption(enumListOption('-s, --status <status>', 'only these statuses', MILESTONE_STATUSES, 'milestoneStatus'))
      .action(async (opts: { plan?: string[]; status?: string[] }, c: Command) => {
        const { listMilestones } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const rows = await listMilestones(await ctx.workspace(c), opts);
        out.result(rows, (r) => (r.length ? out.table(r, milestoneColumns(out)) : 'No milestones match.'));
      });
    return withExamples(cmd, 'concord milestone list --plan PLAN-001', 'concord milestone list --status pending,in_progress --json');
  };
}
