// Use-case: find the package edges between the ecosystem's repos in their manifests, report the ones
// ecosystem.yaml does not declare and the declared constraints the manifests contradict; apply on request.
import { z } from 'zod';
import { type CompareRanges, type FoundEdge, planDiscovery, type RepoManifests, usableRange } from '../../core/checks/discovery.js';
import { planApplyDiscovery } from '../../core/checks/discovery-changes.js';
import type { VersionScheme } from '../../core/checks/result.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import { mutate } from '../write.js';
import type { Workspace } from '../workspace.js';
import { rangesIntersect, satisfiesConstraint } from './compare-versions.js';
import { createProbeContext, repoDir } from './probe-context.js';

export const DiscoverInputSchema = z.object({
  apply: z.boolean().default(false).describe('Declare the undeclared edges and set drifted constraints to what the manifests say'),
});

const EdgeSchema = z.object({
  consumer: z.string(),
  provider: z.string(),
  ecosystem: z.enum(['npm', 'python', 'cargo']),
  package: z.string(),
  range: z.string(),
  kind: z.enum(['runtime', 'development']),
  manifest: z.string(),
  locked: z.string().optional(),
  lockfile: z.string().optional(),
});

export const DiscoveryReportSchema = z.object({
  /** Repos whose manifests were read. */
  scanned: z.array(z.string()),
  /** Every package edge between two repos of the ecosystem. */
  found: z.array(EdgeSchema),
  undeclared: z.array(EdgeSchema.extend({ proposal: z.object({ consumer: z.string(), provider: z.string(), type: z.enum(['runtime', 'development']), version_constraint: z.string().optional(), notes: z.string() }) })),
  drift: z.array(z.object({ id: z.string(), consumer: z.string(), provider: z.string(), constraint: z.string(), edge: EdgeSchema, kind: z.enum(['range', 'lock']), reason: z.string(), fix: z.object({ version_constraint: z.string() }).optional() })),
  unseen: z.array(z.object({ id: z.string(), consumer: z.string(), provider: z.string() })),
  /** Repos without a readable folder, manifests that do not parse. */
  problems: z.array(z.string()),
  applied: z.object({ created: z.array(z.string()), updated: z.array(z.string()) }).optional(),
});
export type DiscoveryReport = z.infer<typeof DiscoveryReportSchema>;

const SCHEME_OF: Record<FoundEdge['ecosystem'], VersionScheme> = { npm: 'semver', cargo: 'cargo', python: 'pep440' };

/** Disagreement between a manifest's edge and a declared constraint, judged by the ecosystem's library. */
export const compareEdge: CompareRanges = (edge, constraint) => {
  const scheme = SCHEME_OF[edge.ecosystem];
  const range = usableRange(edge.range);
  if (range && rangesIntersect(scheme, range, constraint) === false) {
    return { kind: 'range', reason: `${edge.manifest} of ${edge.consumer} asks for ${edge.package} ${range}, and no version within it is within ${constraint}` };
  }
  if (edge.locked) {
    const r = satisfiesConstraint(scheme, edge.locked, constraint);
    if (r.ok && !r.satisfies) return { kind: 'lock', reason: `${edge.lockfile} of ${edge.consumer} locks ${edge.package} ${edge.locked}, outside ${constraint}; update the lock in ${edge.consumer}` };
  }
  return undefined;
};

export async function discoverDependencies(ws: Workspace, input: unknown = {}): Promise<DiscoveryReport> {
  const parsed = parseInput(DiscoverInputSchema, input, 'dependency discovery');
  const { graph, snapshot } = await loadSnapshot(ws);
  const ctx = createProbeContext(ws.dir, graph.repos);
  const problems: string[] = [];
  const manifests: RepoManifests[] = [];
  await Promise.all(
    snapshot.repos.map(async (repo) => {
      const dir = repoDir(ctx, repo.name);
      if (dir === undefined) return;
      const read = await ctx.packages.get(repo.name, dir);
      problems.push(...read.problems);
      manifests.push(read);
    }),
  );
  manifests.sort((a, b) => snapshot.repos.findIndex((r) => r.name === a.repo) - snapshot.repos.findIndex((r) => r.name === b.repo));
  const plan = planDiscovery(snapshot.repos, manifests, [...graph.dependencies.values()], compareEdge);
  const report: DiscoveryReport = { scanned: manifests.map((m) => m.repo), ...plan, problems };
  if (!parsed.apply || (plan.undeclared.length === 0 && !plan.drift.some((d) => d.fix))) return report;
  const write = await mutate(ws, (mctx) => planApplyDiscovery(mctx, plan));
  report.applied = {
    created: write.events.filter((e) => e.type === 'dependency:created').map((e) => e.entity.id),
    updated: write.events.filter((e) => e.type === 'dependency:updated').map((e) => e.entity.id),
  };
  return report;
}
