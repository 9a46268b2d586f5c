// `concord todo delete <id>`: remove a todo and the edges that point at it.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withExamples } from '../define.js';
import { writeSummary } from '../../render/fields.js';

export function todoDelete(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('delete a todo; blocked_by/blocking entries naming it are removed too (git keeps the history)')
      .argument('<id>', 'todo id')
      .option('--force', 'delete it even though open work waits on it (that work becomes ready; cancelling keeps the record)')
      .action(async (id: string, opts: { force?: boolean }, c: Command) => {
        const { deleteTodo } = await import('../../../app/todos.js');
        const out = ctx.output(c);
        const r = await deleteTodo(await ctx.workspace(c), id, opts.force ? { force: true } : {});
        out.result({ deleted: id, changed: r.changed }, () => writeSummary(out, 'Deleted', id, r));
      });
    return withExamples(cmd, 'concord todo delete TODO-001');
  };
}
