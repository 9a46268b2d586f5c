// `concord issue update <id>` (seed: `update-issue`): change any field; prints the issue as it is now.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { inputFrom } from '../../input.js';
import { writeSummary } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addIssueFieldOptions, ISSUE_FIELDS } from './fields.js';

export function issueUpdate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('change fields of an issue (status, repos, blockers, target, ...)').argument('<id>', 'issue id');
    addIssueFieldOptions(cmd, 'update').action(async (id: string, opts: Record<string, unknown>, c: Command) => {
      const input = inputFrom(opts, ISSUE_FIELDS, ctx.io.cwd);
      if (Object.keys(input).length === 0) c.error('error: nothing to change: give at least one field, e.g. --status resolved', { exitCode: 2, code: 'concord.nothingToChange' });
      const { updateIssue } = await import('../../../app/issues.js');
      const out = ctx.output(c);
      const r = await updateIssue(await ctx.workspace(c), id, input);
      out.result(r.issue, () => writeSummary(out, 'Updated', id, r));
    });
    return withExamples(cmd, 'concord issue update ISSUE-001 --status resolved --resolution "all repos on 3.13"', 'concord update-issue ISSUE-001 --repos api,web,sdk --json');
  };
}
