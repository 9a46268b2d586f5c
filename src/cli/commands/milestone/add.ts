// `concord milestone add <plan> [name]`: a new milestone in a plan; prints it with its new id.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { fieldsFrom } from '../../input.js';
import { withExamples } from '../define.js';
import { addMilestoneFieldOptions, MILESTONE_FIELDS } from './fields.js';

export function milestoneAdd(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('add a milestone to a plan (prints it, with its new id)').argument('<plan>', 'plan id').argument('[name]', 'the milestone (or --name)');
    addMilestoneFieldOptions(cmd, 'create').action(async (plan: string, label: string | undefined, opts: Record<string, unknown>, c: Command) => {
      const input: Record<string, unknown> = { ...fieldsFrom(opts, MILESTONE_FIELDS), ...(label ? { name: label } : {}) };
      if (!input['name']) c.error('error: a milestone needs a name: concord milestone add PLAN-1 "Beta" --due 2026-03-01', { exitCode: 2, code: 'concord.missingName' });
      const { addMilestone } = await import('../../../app/plans.js');
      const out = ctx.output(c);
      const r = await addMilestone(await ctx.workspace(c), plan, input);
      out.result(r.milestone, (m) => `Created ${out.paint(m.id, 'bold')}  ${m.name} in ${plan}${m.due ? `, due ${m.due}` : ''}`);
    });
    return withExamples(cmd, 'concord milestone add PLAN-001 "Memory integration complete" --due 2026-02-28 --criterion "All repos use the memory service"');
  };
}
