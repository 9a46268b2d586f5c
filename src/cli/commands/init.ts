// `concord init`: find the git repos in a folder and write a starter ecosystem.yaml, or add the new ones to an
// existing file (progress on a terminal).
import path from 'node:path';
import { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';

export function registerInit(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('init')
    .description('write a starter ecosystem.yaml from the git repos in a folder; on an existing one, add the repos it lacks')
    .argument('[dir]', 'where to write ecosystem.yaml (default: the current folder)')
    .option('--scan <folder>', 'folder to search for repos (default: the same folder)')
    .option('--depth <n>', 'how many folders down to look for repos (default 2)', count)
    .option('--replace', 'start over with a fresh starter file; the old one is kept as ecosystem.yaml.<time>.bak')
    .action(async (dir: string | undefined, opts: { scan?: string; depth?: number; replace?: boolean }, c: Command) => {
      const { initEcosystem } = await import('../../app/init/index.js');
      const out = ctx.output(c);
      const result = await initEcosystem({
        dir: path.resolve(ctx.io.cwd, dir ?? '.'),
        ...(opts.scan ? { scan: path.resolve(ctx.io.cwd, opts.scan) } : {}),
        ...(opts.depth !== undefined ? { depth: opts.depth } : {}),
        ...(opts.replace ? { replace: true } : {}),
        open: async (file) => {
          const { Workspace } = await import('../../app/workspace.js');
          return new Workspace({ file, cwd: ctx.io.cwd, env: ctx.io.env, surface: 'cli' });
        },
        onProgress: (p) => out.progress(`scanning: ${p.scanned} folder(s) looked at, ${p.found} repo(s) found (${path.basename(p.dir)})`),
      });
      out.progressDone();
      out.result(result, (r) =>
        [
          r.mode === 'merged'
            ? `${r.repos.length ? `Added ${r.repos.length} new repo(s) to ${r.file}` : `${r.file} already has every repo found`}${r.known?.length ? ` (${r.known.length} already in the catalog)` : ''}; nothing else changed.`
            : `Wrote ${r.file} with ${r.repos.length} repo(s).${r.backup ? ` The old file is kept as ${r.backup}.` : ''}`,
          ...(r.repos.length ? [out.table(r.repos, [
            { header: 'NAME', get: (x) => x.name },
            { header: 'PATH', get: (x) => x.path },
            { header: 'PACKAGE', get: (x) => x.package ?? '' },
            { header: 'URL', get: (x) => x.url ?? '', max: 60 },
          ])] : r.mode === 'merged' ? [] : ['No git repos were found; add them with `concord repo add`, or run again with --scan <folder>.']),
          r.gitignore.added ? `Added .concord/ to ${r.gitignore.file}.` : `${r.gitignore.file} already ignores .concord/.`,
          'Next: give each repo a role (`concord role add service`, `concord repo update <repo> --role service`), then `concord issue create`, `concord todo create`, `concord status`.',
        ].join('\n'),
      );
    });
  withExamples(cmd, 'cd ~/src/acme && concord init', 'concord init   # again, after cloning a new repo: adds it, keeps everything else', 'concord init --scan ~/src --depth 3 --json');
}
