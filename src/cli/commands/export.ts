// `concord export backlog|taskmaster --repo NAME`: one repo's todos written back in a peer tool's format.
import path from 'node:path';
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { renderExport } from '../render/import.js';
import { withExamples } from './define.js';

export function registerExport(program: Command, ctx: CliContext): void {
  const group = program.command('export').description("write one repo's todos as Backlog.md or Taskmaster files (so nobody is locked in)");
  for (const [tool, what] of [['backlog', 'Backlog.md task files (backlog/)'], ['taskmaster', 'a Taskmaster tasks.json (.taskmaster/tasks/)']] as const) {
    const cmd = new Command(tool)
      .description(`export as ${what}`)
      .requiredOption('--repo <repo>', 'the repo whose todos to export')
      .option('--to <folder>', "folder to write into (default: the repo's path)")
      .option('--dry-run', 'list the files that would be written; write nothing');
    if (tool === 'taskmaster') cmd.option('--tag <tag>', 'tag for todos that did not come from Taskmaster (default master)');
    cmd.action(async (opts: { repo: string; to?: string; tag?: string; dryRun?: boolean }, c: Command) => {
      const { exportRepo } = await import('../../app/import/export.js');
      const out = ctx.output(c);
      const r = await exportRepo(await ctx.workspace(c), { tool, repo: opts.repo, ...(opts.to ? { to: path.resolve(ctx.io.cwd, opts.to) } : {}), ...(opts.tag ? { tag: opts.tag } : {}), ...(opts.dryRun ? { dry_run: true } : {}) });
      out.result(r, (x) => renderExport(out, x));
    });
    group.addCommand(withExamples(cmd, `concord export ${tool} --repo api`, `concord export ${tool} --repo api --to /tmp/out --dry-run`));
  }
}
