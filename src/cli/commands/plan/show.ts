// `concord plan show <id>` (seed: `show-plan`): a plan with progress, milestones, issues and todos.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { renderPlanDetail } from '../../render/plan.js';
import { withExamples } from '../define.js';

export function planShow(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('show one plan: progress, milestones with due dates, issues, todos')
      .argument('<id>', 'plan id, e.g. PLAN-001')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { getPlan } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await getPlan(await ctx.workspace(c), id), (d) => renderPlanDetail(out, d));
      });
    return withExamples(cmd, 'concord plan show PLAN-001', 'concord show-plan PLAN-001 --json');
  };
}
