// `concord issue list` (seed: `list-issues`): cross-repo issues, filtered and sorted.
import { Command } from 'commander';
import { ISSUE_STATUSES, PRIORITIES } from '../../../core/enums.js';
import { ISSUE_SORTS, type IssueFilter, type IssueSort } from '../../../core/graph/filters.js';
import { count, enumListOption, enumOption, list } from '../../args.js';
import type { CliContext } from '../../context.js';
import { pageText } from '../../render/fields.js';
import { issueColumns } from '../../render/issue.js';
import { withExamples } from '../define.js';
import { SORT_CHOICES } from '../todo/list.js';

type Opts = Omit<IssueFilter, 'text' | 'sort'> & { search?: string; sort?: string };

export function issueList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('list cross-repo issues, filtered and sorted (every filter takes a comma-separated list)')
      .addOption(enumListOption('-s, --status <status>', 'only these statuses', ISSUE_STATUSES, 'issueStatus'))
      .addOption(enumListOption('-p, --priority <priority>', 'only these priorities (P0-P3 also work)', PRIORITIES, 'priority'))
      .option('-r, --repo <repo>', 'only issues naming any of these repos', list)
      .option('-a, --assignee <name>', 'only issues assigned to these people or agents', list)
      .option('--plan <plan>', 'only issues of these plans', list)
      .option('--milestone <milestone>', 'only issues of these milestones', list)
      .option('-l, --label <label>', 'only issues with any of these labels', list)
      .option('-q, --search <words>', 'only issues whose title contains all these words')
      .addOption(enumOption('--sort <field>', 'sort by a field; prefix - for descending', SORT_CHOICES(ISSUE_SORTS)))
      .option('-n, --limit <n>', 'at most this many', count)
      .option('--offset <n>', 'skip this many (for paging)', count)
      .action(async (opts: Opts, c: Command) => {
        const { listIssues } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        const { search, sort, ...rest } = opts;
        const filter: IssueFilter = { ...rest, ...(search ? { text: search } : {}), ...(sort ? { sort: sort as IssueSort } : {}) };
        const page = await listIssues(ctx.workspace(c), filter);
        out.result(page, (p) => pageText(out, p, 'issue', (items) => out.table(items, issueColumns())));
      });
    return withExamples(cmd, 'concord issue list --status in_progress --priority high', 'concord list-issues --repo api --sort target --json');
  };
}
