// Use-cases: check the ecosystem's dependencies (all, one consumer's, one provider's), or one repo's needs.
import { CHECK_OUTCOMES, type CheckOutcome } from '../../core/checks/result.js';
import { notFound } from '../../core/mutations/references.js';
import type { Dependency } from '../../core/model.js';
import { parseInput } from '../input.js';
import { resolveRepo } from '../queries.js';
import { loadSnapshot } from '../snapshot.js';
import type { Workspace } from '../workspace.js';
import { checkDependency } from './check-dependency.js';
import { Limiter } from './limiter.js';
import { createProbeContext, elapsed } from './probe-context.js';
import { recordChecks } from './record-checks.js';
import { type CheckReport, CheckDependenciesInputSchema, ValidateRepoInputSchema } from './schemas.js';
import { DEFAULT_CHECK_CONCURRENCY } from './defaults.js';
import { dependencyCheckDuration, dependencyChecks } from '../../obs/metrics.js';
import { withSpan } from '../../obs/tracing.js';

export interface CheckRunOptions {
  /** Stops a run (a server shutting down): probes still running end as timed out. */
  signal?: AbortSignal;
  /** Called as each dependency's check ends: how many are done of how many. */
  onProgress?: (done: number, total: number) => void;
}

/**
 * Checks dependencies in parallel (at most `concurrency` at once, each probe under its deadline), records
 * the results, and writes `status` to ecosystem.yaml where the outcome changed. Input:
 * `CheckDependenciesInputSchema`; output: `CheckReportSchema`. Never reports satisfied for a probe that
 * failed; `ok` is false when anything is unsatisfied or failed.
 */
export function checkDependencies(ws: Workspace, input: unknown = {}, options: CheckRunOptions = {}): Promise<CheckReport> {
  return withSpan('dependency check', { 'concord.surface': ws.surface }, async (span) => {
    const report = await checkDependenciesNow(ws, input, options);
    span.setAttributes({ 'concord.checks': report.checks.length, 'concord.ok': report.ok });
    for (const c of report.checks) {
      dependencyChecks.inc({ outcome: c.outcome });
      dependencyCheckDuration.observe({ outcome: c.outcome }, c.duration_ms / 1000);
    }
    return report;
  });
}

async function checkDependenciesNow(ws: Workspace, input: unknown, options: CheckRunOptions): Promise<CheckReport> {
  const parsed = parseInput(CheckDependenciesInputSchema, input, 'dependency check');
  const start = performance.now();
  const checkedAt = ws.now();
  const { graph } = await loadSnapshot(ws);
  const consumer = parsed.consumer ? resolveRepo(graph, parsed.consumer).name : undefined;
  const provider = parsed.provider ? resolveRepo(graph, parsed.provider).name : undefined;
  for (const id of parsed.ids ?? []) if (!graph.dependencies.has(id)) throw notFound('DEPENDENCY_NOT_FOUND', 'dependency', id, graph.dependencies.keys());

  const chosen = [...graph.dependencies.values()].filter(
    (d) => (!consumer || d.consumer === consumer) && (!provider || d.provider === provider) && (!parsed.ids || parsed.ids.includes(d.id)),
  );
  const skipped = chosen.filter((d) => d.status === 'cancelled').map((d) => ({ id: d.id, reason: 'cancelled: no longer a contract to check' }));
  const selected = chosen.filter((d) => d.status !== 'cancelled');

  const ctx = { ...createProbeContext(ws.dir, graph.repos), ...(options.signal ? { signal: options.signal } : {}) };
  const limiter = new Limiter(parsed.concurrency ?? DEFAULT_CHECK_CONCURRENCY);
  let done = 0;
  const findings = await Promise.all(
    selected.map((d: Dependency) =>
      limiter.run(async () => {
        const finding = await checkDependency(d, ctx, { now: checkedAt, ...(parsed.timeout_ms ? { timeoutMs: parsed.timeout_ms } : {}) });
        options.onProgress?.(++done, selected.length);
        return finding;
      }),
    ),
  );
  // A run stopped half-way (a server shutting down) reports what it has but records nothing: its
  // cut-off probes say nothing about the dependencies.
  const record = parsed.record && !options.signal?.aborted;
  const { checks, statusChanges } = await recordChecks(ws, findings, record);

  const invalid = invalidDependencies(ws, parsed.ids);
  const counts = Object.fromEntries(CHECK_OUTCOMES.map((o) => [o, 0])) as Record<CheckOutcome, number>;
  for (const c of checks) counts[c.outcome]++;
  return {
    checked_at: checkedAt,
    duration_ms: elapsed(start),
    ok: counts.unsatisfied === 0 && counts.failed === 0 && invalid.length === 0,
    counts,
    checks,
    invalid,
    skipped,
    recorded: record,
    status_changes: statusChanges,
  };
}

/**
 * Checks everything one repo needs (the dependencies it consumes). Input: `ValidateRepoInputSchema`;
 * output: `CheckReportSchema` with `repo` set.
 */
export async function validateRepo(ws: Workspace, input: unknown, options: CheckRunOptions = {}): Promise<CheckReport> {
  const parsed = parseInput(ValidateRepoInputSchema, input, 'repo validation');
  const repo = resolveRepo((await loadSnapshot(ws)).graph, parsed.repo).name;
  const { repo: _repo, ...rest } = parsed;
  return { repo, ...(await checkDependencies(ws, { ...rest, consumer: repo }, options)) };
}

/**
 * Dependency records the file has but Concord could not read (an unknown type, a missing field, a
 * duplicate id): never checked, so never reported as fine. They fail the report whatever the filter,
 * since which repo such a record concerns cannot be trusted.
 */
function invalidDependencies(ws: Workspace, ids: readonly string[] | undefined): CheckReport['invalid'] {
  return ws.index
    .unserved('dependencies')
    .filter((i) => !ids || (i.id !== undefined && ids.includes(i.id)))
    .map((i) => ({
      ...(i.id !== undefined ? { id: i.id } : {}),
      problems: i.duplicate ? [`dependency id ${i.id} is used twice; only the first is read`] : i.diagnostics.filter((d) => d.severity === 'error').map((d) => `${d.field ? `${d.field}: ` : ''}${d.message}${d.fix ? ` (${d.fix})` : ''}`),
    }));
}
