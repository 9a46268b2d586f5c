// `concord issue sync`: a Git host repository's issues as Concord issues or todos, status both ways (docs/githosts.md).
import type { Command } from 'commander';
import { count, enumOption } from '../args.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';
import { commandGroup } from './group.js';

export function registerGitHost(program: Command, ctx: CliContext): void {
  const issue = commandGroup(program, 'issue');
  withExamples(
    issue
      .command('sync <project>')
      .description("import a Git host repository's open issues as Concord issues or todos (linked), and sync the status of linked ones both ways")
      .requiredOption('--repo <repo>', 'the Concord repo they belong to')
      .option('--host <host>', 'github, gitlab, or a host under githosts: in concord.yaml', 'github')
      .addOption(enumOption('--as <kind>', 'what its issues become here (default issue)', ['issue', 'todo']))
      .option('--dry-run', 'report what would change, change nothing')
      .option('--max <n>', 'remote issues read at most (default 1000)', count)
      .action(async (project: string, opts: { repo: string; host: string; as?: 'issue' | 'todo'; dryRun?: boolean; max?: number }, cmd: Command) => {
        const { IssueSyncInputSchema } = await import('../../core/githost-schemas.js');
        const { gitHostClient } = await import('../../githost/index.js');
        const { syncIssues } = await import('../../githost/sync.js');
        const ws = await ctx.workspace(cmd);
        const input = IssueSyncInputSchema.parse({ project, repo: opts.repo, host: opts.host, ...(opts.as ? { as: opts.as } : {}), dry_run: Boolean(opts.dryRun), ...(opts.max ? { max: opts.max } : {}) });
        const r = await syncIssues(ws, gitHostClient(ws, input.host, { env: ws.env.vars }), input, (line) => void ctx.io.stderr.write(`${line}\n`));
        ctx.output(cmd).result(r, (x) =>
          `${x.dry_run ? '(dry run) ' : ''}${x.host} ${x.project}: ${x.imported.length} imported, ${x.closed_here.length + x.reopened_here.length} changed here, ${x.closed_there.length + x.reopened_there.length} changed there, ${x.unchanged} unchanged`,
        );
      }),
    'concord issue sync acme/billing --repo billing --as todo',
    'concord issue sync acme/api --repo api --host gitlab --dry-run',
  );
}
