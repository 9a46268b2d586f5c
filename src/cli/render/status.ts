// Human rendering of the status views: the whole ecosystem at a glance, and one repo.
import type { ecosystemStatus, repoStatus } from '../../app/queries.js';
import { type Output, PRIORITY_STYLE, progressBar, STATUS_STYLE } from '../output.js';
import { countsText } from './fields.js';

export function renderEcosystem(out: Output, s: Awaited<ReturnType<typeof ecosystemStatus>>, file: string): string {
  const lines = [
    out.paint(`Ecosystem ${file}`, 'bold'),
    `  repos ${s.counts.repos} · todos ${countsText(s.counts.todos)} · issues ${countsText(s.counts.issues)}`,
    `  ready ${out.paint(String(s.ready), 'green')} · blocked ${out.paint(String(s.blocked), s.blocked ? 'red' : undefined)} · remaining ${s.remaining_hours} h · dependencies ${countsText(s.counts.dependencies)}`,
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
    `  todos ${s.todos.total}: ${countsText(s.todos.by_status)} · ready ${s.todos.ready} · blocked ${s.todos.blocked} · remaining ${s.todos.remaining_hours} h`,
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
