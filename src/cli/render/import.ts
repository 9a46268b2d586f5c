// Human output of `concord import` and `concord export`: what was (or would be) written, and what was left out.
import type { ExportResult } from '../../app/import/export.js';
import type { ImportResult } from '../../app/import/index.js';
import type { ImportEntry } from '../../core/import/report.js';
import type { Output } from '../output.js';

/** Past this many, a list of records is cut short outside a dry run (`--json` has them all). */
const SHOWN = 20;

function entryLine(e: ImportEntry): string {
  const from = e.source_id ? ` (${e.source_id})` : '';
  const fields = e.fields?.length ? `: ${e.fields.join(', ')}` : '';
  return `  ${e.kind.padEnd(9)} ${e.id}${from}  ${e.title}${fields}`;
}

function list<T>(items: readonly T[], line: (x: T) => string, all: boolean): string[] {
  const shown = all ? items : items.slice(0, SHOWN);
  return [...shown.map(line), ...(shown.length < items.length ? [`  ... and ${items.length - shown.length} more (--json lists them all)`] : [])];
}

export function renderImport(out: Output, r: ImportResult): string {
  const rep = r.report;
  const lines = r.sources.map((s) => `${s.tool} ${s.path} -> repo ${s.repo} (${s.items} item(s))`);
  const verb = r.dry_run ? 'Would create' : 'Created';
  lines.push(`${verb} ${rep.counts.created}, ${r.dry_run ? 'would update' : 'updated'} ${rep.counts.updated}, unchanged ${rep.counts.unchanged}, skipped ${rep.counts.skipped}, partly mapped ${rep.counts.partial}${rep.counts.missing ? `, no longer in the source ${rep.counts.missing}` : ''}.`);
  if (rep.created.length) lines.push(out.paint(`${verb}:`, 'bold'), ...list(rep.created, entryLine, r.dry_run));
  if (rep.updated.length) lines.push(out.paint(r.dry_run ? 'Would update:' : 'Updated:', 'bold'), ...list(rep.updated, entryLine, r.dry_run));
  const problem = (p: { where: string; item?: string | undefined; reason: string }) => `  ${p.item ? `${p.item} ` : ''}(${p.where}): ${p.reason}`;
  if (rep.skipped.length) lines.push(out.paint('Skipped (not imported):', 'bold'), ...rep.skipped.map(problem));
  if (rep.partial.length) lines.push(out.paint('Partly mapped:', 'bold'), ...rep.partial.map(problem));
  if (rep.missing.length) lines.push(out.paint('No longer in the source (left as they are):', 'bold'), ...list(rep.missing, entryLine, true));
  lines.push(r.dry_run ? 'Dry run: nothing was written.' : r.changed ? 'Written to ecosystem.yaml in one change.' : 'Nothing to change: the ecosystem already matches the source.');
  return lines.join('\n');
}

export function renderExport(out: Output, r: ExportResult): string {
  const counts = (a: string) => r.files.filter((f) => f.action === a).length;
  const lines = [`${r.tool} export of repo ${r.repo} into ${r.dir}: ${r.todos} todo(s), ${counts('create')} file(s) new, ${counts('update')} changed, ${counts('unchanged')} unchanged, ${counts('delete')} removed (renamed).`];
  for (const f of r.files) if (f.action !== 'unchanged') lines.push(`  ${f.action.padEnd(7)} ${f.path}`);
  if (r.left_out.length) lines.push(out.paint('Not written (the format has no place for them):', 'bold'), ...r.left_out.map((l) => `  ${l.id}: ${l.reason}`));
  lines.push(r.dry_run ? 'Dry run: nothing was written.' : 'Done.');
  return lines.join('\n');
}
