// `concord blocking <repo>` and `concord blocked-by <repo>` (seed names; also `repo blocking`, `repo blocked-by`).
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { renderBlockedBy, renderBlocking } from '../../render/repo.js';
import { withExamples } from '../define.js';

export function repoBlocking(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('what blocks a repo: open issues, unresolved blockers, unmet dependencies')
      .argument('<repo>', 'repo name or nickname')
      .action(async (repo: string, _opts: unknown, c: Command) => {
        const { blocking } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await blocking(await ctx.workspace(c), repo), (b) => renderBlocking(out, b));
      });
    return withExamples(cmd, 'concord blocking api', 'concord repo blocking api --json');
  };
}

export function repoBlockedBy(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('what a repo holds up: its work other repos wait on, consumers it fails')
      .argument('<repo>', 'repo name or nickname')
      .action(async (repo: string, _opts: unknown, c: Command) => {
        const { blockedBy } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await blockedBy(await ctx.workspace(c), repo), (b) => renderBlockedBy(out, b));
      });
    return withExamples(cmd, 'concord blocked-by api', 'concord repo blocked-by api --json');
  };
}
