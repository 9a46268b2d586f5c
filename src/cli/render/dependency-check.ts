// Human rendering of dependency checks (the report, with what failed and why) and of discovery.
import type { CheckReport, DiscoveryReport } from '../../app/checks/index.js';
import { type Output, STATUS_STYLE } from '../output.js';

export function renderCheckReport(out: Output, r: CheckReport): string {
  const lines: string[] = [];
  if (r.repo) lines.push(out.paint(`${r.repo} needs ${r.checks.length} dependenc${r.checks.length === 1 ? 'y' : 'ies'}`, 'bold'));
  if (r.checks.length) {
    lines.push(out.table(r.checks, [
      { header: 'ID', get: (c) => c.id },
      { header: 'NEEDS', get: (c) => `${c.consumer} → ${c.provider}` },
      { header: 'TYPE', get: (c) => c.type },
      { header: 'OUTCOME', get: (c) => c.outcome, style: (c) => STATUS_STYLE[c.outcome] },
      { header: 'STATUS', get: (c) => (c.status_changed ? `${c.status} (changed)` : c.status) },
      { header: 'LATENCY', get: (c) => (c.latency_ms === undefined ? '' : `${Math.round(c.latency_ms)} ms`), align: 'right' },
      { header: 'SUMMARY', get: (c) => c.summary, max: 80 },
    ]));
  } else if (!r.invalid.length) {
    lines.push('No dependencies to check.');
  }
  const bad = r.checks.filter((c) => c.outcome !== 'satisfied');
  if (bad.length) {
    lines.push('');
    for (const c of bad) {
      lines.push(out.paint(`${c.id} ${c.outcome}`, STATUS_STYLE[c.outcome]) + `: ${c.consumer} needs ${c.provider}`);
      for (const p of c.probes.filter((x) => x.outcome !== 'satisfied')) lines.push(`  ${p.kind}: ${p.summary}`);
      for (const n of c.notes) lines.push(out.paint(`  note: ${n}`, 'dim'));
    }
  }
  for (const i of r.invalid) lines.push(out.paint(`invalid dependency record ${i.id ?? '(no id)'}: ${i.problems.join('; ')}; run \`concord lint\``, 'red'));
  for (const s of r.skipped) lines.push(out.paint(`skipped ${s.id}: ${s.reason}`, 'dim'));
  const c = r.counts;
  const recorded = r.recorded ? (r.status_changes ? `; ${r.status_changes} status change(s) written to ecosystem.yaml` : '; ecosystem.yaml unchanged') : '; not recorded (--no-record)';
  lines.push('', `${c.satisfied} satisfied, ${c.unsatisfied} unsatisfied, ${c.failed} failed, ${c.unknown} unknown in ${Math.round(r.duration_ms)} ms${recorded}`);
  return lines.join('\n');
}

export function renderDiscovery(out: Output, r: DiscoveryReport): string {
  const lines = [`Scanned the manifests of ${r.scanned.length} repo(s): ${r.found.length} package edge(s) between them.`];
  const lock = (e: { locked?: string; lockfile?: string }) => (e.locked ? `, locked ${e.locked} in ${e.lockfile}` : '');
  if (r.undeclared.length) {
    lines.push('', out.paint(`Not declared in ecosystem.yaml (${r.undeclared.length}):`, 'yellow'));
    for (const u of r.undeclared) lines.push(`  ${u.consumer} needs ${u.provider}: ${u.package} ${u.range || '(any)'} in ${u.manifest}${lock(u)} → add as ${u.proposal.type}${u.proposal.version_constraint ? `, ${u.proposal.version_constraint}` : ''}`);
  }
  if (r.drift.length) {
    lines.push('', out.paint(`Drift (${r.drift.length}):`, 'red'));
    for (const d of r.drift) lines.push(`  ${d.id} ${d.consumer} → ${d.provider} (${d.constraint}): ${d.reason}${d.fix ? ` → set version_constraint to ${d.fix.version_constraint}` : ''}`);
  }
  if (r.unseen.length) {
    lines.push('', out.paint(`Declared but in no manifest (${r.unseen.length}; fine for services, MCP servers and tools):`, 'dim'));
    for (const u of r.unseen) lines.push(out.paint(`  ${u.id} ${u.consumer} → ${u.provider}`, 'dim'));
  }
  for (const p of r.problems) lines.push(out.paint(`problem: ${p}`, 'yellow'));
  const fixes = r.drift.filter((d) => d.fix).length;
  if (r.applied) lines.push('', `Applied: created ${r.applied.created.join(', ') || 'nothing'}; updated ${r.applied.updated.join(', ') || 'nothing'}.`);
  else if (r.undeclared.length || fixes) lines.push('', `Run \`concord dep discover --apply\` to add ${r.undeclared.length} and fix ${fixes}.`);
  else if (!r.drift.length) lines.push('', 'ecosystem.yaml declares every edge the manifests show.');
  return lines.join('\n');
}

export function renderCheckHistory(out: Output, id: string, rows: readonly CheckReport['checks'][number][]): string {
  if (rows.length === 0) return `No recorded checks of ${id} (run \`concord dep check --id ${id}\`).`;
  return out.table(rows, [
    { header: 'CHECKED', get: (c) => c.checked_at },
    { header: 'OUTCOME', get: (c) => c.outcome, style: (c) => STATUS_STYLE[c.outcome] },
    { header: 'MS', get: (c) => Math.round(c.duration_ms), align: 'right' },
    { header: 'SUMMARY', get: (c) => c.summary, max: 100 },
  ]);
}
