// Dependency-check tools: check dependencies for real, or everything one repo needs; compact results
// (the failing checks in full, the satisfied ones by id) to stay within an agent's token budget.
import { z } from 'zod';
import { type CheckReport, CheckDependenciesInputSchema, CheckReportSchema, checkDependencies, validateRepo, ValidateRepoInputSchema } from '../../app/checks/index.js';
import { CheckOutcomeSchema } from '../../core/checks/result.js';
import { DependencyStatusSchema } from '../../core/enums.js';
import { cut } from '../compact.js';
import { defineTool, type ToolAnnotations } from '../tool.js';

/** Checks call out (HTTP, TCP, MCP servers, commands) and may write statuses; repeating one is harmless. */
const CHECK: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: true };
const SHOWN_PROBLEMS = 20;
const SUMMARY_LIMIT = 300;

const ProblemSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  provider: z.string(),
  outcome: CheckOutcomeSchema,
  status: DependencyStatusSchema,
  status_changed: z.boolean(),
  summary: z.string(),
  latency_ms: z.number().optional(),
});

/** The check report with its checks cut down: the problems (worst first) and the ids of the satisfied ones. */
const ReportOutput = CheckReportSchema.omit({ checks: true }).extend({
  ok: z.boolean().describe('False when a dependency is unsatisfied or failed, or a dependency record is invalid'),
  problems: z.array(ProblemSchema).describe('Checks that are not satisfied, worst first (at most 20; see totals)'),
  satisfied: z.array(z.string()).describe('Ids of the satisfied dependencies'),
  totals: z.object({ problems: z.number() }),
});

const RANK = { unsatisfied: 0, failed: 1, unknown: 2, satisfied: 3 } as const;

function compactReport(r: CheckReport): z.input<typeof ReportOutput> {
  const problems = r.checks.filter((c) => c.outcome !== 'satisfied').sort((a, b) => RANK[a.outcome] - RANK[b.outcome]);
  return {
    ...(r.repo ? { repo: r.repo } : {}),
    ok: r.ok,
    counts: r.counts,
    problems: problems.slice(0, SHOWN_PROBLEMS).map((c) => ({
      id: c.id,
      consumer: c.consumer,
      provider: c.provider,
      outcome: c.outcome,
      status: c.status,
      status_changed: c.status_changed,
      summary: cut(c.summary, SUMMARY_LIMIT),
      ...(c.latency_ms !== undefined ? { latency_ms: c.latency_ms } : {}),
    })),
    satisfied: r.checks.filter((c) => c.outcome === 'satisfied').map((c) => c.id),
    invalid: r.invalid,
    skipped: r.skipped,
    status_changes: r.status_changes,
    recorded: r.recorded,
    checked_at: r.checked_at,
    duration_ms: r.duration_ms,
    totals: { problems: problems.length },
  };
}

export const dependencyCheckTools = [
  defineTool({
    name: 'coord_check_dependencies',
    title: 'Check dependencies',
    description:
      'Check inter-repo dependencies for real (commands, health checks, MCP handshakes, versions); writes changed statuses. ok: false if one is unsatisfied or failed.',
    input: CheckDependenciesInputSchema,
    output: ReportOutput,
    annotations: CHECK,
    run: async ({ ws }, args) => compactReport(await checkDependencies(ws, args)),
  }),
  defineTool({
    name: 'coord_validate_repo',
    title: 'Validate a repo',
    description: 'Check every dependency one repo consumes.',
    input: ValidateRepoInputSchema,
    output: ReportOutput,
    annotations: CHECK,
    run: async ({ ws }, args) => compactReport(await validateRepo(ws, args)),
  }),
];
