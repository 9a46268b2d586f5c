// `concord status [--repo R]`: the ecosystem at a glance, or one repo's coordination status.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { renderEcosystem, renderRepo } from '../render/status.js';
import { withExamples } from './define.js';

export function registerStatus(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('status')
    .description('the ecosystem at a glance, or one repo with --repo')
    .option('-r, --repo <repo>', 'one repo (name or nickname)')
    .action(async (opts: { repo?: string }, cmd: Command) => {
      const { ecosystemStatus, repoStatus } = await import('../../app/queries.js');
      const ws = await ctx.workspace(cmd);
      const out = ctx.output(cmd);
      if (opts.repo) {
        const s = await repoStatus(ws, opts.repo);
        out.result(s, (v) => renderRepo(out, v));
        return;
      }
      ctx.problemsReported = true;
      const s = await ecosystemStatus(ws);
      out.result(s, (v) => renderEcosystem(out, v, ws.file));
    });
  withExamples(cmd, 'concord status', 'concord status --repo api', 'concord status --json');
}
