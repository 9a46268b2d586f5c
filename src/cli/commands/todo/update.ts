// `concord todo update <id>` (seed: `update-todo`): change any field; prints the todo as it is now.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { inputFrom } from '../../input.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addTodoFieldOptions, TODO_FIELDS } from './fields.js';

export function todoUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('change fields of a todo (status, priority, blockers, estimate, ...)').argument('<id>', 'todo id');
    addTodoFieldOptions(cmd, 'update').action(async (id: string, opts: Record<string, unknown>, c: Command) => {
      const input = inputFrom(opts, TODO_FIELDS, ctx.io.cwd);
      if (Object.keys(input).filter((k) => k !== 'force' && k !== 'claim_token').length === 0) {
        c.error('error: nothing to change: give at least one field, e.g. --status in_progress', { exitCode: 2, code: 'concord.nothingToChange' });
      }
      const { updateTodo } = await import('../../../app/todos.js');
      const out = ctx.output(c);
      const r = await updateTodo(await ctx.workspace(c), id, input);
      out.result(r.todo, () => writeSummary(out, 'Updated', id, r));
    });
    return withExamples(
      cmd,
      'concord todo update TODO-001 --status in_progress --assignee alice',
      'concord update-todo TODO-001 --blocked-by TODO-002,ISSUE-004 --estimate 2d',
      'concord todo update TODO-001 --no-assignee --note "handing over: tests pass, docs left"',
    );
  };
}
