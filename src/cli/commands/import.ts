// `concord import backlog|taskmaster|beads PATH...`: bring a peer tool's work into the ecosystem, in one write.
import { Command } from 'commander';
import type { CliContext } from '../context.js';
import { renderImport } from '../render/import.js';
import { withExamples } from './define.js';

const TOOLS = [
  ['backlog', 'Backlog.md: backlog/tasks, drafts, completed, archive, milestones, config.yml', 'concord import backlog ../api'],
  ['taskmaster', 'Taskmaster: .taskmaster/tasks/tasks.json, every tag, subtasks', 'concord import taskmaster ../web --repo web'],
  ['beads', 'beads: .beads/*.jsonl issues, dependencies, external refs across repos', 'concord import beads ../*/ --dry-run'],
] as const;

export function registerImport(program: Command, ctx: CliContext): void {
  const group = program.command('import').description('import todos from Backlog.md, Taskmaster or beads (re-running updates them)');
  for (const [tool, what, example] of TOOLS) {
    const cmd = new Command(tool)
      .description(`import from ${what}`)
      .argument('<paths...>', 'repository folders (each maps to its repo), or the tool folders themselves')
      .option('--repo <repo>', 'the repo to import into (one path only; default: inferred from the folder)')
      .option('--dry-run', 'show what would be created and what could not be mapped; write nothing')
      .action(async (paths: string[], opts: { repo?: string; dryRun?: boolean }, c: Command) => {
        const { importSources } = await import('../../app/import/index.js');
        const out = ctx.output(c);
        const r = await importSources(await ctx.workspace(c), { tool, paths, ...(opts.repo ? { repo: opts.repo } : {}), ...(opts.dryRun ? { dry_run: true } : {}) }, ctx.io.cwd);
        out.result(r, (x) => renderImport(out, x));
      });
    group.addCommand(withExamples(cmd, example, `concord import ${tool} . --dry-run --json`));
  }
}
