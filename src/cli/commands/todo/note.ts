// `concord todo note <id> <text>`: append a note, the context one session leaves for the next.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { withExamples } from '../define.js';
import { writeSummary } from '../../render/fields.js';

export function todoNote(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('append a note to a todo (who and when are recorded)')
      .argument('<id>', 'todo id')
      .argument('<text...>', 'the note')
      .option('--claim-token <token>', 'your claim token (needed while the todo is claimed)')
      .action(async (id: string, words: string[], opts: { claimToken?: string }, c: Command) => {
        const { addTodoNote } = await import('../../../app/todos.js');
        const out = ctx.output(c);
        const r = await addTodoNote(await ctx.workspace(c), id, { text: words.join(' '), ...(opts.claimToken ? { claim_token: opts.claimToken } : {}) });
        out.result(r.todo, () => writeSummary(out, 'Noted on', id, r));
      });
    return withExamples(cmd, 'concord todo note TODO-001 "API done; the web part needs the new token format"');
  };
}
