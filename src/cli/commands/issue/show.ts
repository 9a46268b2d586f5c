// `concord issue show <id>` (seed: `show-issue`): one issue with its blockers, todos and plans.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { renderIssueDetail } from '../../render/issue.js';
import { withExamples } from '../define.js';

export function issueShow(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('show one issue: fields, what blocks it, what it blocks, the todos working on it')
      .argument('<id>', 'issue id, e.g. ISSUE-001')
      .action(async (id: string, _opts: unknown, c: Command) => {
        const { getIssue } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await getIssue(await ctx.workspace(c), id), (d) => renderIssueDetail(out, d));
      });
    return withExamples(cmd, 'concord issue show ISSUE-001', 'concord show-issue ISSUE-001 --json');
  };
}
