// `concord plan list` (seed: `list-plans`): plans with status, target and progress.
import { Command } from 'commander';
import { PLAN_STATUSES } from '../../../core/enums.js';
import { enumListOption, list } from '../../args.js';
import type { CliContext } from '../../context.js';
import { STATUS_STYLE } from '../../output.js';
import { dateText, pageText } from '../../render/fields.js';
import { progressText } from '../../render/plan.js';
import { withExamples } from '../define.js';
import { addPageOptions } from '../list-options.js';

export function planList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('list plans with their status, target date and progress')
      .addOption(enumListOption('-s, --status <status>', 'only these statuses', PLAN_STATUSES, 'planStatus'))
      .option('-r, --repo <repo>', 'only plans naming any of these repos', list);
    addPageOptions(cmd).action(async (opts: { status?: string[]; repo?: string[]; limit?: number; offset?: number }, c: Command) => {
        const { listPlans } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const page = await listPlans(await ctx.workspace(c), opts);
        out.result(page, (p) =>
          pageText(out, p, 'plan', (items) =>
            out.table(items, [
              { header: 'ID', get: (x) => x.id },
              { header: 'STATUS', get: (x) => x.status, style: (x) => STATUS_STYLE[x.status] },
              { header: 'TARGET', get: (x) => dateText(x.target) },
              { header: 'MILESTONES', get: (x) => x.milestones.length, align: 'right' },
              { header: 'PROGRESS', get: (x) => progressText(x.progress) },
              { header: 'TITLE', get: (x) => x.title, max: 50 },
            ]),
          ),
        );
      });
    return withExamples(cmd, 'concord plan list --status active', 'concord list-plans --json');
  };
}
