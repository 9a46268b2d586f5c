// Human rendering of plans and milestones: progress bars, due dates, the plan detail view.
import type { MilestoneDetail, PlanDetail } from '../../app/queries.js';
import type { MilestoneProgress, Progress } from '../../core/graph/progress.js';
import { type Column, type Output, progressBar, STATUS_STYLE } from '../output.js';
import { countsText, dateText, descriptionLines, hoursText, indent, keyValues, listText, section } from './fields.js';

/** `████░░░░ 40% (2/5 todos)`, or `(3/7: 2/5 todos, 1/2 issues)` when issues count too: never one for the other. */
export function progressText(p: Progress, width = 12): string {
  return `${progressBar(p.percent, width)} ${String(p.percent).padStart(3)}% (${membersText(p)})`;
}

function membersText(p: Progress): string {
  const todos = `${p.todos.done}/${p.todos.total} todo${p.todos.total === 1 ? '' : 's'}`;
  const issues = `${p.issues.done}/${p.issues.total} issue${p.issues.total === 1 ? '' : 's'}`;
  if (p.issues.total === 0) return todos;
  if (p.todos.total === 0 && !Object.keys(p.todos.by_status).length) return issues;
  return `${p.done}/${p.total}: ${todos}, ${issues}`;
}

/** A due date, marked when overdue. */
export function dueText(out: Output, due: string | undefined, overdue: boolean): string {
  if (!due) return '';
  return overdue ? out.paint(`${dateText(due)} overdue`, 'red') : (dateText(due) ?? '');
}

export function milestoneColumns(out: Output): Column<MilestoneProgress>[] {
  return [
    { header: 'ID', get: (m) => m.id },
    { header: 'PLAN', get: (m) => m.plan },
    { header: 'STATUS', get: (m) => m.status, style: (m) => STATUS_STYLE[m.status] },
    { header: 'DUE', get: (m) => dueText(out, m.due, m.overdue) },
    { header: 'PROGRESS', get: (m) => progressText(m.progress) },
    { header: 'NAME', get: (m) => m.name, max: 50 },
  ];
}

export function renderPlanDetail(out: Output, d: PlanDetail): string {
  const p = d.plan;
  const g = d.progress;
  const lines = [
    `${out.paint(p.id, 'bold')}  ${p.title}`,
    keyValues(out, [
      ['status', p.status, STATUS_STYLE[p.status]],
      ['progress', progressText(g.progress, 20)],
      ['hours', g.progress.hours_total ? `${hoursText(g.progress.hours_done)} of ${hoursText(g.progress.hours_total)} estimated` : undefined],
      ['target', dueText(out, p.target, g.overdue)],
      ['owner', p.owner],
      ['repos', listText(p.repos)],
      ['labels', listText(p.labels)],
      ['depends on', listText(p.depends_on)],
      ['waiting on', listText(g.waiting_on), 'yellow'],
      ['created', dateText(p.created)],
      ['updated', dateText(p.updated)],
    ]),
  ];
  lines.push(...descriptionLines(p.description));
  if (g.milestones.length) lines.push('', out.paint('Milestones', 'bold'), indent(out.table(g.milestones, milestoneColumns(out).filter((c) => c.header !== 'PLAN'))));
  if (g.issues.length) lines.push(...section(out, 'Issues', [`${g.issues.length}: ${countsText(g.progress.issues.by_status)}  (${g.issues.join(', ')})`]));
  if (g.todos.length) lines.push(...section(out, 'Todos', [`${g.todos.length}: ${countsText(g.progress.todos.by_status)}  (concord todo list --plan ${p.id})`]));
  return lines.join('\n');
}

export function renderMilestoneDetail(out: Output, d: MilestoneDetail): string {
  const m = d.milestone;
  const lines = [
    `${out.paint(m.id, 'bold')}  ${m.name}`,
    keyValues(out, [
      ['plan', `${d.plan.id} ${d.plan.title}`],
      ['status', m.status, STATUS_STYLE[m.status]],
      ['progress', progressText(d.progress.progress, 20)],
      ['due', dueText(out, m.due, d.progress.overdue)],
      ['depends on', listText(m.dependencies)],
      ['todos', listText(d.progress.todos)],
      ['issues', listText(d.progress.issues)],
    ]),
  ];
  lines.push(...descriptionLines(m.description));
  lines.push(...section(out, 'Completion criteria', m.completion_criteria.map((c) => `- ${c}`)));
  lines.push(...section(out, 'Deliverables', m.deliverables.map((c) => `- ${c}`)));
  return lines.join('\n');
}
