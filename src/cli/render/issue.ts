// Human rendering of issues: the list table and the detail view.
import type { IssueDetail } from '../../app/queries.js';
import type { IssueRow } from '../../core/model.js';
import { type Column, type Output, PRIORITY_STYLE, STATUS_STYLE } from '../output.js';
import { dateText, descriptionLines, keyValues, listText, section } from './fields.js';
import { refLine } from './todo.js';

export function issueColumns(): Column<IssueRow>[] {
  return [
    { header: 'ID', get: (i) => i.id },
    { header: 'STATUS', get: (i) => i.status, style: (i) => STATUS_STYLE[i.status] },
    { header: 'PRIORITY', get: (i) => i.priority, style: (i) => PRIORITY_STYLE[i.priority] },
    { header: 'REPOS', get: (i) => i.repos.join(','), max: 30 },
    { header: 'ASSIGNEE', get: (i) => i.assignee ?? '' },
    { header: 'TARGET', get: (i) => dateText(i.target) },
    { header: 'TITLE', get: (i) => i.title, max: 60 },
  ];
}

export function renderIssueDetail(out: Output, d: IssueDetail): string {
  const i = d.issue;
  const lines = [
    `${out.paint(i.id, 'bold')}  ${i.title}`,
    keyValues(out, [
      ['status', i.status, STATUS_STYLE[i.status]],
      ['priority', i.priority, PRIORITY_STYLE[i.priority]],
      ['severity', i.severity],
      ['repos', listText(i.repos)],
      ['assignee', i.assignee],
      ['target', dateText(i.target)],
      ['plan', i.plan ?? listText(d.plans)],
      ['milestone', i.milestone],
      ['labels', listText(i.labels)],
      ['created', dateText(i.created)],
      ['updated', dateText(i.updated)],
      ['resolved', dateText(i.resolved_at)],
      ['resolution', i.resolution],
    ]),
  ];
  lines.push(...descriptionLines(i.description));
  lines.push(...section(out, 'Affected files', i.affected_files.map((f) => `- ${f}`)));
  lines.push(...section(out, 'Blocked by', d.blocked_by.map((r) => refLine(out, r))));
  lines.push(...section(out, 'Blocking', d.blocking.map((r) => refLine(out, r))));
  lines.push(...section(out, 'Todos working on it', d.todos.map((t) => `${t.id}  ${out.paint(t.status, STATUS_STYLE[t.status])}  ${t.task}${t.repo ? out.paint(`  [${t.repo}]`, 'dim') : ''}`)));
  if (i.metadata && Object.keys(i.metadata).length) lines.push(...section(out, 'Metadata', [JSON.stringify(i.metadata)]));
  return lines.join('\n');
}
