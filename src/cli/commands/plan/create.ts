// `concord plan create` (seed: `create-plan`): a new plan, with milestones; prints it with its new id.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { inputFrom } from '../../input.js';
import { withExamples } from '../define.js';
import { addPlanFieldOptions, PLAN_FIELDS } from './fields.js';

export function planCreate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('create a plan, optionally with milestones (prints it, with its new ids)').argument('[title]', 'the plan in one line (or --title)');
    addPlanFieldOptions(cmd, 'create').action(async (title: string | undefined, opts: Record<string, unknown>, c: Command) => {
      const milestones = [...((opts['milestone'] as unknown[] | undefined) ?? []), ...((opts['milestones'] as unknown[] | undefined) ?? [])];
      const input: Record<string, unknown> = { ...inputFrom({ ...opts, milestone: milestones.length ? milestones : undefined }, PLAN_FIELDS, ctx.io.cwd), ...(title ? { title } : {}) };
      if (!input['title']) c.error('error: a plan needs a title: concord plan create "Q1 roadmap" --milestone "Beta@2026-03-01"', { exitCode: 2, code: 'concord.missingTitle' });
      const { createPlan } = await import('../../../app/plans.js');
      const out = ctx.output(c);
      const r = await createPlan(await ctx.workspace(c), input);
      out.result(r.plan, (p) => [`Created ${out.paint(p.id, 'bold')}  ${p.title}`, ...p.milestones.map((m) => `  milestone ${m.id}  ${m.name}${m.due ? `  due ${m.due}` : ''}`)].join('\n'));
    });
    return withExamples(
      cmd,
      'concord plan create "Q1 2026 roadmap" --status active --target 2026-03-31 --milestone "Memory integration@2026-02-28" --milestone "GA@2026-03-31"',
      'concord create-plan --title "Python 3.13" --milestones "Libraries@2026-02-01,Services@2026-02-15" --json',
    );
  };
}
