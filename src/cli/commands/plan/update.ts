// `concord plan update <id>` (seed: `update-plan`): change any field; prints the plan as it is now.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { inputFrom } from '../../input.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addPlanFieldOptions, PLAN_FIELDS } from './fields.js';

export function planUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('change fields of a plan (milestones: `concord milestone add/update`)').argument('<id>', 'plan id');
    addPlanFieldOptions(cmd, 'update').action(async (id: string, opts: Record<string, unknown>, c: Command) => {
      const input = inputFrom(opts, PLAN_FIELDS, ctx.io.cwd);
      if (Object.keys(input).filter((k) => k !== 'force').length === 0) c.error('error: nothing to change: give at least one field, e.g. --status completed', { exitCode: 2, code: 'concord.nothingToChange' });
      const { updatePlan } = await import('../../../app/plans.js');
      const out = ctx.output(c);
      const r = await updatePlan(await ctx.workspace(c), id, input);
      out.result(r.plan, () => writeSummary(out, 'Updated', id, r));
    });
    return withExamples(cmd, 'concord plan update PLAN-001 --status completed',
      'concord plan update PLAN-001 --status completed --force   # though some of its todos are open', 'concord update-plan PLAN-001 --target 2026-04-30 --depends-on PLAN-000 --json');
  };
}
