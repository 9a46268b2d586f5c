// `concord issue create` (seed: `create-issue`): a new cross-repo issue; prints it with its new id.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { inputFrom } from '../../input.js';
import { changeLines } from '../../render/fields.js';
import { withExamples } from '../define.js';
import { addIssueFieldOptions, ISSUE_FIELDS } from './fields.js';

export function issueCreate(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name).description('create a cross-repo issue (prints it, with its new id)').argument('[title]', 'the issue in one line (or --title)');
    addIssueFieldOptions(cmd, 'create').action(async (title: string | undefined, opts: Record<string, unknown>, c: Command) => {
      const input: Record<string, unknown> = { ...inputFrom(opts, ISSUE_FIELDS, ctx.io.cwd), ...(title ? { title } : {}) };
      if (!input['title']) c.error('error: an issue needs a title: concord issue create "what is wrong" --repos a,b', { exitCode: 2, code: 'concord.missingTitle' });
      const { createIssue } = await import('../../../app/issues.js');
      const out = ctx.output(c);
      const r = await createIssue(await ctx.workspace(c), input);
      out.result(r.issue, (i) => [`Created ${out.paint(i.id, 'bold')}  ${i.title}${i.repos.length ? `  (${i.repos.join(', ')})` : ''}`, ...changeLines(r.events, i.id).map((l) => `  ${l}`)].join('\n'));
    });
    return withExamples(
      cmd,
      'concord issue create "Update all repos to Python 3.13" --repos api,web --priority high --target 2026-02-15',
      'concord create-issue --title "Token format changes" --repos api,sdk --blocking TODO-004 --json',
    );
  };
}
