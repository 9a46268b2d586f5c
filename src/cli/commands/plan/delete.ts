// `concord plan delete <id>`: remove a plan; todos and issues that named it lose the link.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';

export function planDelete(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('delete a plan and its milestones; todos, issues and plans that named them lose the link')
      .argument('<id>', 'plan id')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { deletePlan } = await import('../../../app/plans.js');
        const out = ctx.output(c);
        const r = await deletePlan(await ctx.workspace(c), id);
        out.result({ deleted: id, changed: r.changed }, () => writeSummary(out, 'Deleted', id, r));
      });
    return withExamples(cmd, 'concord plan delete PLAN-001');
  };
}
