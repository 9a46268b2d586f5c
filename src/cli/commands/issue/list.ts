// `concord issue list` (seed: `list-issues`): cross-repo issues, filtered and sorted.
import { Command } from 'commander';
import type { IssueFilter } from '../../../core/graph/filters.js';
import type { CliContext } from '../../context.js';
import { pageText } from '../../render/fields.js';
import { issueColumns } from '../../render/issue.js';
import { withExamples } from '../define.js';
import { addItemListOptions } from '../list-options.js';

export function issueList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = addItemListOptions(new Command(name).description('list cross-repo issues, filtered and sorted (every filter takes a comma-separated list)'), 'issue').action(
      async ({ search, ...filter }: Omit<IssueFilter, 'text'> & { search?: string }, c: Command) => {
        const { listIssues } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const page = await listIssues(await ctx.workspace(c), { ...filter, ...(search ? { text: search } : {}) });
        out.result(page, (p) => pageText(out, p, 'issue', (items) => out.table(items, issueColumns())));
      },
    );
    return withExamples(cmd, 'concord issue list --status in_progress --priority high', 'concord list-issues --repo api --sort target --json');
  };
}
