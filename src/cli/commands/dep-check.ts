// `concord dep check`, `dep discover`, `dep history`, `repo validate` and the seed's `check-deps`, `validate-repo`.
import type { Command } from 'commander';
import { checkDependencies, dependencyCheckHistory, discoverDependencies, validateRepo, type CheckReport, type DiscoveryReport } from '../../app/checks/index.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { STATUS_STYLE } from '../output.js';
import { commandGroup } from './group.js';

interface CheckOptions {
  consumer?: string;
  provider?: string;
  id?: string[];
  strict?: boolean;
  record?: boolean;
  timeout?: number;
  concurrency?: number;
}

const int = (v: string) => Number.parseInt(v, 10);
const list = (v: string, prev: string[] = []) => [...prev, ...v.split(',').map((s) => s.trim()).filter(Boolean)];

function checkOptions(cmd: Command, withFilters: boolean): Command {
  if (withFilters) {
    cmd
      .option('-c, --consumer <repo>', 'only the dependencies of this consumer repo')
      .option('-p, --provider <repo>', 'only the dependencies on this provider repo')
      .option('--id <DEP-...>', 'only these dependencies (repeat, or separate with commas)', list);
  }
  return cmd
    .option('--strict', 'also fail when a dependency could not be checked (unknown)')
    .option('--no-record', 'only report: keep no history and leave status in ecosystem.yaml as it is')
    .option('--timeout <ms>', 'deadline of each probe unless the dependency sets validation.timeout_ms (default 10000)', int)
    .option('--concurrency <n>', 'dependencies checked at once (default 32)', int);
}

const runInput = (o: CheckOptions) => ({
  record: o.record !== false,
  ...(o.timeout ? { timeout_ms: o.timeout } : {}),
  ...(o.concurrency ? { concurrency: o.concurrency } : {}),
});

export function registerDepCheck(program: Command, ctx: CliContext): void {
  const dep = commandGroup(program, 'dep', 'inter-repo dependencies: list, add, check, discover');
  const check = async (o: CheckOptions, cmd: Command) => {
    const report = await checkDependencies(ctx.workspace(cmd), { ...runInput(o), ...(o.consumer ? { consumer: o.consumer } : {}), ...(o.provider ? { provider: o.provider } : {}), ...(o.id ? { ids: o.id } : {}) });
    finish(ctx, cmd, report, o.strict);
  };
  checkOptions(dep.command('check').description('check dependencies for real (commands, health checks, MCP handshakes, versions); exit 1 when one is unsatisfied, for CI'), true).action(check);
  checkOptions(program.command('check-deps').description('the same as `concord dep check`'), true).action(check);

  dep
    .command('discover')
    .description('find package edges between repos in their manifests; report undeclared ones and drifted constraints')
    .option('--apply', 'declare the undeclared edges and set drifted constraints to what the manifests say')
    .option('--check', 'exit 1 when something is undeclared or drifted (for CI)')
    .action(async (o: { apply?: boolean; check?: boolean }, cmd: Command) => {
      const out = ctx.output(cmd);
      const report = await discoverDependencies(ctx.workspace(cmd), { apply: Boolean(o.apply) });
      out.result(report, (r) => renderDiscovery(out, r));
      const open = report.applied ? report.drift.filter((d) => !d.fix).length : report.undeclared.length + report.drift.length;
      if (o.check && open > 0) {
        out.note(`dependency discovery: ${report.undeclared.length} undeclared edge(s), ${report.drift.length} drifted constraint(s)`);
        ctx.exitCode = 1;
      }
    });

  dep
    .command('history <id>')
    .description('the recorded checks of one dependency, newest first')
    .option('-n, --limit <n>', 'at most this many', int)
    .action((id: string, o: { limit?: number }, cmd: Command) => {
      const out = ctx.output(cmd);
      const rows = dependencyCheckHistory(ctx.workspace(cmd), { id, ...(o.limit ? { limit: o.limit } : {}) });
      out.result(rows, (r) =>
        r.length === 0
          ? `No recorded checks of ${id} (run \`concord dep check --id ${id}\`).`
          : out.table(r, [
              { header: 'CHECKED', get: (c) => c.checked_at },
              { header: 'OUTCOME', get: (c) => c.outcome, style: (c) => STATUS_STYLE[c.outcome] },
              { header: 'MS', get: (c) => Math.round(c.duration_ms), align: 'right' },
              { header: 'SUMMARY', get: (c) => c.summary, max: 100 },
            ]),
      );
    });

  const repo = commandGroup(program, 'repo', 'repos of the catalog');
  const validate = async (name: string, o: CheckOptions, cmd: Command) => {
    const report = await validateRepo(ctx.workspace(cmd), { repo: name, ...runInput(o) });
    finish(ctx, cmd, report, o.strict);
  };
  checkOptions(repo.command('validate <name>').description("check everything one repo needs (its dependencies); exit 1 when one is unsatisfied"), false).action(validate);
  checkOptions(program.command('validate-repo <name>').description('the same as `concord repo validate`'), false).action(validate);
}

function finish(ctx: CliContext, cmd: Command, report: CheckReport, strict: boolean | undefined): void {
  const out = ctx.output(cmd);
  out.result(report, (r) => renderReport(out, r));
  const failing = !report.ok || (strict && report.counts.unknown > 0);
  if (failing) {
    const c = report.counts;
    const parts = [`${c.unsatisfied} unsatisfied`, `${c.failed} failed`, ...(report.invalid.length ? [`${report.invalid.length} invalid record(s)`] : []), ...(strict ? [`${c.unknown} unknown`] : [])];
    out.note(`dependency check failed: ${parts.join(', ')}`);
    ctx.exitCode = 1;
  }
}

function renderReport(out: Output, r: CheckReport): string {
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

function renderDiscovery(out: Output, r: DiscoveryReport): string {
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
