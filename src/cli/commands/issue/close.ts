// `concord issue close <id>` (seed: `close-issue`): close (or resolve) an issue, with a resolution.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';

export function issueClose(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('close an issue (or mark it resolved with --resolved); the work it blocked becomes ready')
      .argument('<id>', 'issue id')
      .option('--resolution <text>', 'how it was resolved')
      .option('--resolved', 'mark it resolved instead of closed')
      .action(async (id: string, opts: { resolution?: string; resolved?: boolean }, c: Command) => {
        const { closeIssue } = await import('../../../app/issues.js');
        const out = ctx.output(c);
        const r = await closeIssue(await ctx.workspace(c), id, { ...(opts.resolution ? { resolution: opts.resolution } : {}), status: opts.resolved ? 'resolved' : 'closed' });
        out.result(r.issue, () => writeSummary(out, opts.resolved ? 'Resolved' : 'Closed', id, r));
      });
    return withExamples(cmd, 'concord issue close ISSUE-001 --resolution "fixed in all repos"', 'concord close-issue ISSUE-001 --resolved --json');
  };
}
