// `concord dep delete <id>`: remove a dependency record.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';

export function depDelete(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('delete a dependency record (git keeps the history)')
      .argument('<id>', 'dependency id')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { deleteDependency } = await import('../../../app/dependencies.js');
        const out = ctx.output(c);
        const r = await deleteDependency(await ctx.workspace(c), id);
        out.result({ deleted: id, changed: r.changed }, () => writeSummary(out, 'Deleted', id, r));
      });
    return withExamples(cmd, 'concord dep delete DEP-001');
  };
}
