// `concord history [ID]`: what changed, who changed it, through which surface, newest first.
import type { Command } from 'commander';
import type { getHistory } from '../../app/history.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';

export function registerHistory(program: Command, ctx: CliContext): void {
  program
    .command('history')
    .description('show the history of changes (of one item with ID), newest first; hand edits included')
    .argument('[id]', 'a todo, issue, plan, milestone or dependency id, or a repo name')
    .option('-r, --repo <repo>', 'only events about this repo')
    .option('-t, --type <types...>', 'only these event types (globs: todo:*, *:status_changed)')
    .option('-s, --since <when>', 'from this time: 2026-01-31, an ISO date-time, or 30m, 24h, 7d, 2w ago')
    .option('--until <when>', 'before this time (same forms)')
    .option('-a, --actor <name>', 'only changes by this person or agent')
    .option('--surface <surface>', 'only changes made through cli, mcp, http, hook, worker, scheduler or file (hand edits)')
    .option('-n, --limit <n>', 'at most this many (default 50)', count)
    .option('--before <seq>', 'the next page: events older than this sequence number', count)
    .action(async (id: string | undefined, opts: { repo?: string; type?: string[]; since?: string; until?: string; actor?: string; surface?: string; limit?: number; before?: number }, cmd: Command) => {
      const { getHistory } = await import('../../app/history.js');
      const out = ctx.output(cmd);
      const history = await getHistory(await ctx.workspace(cmd), { ...opts, ...(id ? { id } : {}) });
      out.result(history, (h) => render(out, h));
    });
}

function render(out: Output, h: Awaited<ReturnType<typeof getHistory>>): string {
  if (!h.events.length) return 'No events match.';
  const lines = [
    out.table(h.events, [
      { header: 'WHEN', get: (e) => e.at.replace('T', ' ').replace('Z', '') },
      { header: 'ACTOR', get: (e) => e.actor, max: 20 },
      { header: 'VIA', get: (e) => e.surface, style: (e) => (e.surface === 'file' ? 'yellow' : undefined) },
      { header: 'EVENT', get: (e) => e.type, style: (e) => (e.type.endsWith(':deleted') ? 'red' : e.type.endsWith(':created') ? 'green' : undefined) },
      { header: 'ID', get: (e) => e.entity.id },
      { header: 'WHAT', get: (e) => (e.summary === 'created' || e.summary === 'deleted' ? `${e.summary}${e.subject?.title ? `: ${e.subject.title}` : ''}` : e.summary), max: 90 },
    ]),
  ];
  if (h.next_before !== undefined) lines.push(out.paint(`more: --before ${h.next_before}`, 'dim'));
  return lines.join('\n');
}
