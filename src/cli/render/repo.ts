// Human rendering of what blocks a repo and what a repo holds up elsewhere.
import type { RepoBlockedBy, RepoBlocking } from '../../core/graph/repo-blocking.js';
import { type Output, STATUS_STYLE } from '../output.js';
import { section } from './fields.js';
import { refLine } from './todo.js';

export function renderBlocking(out: Output, b: RepoBlocking): string {
  if (!b.issues.length && !b.blockers.length && !b.dependencies.length) return `Nothing blocks ${b.repo}.`;
  return [
    out.paint(`What blocks ${b.repo}`, 'bold'),
    ...section(out, 'Open issues naming it', b.issues.map((i) => `${i.id}  ${out.paint(i.status, STATUS_STYLE[i.status])}  ${i.title}`)),
    ...section(out, 'Unresolved blockers of its todos', b.blockers.map((x) => `${refLine(out, x)}${out.paint(`  holds up ${x.blocks.join(', ')}`, 'yellow')}`)),
    ...section(out, 'Dependencies not known to be satisfied', b.dependencies.map((d) => `${d.id}  needs ${d.provider} ${d.version_constraint ?? ''}  ${out.paint(d.status, STATUS_STYLE[d.status])}`)),
  ].join('\n');
}

export function renderBlockedBy(out: Output, b: RepoBlockedBy): string {
  if (!b.items.length && !b.dependencies.length) return `${b.repo} holds up nothing elsewhere.`;
  return [
    out.paint(`What ${b.repo} holds up`, 'bold'),
    ...section(out, 'Its unresolved work that other repos wait on', b.items.flatMap((x) => [refLine(out, x), ...x.blocks.map((d) => `  ↳ ${refLine(out, d)}`)])),
    ...section(out, 'Consumers whose dependency on it is not satisfied', b.dependencies.map((d) => `${d.id}  ${d.consumer} needs it ${d.version_constraint ?? ''}  ${out.paint(d.status, STATUS_STYLE[d.status])}`)),
  ].join('\n');
}
