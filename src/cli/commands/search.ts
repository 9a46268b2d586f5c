// `concord search "words"`: ranked full-text search over issues, plans, todos, notes and the history.
import type { Command } from 'commander';
import type { search } from '../../app/search.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';

export function registerSearch(program: Command, ctx: CliContext): void {
  program
    .command('search')
    .description('search issues, plans, milestones, todos, notes and history; best matches first')
    .argument('<words...>', 'words (stemmed), "quoted phrases", prefix*')
    .option('-k, --kind <kinds...>', 'only todo, issue, plan, milestone, dependency, note or event')
    .option('-r, --repo <repo>', 'only results about this repo')
    .option('-n, --limit <n>', 'at most this many (default 20)', count)
    .action(async (words: string[], opts: { kind?: string[]; repo?: string; limit?: number }, cmd: Command) => {
      const { search } = await import('../../app/search.js');
      const out = ctx.output(cmd);
      const found = await search(await ctx.workspace(cmd), { query: words.join(' '), ...opts });
      out.result(found, (r) => render(out, r));
    });
}

function render(out: Output, r: Awaited<ReturnType<typeof search>>): string {
  if (!r.results.length) return `Nothing matches "${r.query}".`;
  const bold = (s: string) => (out.options.color ? s.replace(/\*\*(.+?)\*\*/g, (_, w: string) => out.paint(w, 'yellow')) : s);
  const lines: string[] = [];
  if (r.match === 'any') lines.push(out.paint(`No result holds every word; showing results with any of them.`, 'dim'));
  for (const x of r.results) {
    const where = x.kind === 'event' ? `event ${x.ref}` : x.kind === 'note' ? `note ${Number(x.ref) + 1}` : x.kind;
    lines.push(`${out.paint(x.id, 'bold')}  ${out.paint(where, 'cyan')}  ${x.title}${x.repos.length ? out.paint(`  [${x.repos.join(', ')}]`, 'dim') : ''}`);
    lines.push(`    ${bold(x.snippet)}`);
  }
  lines.push(out.paint(`${r.results.length} of ${r.total} result(s)`, 'dim'));
  return lines.join('\n');
}
