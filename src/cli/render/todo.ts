// Human rendering of todos: the list table and the detail view.
import type { TodoDetail } from '../../app/queries.js';
import type { BlockerRef } from '../../core/graph/blocked.js';
import type { TodoRow } from '../../core/model.js';
import { type Column, type Output, PRIORITY_STYLE, STATUS_STYLE } from '../output.js';
import { dateText, descriptionLines, hoursText, keyValues, listText, section } from './fields.js';

export function todoColumns(): Column<TodoRow>[] {
  return [
    { header: 'ID', get: (t) => t.id },
    { header: 'STATUS', get: (t) => t.status, style: (t) => STATUS_STYLE[t.status] },
    { header: 'PRIORITY', get: (t) => t.priority, style: (t) => PRIORITY_STYLE[t.priority] },
    { header: 'REPO', get: (t) => t.repo ?? '' },
    { header: 'ASSIGNEE', get: (t) => t.assignee ?? '' },
    { header: 'EST', get: (t) => hoursText(t.estimated_hours), align: 'right' },
    { header: 'TASK', get: (t) => t.task, max: 60 },
  ];
}

/** `TODO-1 Build the API (completed)`: one blocker or dependent, with its state. */
export function refLine(out: Output, r: BlockerRef): string {
  if (r.kind === 'missing') return `${r.id} ${out.paint('(not in the ecosystem)', 'red')}`;
  const status = r.status ? out.paint(r.status, STATUS_STYLE[r.status]) : '';
  return `${r.id}  ${status}  ${r.title ?? ''}${r.repos.length ? out.paint(`  [${r.repos.join(', ')}]`, 'dim') : ''}`;
}

export function renderTodoDetail(out: Output, d: TodoDetail): string {
  const t = d.todo;
  const lines = [
    `${out.paint(t.id, 'bold')}  ${t.task}`,
    keyValues(out, [
      ['status', t.status, STATUS_STYLE[t.status]],
      ['ready', d.ready ? 'yes: can be worked on now' : t.status === 'pending' ? 'no' : undefined, d.ready ? 'green' : undefined],
      ['priority', t.priority, PRIORITY_STYLE[t.priority]],
      ['repo', t.repo],
      ['assignee', t.assignee],
      ['claimed', d.claim ? `by ${d.claim.agent} until ${dateText(d.claim.expires_at)}${d.claim.kind === 'run' ? ` (run ${d.claim.run_id ?? ''})` : ''}` : d.stale ? 'stale: in progress with no live claim (anyone may claim it)' : undefined, d.stale ? 'yellow' : undefined],
      ['estimate', hoursText(t.estimated_hours)],
      ['actual', hoursText(t.actual_hours)],
      ['plan', t.plan],
      ['milestone', t.milestone],
      ['issue', t.issue],
      ['labels', listText(t.labels)],
      ['created', dateText(t.created)],
      ['updated', dateText(t.updated)],
    ]),
  ];
  lines.push(...descriptionLines(t.description));
  lines.push(...section(out, 'Acceptance criteria', t.acceptance_criteria.map((c) => `- ${c}`)));
  lines.push(...section(out, 'Acceptance commands', (t.acceptance_commands ?? []).map((c) => `$ ${c}`)));
  lines.push(...section(out, 'Blocked by', d.blocked_by.map((r) => refLine(out, r))));
  lines.push(...section(out, 'Blocking', d.blocking.map((r) => refLine(out, r))));
  lines.push(...section(out, 'Notes', t.notes.map((n) => `${out.paint([dateText(n.at), n.author].filter(Boolean).join(' '), 'dim')}  ${n.text}`)));
  if (t.metadata && Object.keys(t.metadata).length) lines.push(...section(out, 'Metadata', [JSON.stringify(t.metadata)]));
  return lines.join('\n');
}
