// `concord todo list` (seed: `list-todos`): todos filtered by status, priority, repo, assignee, plan, label...
import { Command } from 'commander';
import type { TodoFilter } from '../../../core/graph/filters.js';
import type { CliContext } from '../../context.js';
import { pageText } from '../../render/fields.js';
import { todoColumns } from '../../render/todo.js';
import { withExamples } from '../define.js';
import { addItemListOptions } from '../list-options.js';

export function todoList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = addItemListOptions(new Command(name).description('list todos, filtered and sorted (every filter takes a comma-separated list)'), 'todo').action(
      async ({ search, ...filter }: Omit<TodoFilter, 'text'> & { search?: string }, c: Command) => {
        const { listTodos } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const page = await listTodos(await ctx.workspace(c), { ...filter, ...(search ? { text: search } : {}) });
        out.result(page, (p) => pageText(out, p, 'todo', (items) => out.table(items, todoColumns())));
      },
    );
    return withExamples(cmd, 'concord todo list --repo api --status pending,in_progress', 'concord todo list --assignee alice --sort priority --limit 10', 'concord list-todos --label frontend --json');
  };
}
