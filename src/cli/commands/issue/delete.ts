// `concord issue delete <id>`: remove an issue and the edges that point at it.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';

export function issueDelete(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('delete an issue; blocked_by/blocking entries naming it are removed too (git keeps the history)')
      .argument('<id>', 'issue id')
      .option('--force', 'delete it even though open work waits on it (that work becomes ready; cancelling keeps the record)')
      .action(async (id: string, opts: { force?: boolean }, c: Command) => {
        const { deleteIssue } = await import('../../../app/issues.js');
        const out = ctx.output(c);
        const r = await deleteIssue(await ctx.workspace(c), id, opts.force ? { force: true } : {});
        out.result({ deleted: id, changed: r.changed }, () => writeSummary(out, 'Deleted', id, r));
      });
    return withExamples(cmd, 'concord issue delete ISSUE-001');
  };
}
