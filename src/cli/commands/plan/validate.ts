// `concord plan validate <id>` (also `concord validate --plan <id>`): is a plan done? Exit 1 when it is not.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withExamples } from '../define.js';

/** Prints the validation of `plan`; an incomplete plan sets exit code 1 (the report is still the output). */
export async function printPlanValidation(ctx: CliContext, c: Command, plan: string): Promise<void> {
  const [{ validatePlan }, { planValidationText }] = await Promise.all([import('../../../app/validate-plan.js'), import('../../render/sweep.js')]);
  const out = ctx.output(c);
  const v = await validatePlan(await ctx.workspace(c), plan);
  out.result(v, (r) => planValidationText(out, r));
  if (!v.complete) {
    out.note(`PLAN_INCOMPLETE: plan ${v.plan} is not complete (${v.problems.length} problem(s))`);
    ctx.exitCode = 1;
  }
}

export function planValidate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('is a plan done: open todos, deliverables in the repos, acceptance commands (exit 1 when incomplete; needs no pool)')
      .argument('<id>', 'plan id, e.g. PLAN-001')
      .action(async (id: string, _opts: unknown, c: Command) => printPlanValidation(ctx, c, id));
    return withExamples(cmd, 'concord plan validate PLAN-001', 'concord validate --plan PLAN-001 --json');
  };
}
