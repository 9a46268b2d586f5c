// `concord todo list` (seed: `list-todos`): todos filtered by status, priority, repo, assignee, plan, label...
import { Command } from 'commander';
import { PRIORITIES, TODO_STATUSES } from '../../../core/enums.js';
import { TODO_SORTS, type TodoFilter, type TodoSort } from '../../../core/graph/filters.js';
import { count, enumListOption, enumOption, list } from '../../args.js';
import type { CliContext } from '../../context.js';
import { pageText } from '../../render/fields.js';
import { todoColumns } from '../../render/todo.js';
import { withExamples } from '../define.js';

export const SORT_CHOICES = (sorts: readonly string[]) => [...sorts, ...sorts.map((s) => `-${s}`)];

interface ListOptions {
  status?: string[];
  priority?: string[];
  repo?: string[];
  assignee?: string[];
  plan?: string[];
  milestone?: string[];
  issue?: string[];
  label?: string[];
  search?: string;
  sort?: string;
  limit?: number;
  offset?: number;
}

export function todoFilter(o: ListOptions): TodoFilter {
  return {
    ...(o.status ? { status: o.status } : {}),
    ...(o.priority ? { priority: o.priority } : {}),
    ...(o.repo ? { repo: o.repo } : {}),
    ...(o.assignee ? { assignee: o.assignee } : {}),
    ...(o.plan ? { plan: o.plan } : {}),
    ...(o.milestone ? { milestone: o.milestone } : {}),
    ...(o.issue ? { issue: o.issue } : {}),
    ...(o.label ? { label: o.label } : {}),
    ...(o.search ? { text: o.search } : {}),
    ...(o.sort ? { sort: o.sort as TodoSort } : {}),
    ...(o.limit !== undefined ? { limit: o.limit } : {}),
    ...(o.offset !== undefined ? { offset: o.offset } : {}),
  };
}

export function todoList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('list todos, filtered and sorted (every filter takes a comma-separated list)')
      .addOption(enumListOption('-s, --status <status>', 'only these statuses', TODO_STATUSES, 'todoStatus'))
      .addOption(enumListOption('-p, --priority <priority>', 'only these priorities (P0-P3 also work)', PRIORITIES, 'priority'))
      .option('-r, --repo <repo>', 'only these repos (names or nicknames)', list)
      .option('-a, --assignee <name>', 'only todos assigned to these people or agents', list)
      .option('--plan <plan>', 'only todos of these plans', list)
      .option('--milestone <milestone>', 'only todos of these milestones', list)
      .option('--issue <issue>', 'only todos linked to these issues', list)
      .option('-l, --label <label>', 'only todos with any of these labels', list)
      .option('-q, --search <words>', 'only todos whose task contains all these words')
      .addOption(enumOption('--sort <field>', 'sort by a field; prefix - for descending', SORT_CHOICES(TODO_SORTS)))
      .option('-n, --limit <n>', 'at most this many', count)
      .option('--offset <n>', 'skip this many (for paging)', count)
      .action(async (opts: ListOptions, c: Command) => {
        const { listTodos } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const page = await listTodos(ctx.workspace(c), todoFilter(opts));
        out.result(page, (p) => pageText(out, p, 'todo', (items) => out.table(items, todoColumns())));
      });
    return withExamples(cmd, 'concord todo list --repo api --status pending,in_progress', 'concord todo list --assignee alice --sort priority --limit 10', 'concord list-todos --label frontend --json');
  };
}
