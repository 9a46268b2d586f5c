// `concord todo show <id>` (seed: `show-todo`): one todo with its blockers, what it blocks, notes.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { renderTodoDetail } from '../../render/todo.js';
import { withExamples } from '../define.js';

export function todoShow(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('show one todo: fields, readiness, what blocks it and what it blocks, notes')
      .argument('<id>', 'todo id, e.g. TODO-001')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { getTodo } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await getTodo(await ctx.workspace(c), id), (d) => renderTodoDetail(out, d));
      });
    return withExamples(cmd, 'concord todo show TODO-001', 'concord show-todo TODO-001 --json');
  };
}
