// `concord milestone update <id>`: change a milestone's fields; prints it as it is now.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { fieldsFrom } from '../../input.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addMilestoneFieldOptions, MILESTONE_FIELDS } from './fields.js';

export function milestoneUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('change fields of a milestone (status, due date, criteria, ...)').argument('<id>', 'milestone id');
    addMilestoneFieldOptions(cmd, 'update').action(async (id: string, opts: Record<string, unknown>, c: Command) => {
      const input = fieldsFrom(opts, MILESTONE_FIELDS);
      if (Object.keys(input).filter((k) => k !== 'force').length === 0) c.error('error: nothing to change: give at least one field, e.g. --status completed', { exitCode: 2, code: 'concord.nothingToChange' });
      const { updateMilestone } = await import('../../../app/plans.js');
      const out = ctx.output(c);
      const r = await updateMilestone(await ctx.workspace(c), id, input);
      out.result(r.milestone, () => writeSummary(out, 'Updated', id, r));
    });
    return withExamples(cmd, 'concord milestone update MILESTONE-001 --status completed', 'concord milestone update MILESTONE-001 --due 2026-03-15 --json');
  };
}
