// `concord todo complete <id>` (seed: `complete-todo`): mark a todo completed, optionally with hours and a note.
import { Command, Option } from 'commander';
import { hours } from '../../args.js';
import type { CliContext } from '../../context.js';
import { fieldsFrom } from '../../input.js';
import { withExamples } from '../define.js';
import { writeSummary } from '../../render/fields.js';

export function todoComplete(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('mark a todo completed (refused while its blockers are unresolved, unless --force)')
      .argument('<id>', 'todo id')
      .addOption(new Option('--actual <duration>', 'hours actually spent (4, 90m, 2d)').argParser(hours))
      .option('--note <text>', 'a closing note')
      .option('--force', 'complete even though blockers are unresolved')
      .option('--claim-token <token>', 'your claim token (needed while the todo is claimed)')
      .action(async (id: string, opts: Record<string, unknown>, c: Command) => {
        const { completeTodo } = await import('../../../app/todos.js');
        const out = ctx.output(c);
        const r = await completeTodo(await ctx.workspace(c), id, fieldsFrom(opts, { actual: 'actual_hours', note: 'note', force: 'force', claimToken: 'claim_token' }));
        out.result(r.todo, () => writeSummary(out, 'Completed', id, r));
      });
    return withExamples(cmd, 'concord todo complete TODO-001 --actual 5h --note "merged in #42"', 'concord complete-todo TODO-001 --json');
  };
}
