// Use-case: find the package edges between the ecosystem's repos in their manifests, report the ones
// ecosystem.yaml does not declare and the declared constraints the manifests contradict; apply on request.
import { type CompareRanges, planDiscovery, SCHEME_OF_ECOSYSTEM, usableRange } from '../../core/checks/discovery.js';
import { planApplyDiscovery } from '../../core/checks/discovery-changes.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import { mutate } from '../write.js';
import type { Workspace } from '../workspace.js';
import { rangesIntersect, satisfiesConstraint } from './compare-versions.js';
import { repoDir } from './probe-context.js';
import { DiscoverInputSchema, type DiscoveryReport } from './schemas.js';
import { readRepoPackages } from './repo-manifests.js';

/** Disagreement between a manifest's edge and a declared constraint, judged by the ecosystem's library. */
const compareEdge: CompareRanges = (edge, constraint) => {
  const scheme = SCHEME_OF_ECOSYSTEM[edge.ecosystem];
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
  // Each repo is read once here, so no cache; Promise.all keeps the catalog's order.
  const where = { ecosystemDir: ws.dir, repos: graph.repos };
  const read = await Promise.all(
    snapshot.repos.map((repo) => {
      const dir = repoDir(where, repo.name);
      return dir === undefined ? undefined : readRepoPackages(repo.name, dir);
    }),
  );
  const manifests = read.filter((m) => m !== undefined);
  const problems = manifests.flatMap((m) => m.problems);
  const plan = planDiscovery(snapshot.repos, manifests, [...graph.dependencies.values()], compareEdge);
  const report: DiscoveryReport = { scanned: manifests.map((m) => m.repo), ...plan, problems, open: plan.undeclared.length + plan.drift.length };
  if (!parsed.apply || (plan.undeclared.length === 0 && !plan.drift.some((d) => d.fix))) return report;
  const write = await mutate(ws, (mctx) => planApplyDiscovery(mctx, plan));
  report.applied = {
    created: write.events.filter((e) => e.type === 'dependency:created').map((e) => e.entity.id),
    updated: write.events.filter((e) => e.type === 'dependency:updated').map((e) => e.entity.id),
  };
  report.open = plan.drift.filter((d) => !d.fix).length;
  return report;
}
