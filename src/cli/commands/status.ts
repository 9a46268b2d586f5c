// `concord status [--repo R]`: the ecosystem at a glance, or one repo's coordination status.
import type { Command } from 'commander';
import type { ecosystemStatus, repoStatus } from '../../app/queries.js';
import type { CliContext } from '../context.js';
import { type Output, PRIORITY_STYLE, progressBar, STATUS_STYLE } from '../output.js';
import { withExamples } from './define.js';

const counts = (c: Record<string, number>) =>
  Object.entries(c)
    .map(([k, v]) => `${v} ${k}`)
    .join(', ') || 'none';

export function registerStatus(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('status')
    .description('the ecosystem at a glance, or one repo with --repo')
    .option('-r, --repo <repo>', 'one repo (name or nickname)')
    .action(async (opts: { repo?: string }, cmd: Command) => {
      const { ecosystemStatus, repoStatus } = await import('../../app/queries.js');
      const ws = ctx.workspace(cmd);
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

function renderEcosystem(out: Output, s: Awaited<ReturnType<typeof ecosystemStatus>>, file: string): string {
  const lines = [
    out.paint(`Ecosystem ${file}`, 'bold'),
    `  repos ${s.counts.repos} · todos ${counts(s.counts.todos)} · issues ${counts(s.counts.issues)}`,
    `  ready ${out.paint(String(s.ready), 'green')} · blocked ${out.paint(String(s.blocked), s.blocked ? 'red' : undefined)} · remaining ${s.remaining_hours} h · dependencies ${counts(s.counts.dependencies)}`,
    '',
    out.table(s.repos, [
      { header: 'REPO', get: (r) => r.name },
      { header: 'ROLE', get: (r) => r.role },
      { header: 'OPEN', get: (r) => r.open_todos, align: 'right' },
      { header: 'READY', get: (r) => r.ready, align: 'right', style: (r) => (r.ready ? 'green' : undefined) },
      { header: 'BLOCKED', get: (r) => r.blocked, align: 'right', style: (r) => (r.blocked ? 'red' : undefined) },
      { header: 'ISSUES', get: (r) => r.open_issues, align: 'right' },
      { header: 'UNMET DEPS', get: (r) => r.unmet_dependencies, align: 'right', style: (r) => (r.unmet_dependencies ? 'yellow' : undefined) },
    ]),
  ];
  if (s.plans.length) {
    lines.push('', out.table(s.plans, [
      { header: 'PLAN', get: (p) => p.id },
      { header: 'TITLE', get: (p) => p.title, max: 40 },
      { header: 'STATUS', get: (p) => p.status, style: (p) => STATUS_STYLE[p.status] },
      { header: 'PROGRESS', get: (p) => `${progressBar(p.progress.percent, 12)} ${p.progress.percent}%` },
      { header: 'TARGET', get: (p) => (p.target ? p.target + (p.overdue ? ' overdue' : '') : ''), style: (p) => (p.overdue ? 'red' : undefined) },
    ]));
  }
  if (s.problems.errors || s.problems.warnings) {
    lines.push('', out.paint(`${s.problems.errors} error(s), ${s.problems.warnings} warning(s) in the file: run \`concord lint\``, s.problems.errors ? 'red' : 'yellow'));
  }
  return lines.join('\n');
}

export function renderRepo(out: Output, s: Awaited<ReturnType<typeof repoStatus>>): string {
  const lines = [
    out.paint(`${s.repo.name}`, 'bold') + (s.repo.role ? ` (${s.repo.role})` : '') + (s.repo.description ? ` — ${s.repo.description}` : ''),
    `  todos ${s.todos.total}: ${counts(s.todos.by_status)} · ready ${s.todos.ready} · blocked ${s.todos.blocked} · remaining ${s.todos.remaining_hours} h`,
    `  open issues ${s.open_issues.length} · needs ${s.dependencies.as_consumer.length} · provides ${s.dependencies.as_provider.length}`,
  ];
  if (s.ready.length) {
    lines.push('', 'Ready next:', out.table(s.ready, [
      { header: 'ID', get: (r) => r.todo.id },
      { header: 'PRIORITY', get: (r) => r.todo.priority, style: (r) => PRIORITY_STYLE[r.todo.priority] },
      { header: 'TASK', get: (r) => r.todo.task, max: 60 },
    ]));
  }
  if (s.blocking.issues.length || s.blocking.blockers.length || s.blocking.dependencies.length) {
    lines.push('', 'Blocked by:');
    for (const i of s.blocking.issues) lines.push(`  issue ${i.id} ${i.title} (${i.status})`);
    for (const b of s.blocking.blockers) lines.push(`  ${b.kind} ${b.id} ${b.title ?? ''} (${b.status ?? 'missing'}) holds up ${b.blocks.join(', ')}`);
    for (const d of s.blocking.dependencies) lines.push(`  dependency ${d.id} on ${d.provider} is ${d.status}`);
  }
  if (s.blocked_by.items.length || s.blocked_by.dependencies.length) {
    lines.push('', 'Holding up:');
    for (const i of s.blocked_by.items) lines.push(`  ${i.kind} ${i.id} ${i.title ?? ''} blocks ${i.blocks.map((b) => b.id).join(', ')}`);
    for (const d of s.blocked_by.dependencies) lines.push(`  ${d.consumer} needs it (${d.id}, ${d.status})`);
  }
  return lines.join('\n');
}
