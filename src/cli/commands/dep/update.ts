// `concord dep update <id>`: change a dependency's type, constraint, status, notes or validation.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addDependencyFieldOptions, dependencyInput } from './fields.js';

export function depUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('change fields of a dependency').argument('<id>', 'dependency id');
    addDependencyFieldOptions(cmd, 'update').action(async (id: string, opts: Record<string, unknown>, c: Command) => {
      const input = dependencyInput(opts, ctx.io.cwd);
      if (Object.keys(input).length === 0) c.error('error: nothing to change: give at least one field, e.g. --status satisfied', { exitCode: 2, code: 'concord.nothingToChange' });
      const { updateDependency } = await import('../../../app/dependencies.js');
      const out = ctx.output(c);
      const r = await updateDependency(await ctx.workspace(c), id, input);
      out.result(r.dependency, () => writeSummary(out, 'Updated', id, r));
    });
    return withExamples(cmd, 'concord dep update DEP-001 --constraint ">=0.3.0" --status unknown', 'concord dep update DEP-001 --no-validation --json');
  };
}
