// `concord repo list` and `concord repo show <repo>`: the catalog, and one repo's coordination status.
import { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { listText } from '../../render/fields.js';
import { renderRepo } from '../../render/status.js';
import { withExamples } from '../define.js';

export function repoList(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('list the repos of the catalog with role, path and package (--json: repos and roles)')
      .action(async (_opts: unknown, c: Command) => {
        const { listRepos } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await listRepos(await ctx.workspace(c)), (r) =>
          r.repos.length === 0
            ? 'No repos in the catalog yet: add them under repos: in ecosystem.yaml (or run `concord init` in the folder holding them).'
            : out.table(r.repos, [
                { header: 'NAME', get: (x) => x.name },
                { header: 'ROLE', get: (x) => x.role ?? '' },
                { header: 'PATH', get: (x) => x.path ?? '', max: 40 },
                { header: 'PACKAGE', get: (x) => x.package ?? '' },
                { header: 'NICKNAMES', get: (x) => listText([...new Set([...(x.nickname ? [x.nickname] : []), ...x.nicknames])]) },
                { header: 'STATUS', get: (x) => x.status ?? '' },
              ]),
        );
      });
    return withExamples(cmd, 'concord repo list', 'concord repo list --json');
  };
}

export function repoShow(ctx: CliContext): (name: string) => Command {
  return (name) => {
    const cmd = new Command(name)
      .description('show one repo: its todos, ready work, what blocks it, what it holds up (same as `status --repo`)')
      .argument('<repo>', 'repo name or nickname')
      .action(async (repo: string, _opts: unknown, c: Command) => {
        const { repoStatus } = await import('../../../app/queries.js');
        const out = ctx.output(c);
        out.result(await repoStatus(await ctx.workspace(c), repo), (s) => renderRepo(out, s));
      });
    return withExamples(cmd, 'concord repo show api');
  };
}
