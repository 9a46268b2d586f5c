// Human rendering of inter-repo dependencies: the list table and the detail view.
import type { Dependency } from '../../core/model.js';
import { type Column, type Output, STATUS_STYLE } from '../output.js';
import { dateText, keyValues } from './fields.js';

export function dependencyColumns(): Column<Dependency>[] {
  return [
    { header: 'ID', get: (d) => d.id },
    { header: 'CONSUMER', get: (d) => d.consumer },
    { header: 'PROVIDER', get: (d) => d.provider },
    { header: 'TYPE', get: (d) => d.type },
    { header: 'CONSTRAINT', get: (d) => d.version_constraint ?? '' },
    { header: 'STATUS', get: (d) => d.status, style: (d) => STATUS_STYLE[d.status] },
    { header: 'CHECK', get: (d) => (d.validation?.command ? 'command' : d.validation?.health_check ? 'health check' : '') },
  ];
}

export function renderDependencyDetail(out: Output, d: Dependency): string {
  const v = d.validation;
  const lines = [
    `${out.paint(d.id, 'bold')}  ${d.consumer} needs ${d.provider}`,
    keyValues(out, [
      ['type', d.type],
      ['constraint', d.version_constraint],
      ['status', d.status, STATUS_STYLE[d.status]],
      ['created', dateText(d.created)],
      ['updated', dateText(d.updated)],
      ['notes', d.notes],
    ]),
  ];
  if (v && Object.keys(v).length) {
    lines.push('', out.paint('Validation', 'bold'), keyValues(out, [
      ['command', v.command],
      ['expected', v.expected_pattern],
      ['health check', v.health_check],
      ['expected status', v.expected_status],
      ['timeout', v.timeout_ms === undefined ? undefined : `${v.timeout_ms} ms`],
      ['runs in', v.cwd],
    ]));
  }
  return lines.join('\n');
}
