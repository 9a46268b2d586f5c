// `concord dep list` (seed: `list-deps`): inter-repo dependencies, filtered by consumer, provider, type, status.
import { Command } from 'commander';
import { DEPENDENCY_STATUSES, DEPENDENCY_TYPES } from '../../../core/enums.js';
import { enumListOption, list } from '../../args.js';
import type { CliContext } from '../../context.js';
import { dependencyColumns } from '../../render/dependency.js';
import { pageText } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addPageOptions } from '../list-options.js';

export function depList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('list inter-repo dependencies (consumer needs provider)')
      .option('-c, --consumer <repos>', 'only these consumers', list)
      .option('--provider <repos>', 'only these providers', list)
      .addOption(enumListOption('--type <type>', 'only these types', DEPENDENCY_TYPES, 'dependencyType'))
      .addOption(enumListOption('-s, --status <status>', 'only these statuses', DEPENDENCY_STATUSES, 'dependencyStatus'));
    addPageOptions(cmd).action(async (opts: { consumer?: string[]; provider?: string[]; type?: string[]; status?: string[]; limit?: number; offset?: number }, c: Command) => {
        const { listDependencies } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const page = await listDependencies(await ctx.workspace(c), opts);
        out.result(page, (p) => pageText(out, p, 'dependency', (items) => out.table(items, dependencyColumns()), 'dependencies'));
      });
    return withExamples(cmd, 'concord dep list --consumer web', 'concord list-deps --status unsatisfied,failed --json');
  };
}
