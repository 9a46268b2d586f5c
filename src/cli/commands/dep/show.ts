// `concord dep show <id>`: one dependency with its constraint and validation.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { renderDependencyDetail } from '../../render/dependency.js';
import { withExamples } from '../define.js';

export function depShow(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('show one dependency: consumer, provider, constraint, status, validation')
      .argument('<id>', 'dependency id, e.g. DEP-001')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { getDependency } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await getDependency(await ctx.workspace(c), id), (d) => renderDependencyDetail(out, d));
      });
    return withExamples(cmd, 'concord dep show DEP-001 --json');
  };
}
