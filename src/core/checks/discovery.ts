// Discovery: from what each repo's manifests publish and need, the edges between repos of the ecosystem,
// compared with the declared dependencies: edges nobody declared, and declared constraints that the
// consumer's manifest contradicts (drift). Pure: the app reads the manifests and compares the ranges.
import { z } from 'zod';
import type { Dependency, Repo } from '../model.js';
import { normalizePythonName } from './requirements.js';
import type { VersionScheme } from './result.js';

export const PACKAGE_ECOSYSTEMS = ['npm', 'python', 'cargo'] as const;
export type PackageEcosystem = (typeof PACKAGE_ECOSYSTEMS)[number];

/** The scheme each ecosystem's ranges and versions are compared with. */
export const SCHEME_OF_ECOSYSTEM: Record<PackageEcosystem, VersionScheme> = { npm: 'semver', cargo: 'cargo', python: 'pep440' };

/** How a package is named across manifests: Python names compared normalized (PEP 503). */
export const packageKey = (ecosystem: PackageEcosystem, name: string) => `${ecosystem}:${ecosystem === 'python' ? normalizePythonName(name) : name}`;

const NeedKindSchema = z.enum(['runtime', 'development']);

export interface PublishedPackage {
  ecosystem: PackageEcosystem;
  name: string;
  version?: string;
  manifest: string;
}

export interface DeclaredNeed {
  ecosystem: PackageEcosystem;
  name: string;
  /** As written in the manifest (`^2.1.0`, `>=0.2,<1`, `file:../sdk`), Poetry's rewritten to PEP 440. */
  range: string;
  kind: z.infer<typeof NeedKindSchema>;
  manifest: string;
  /** What the consumer's lockfile pins, if it has one that names the package. */
  locked?: string;
  lockfile?: string;
}

export interface RepoManifests {
  repo: string;
  publishes: PublishedPackage[];
  needs: DeclaredNeed[];
}

export const FoundEdgeSchema = z.object({
  consumer: z.string(),
  provider: z.string(),
  ecosystem: z.enum(PACKAGE_ECOSYSTEMS),
  package: z.string(),
  range: z.string(),
  kind: NeedKindSchema,
  manifest: z.string(),
  locked: z.string().optional(),
  lockfile: z.string().optional(),
});
export type FoundEdge = z.infer<typeof FoundEdgeSchema>;

const ProposedDependencySchema = z.object({
  consumer: z.string(),
  provider: z.string(),
  type: NeedKindSchema,
  version_constraint: z.string().optional(),
  notes: z.string(),
});

const DriftSchema = z.object({
  id: z.string(),
  consumer: z.string(),
  provider: z.string(),
  constraint: z.string(),
  edge: FoundEdgeSchema,
  /** `range`: no version satisfies both; `lock`: the locked version is outside the constraint. */
  kind: z.enum(['range', 'lock']),
  reason: z.string(),
  /** The new constraint that matches the manifest, when ecosystem.yaml is the side to fix. */
  fix: z.object({ version_constraint: z.string() }).optional(),
});
export type Drift = z.infer<typeof DriftSchema>;

export const DiscoveryPlanSchema = z.object({
  /** Every package edge between two repos of the ecosystem. */
  found: z.array(FoundEdgeSchema),
  undeclared: z.array(FoundEdgeSchema.extend({ proposal: ProposedDependencySchema })),
  drift: z.array(DriftSchema),
  /** Declared dependencies with no package edge in the manifests (services, MCP servers, tools: fine). */
  unseen: z.array(z.object({ id: z.string(), consumer: z.string(), provider: z.string() })),
});
export type DiscoveryPlan = z.infer<typeof DiscoveryPlanSchema>;

/** Why `range` and `constraint` (of `edge`) disagree, or undefined when they agree or cannot be compared. */
export type CompareRanges = (edge: FoundEdge, constraint: string) => { kind: 'range' | 'lock'; reason: string } | undefined;

/** A version range a dependency can carry: not a path, URL, workspace or git reference, not "any". */
export function usableRange(range: string): string | undefined {
  const r = range.trim();
  if (!r || r === '*' || r === 'latest' || /[:/]/.test(r)) return undefined;
  return r;
}

export function planDiscovery(repos: readonly Repo[], manifests: readonly RepoManifests[], declared: readonly Dependency[], compare: CompareRanges): DiscoveryPlan {
  const owner = new Map<string, string>();
  for (const m of manifests) for (const p of m.publishes) owner.set(packageKey(p.ecosystem, p.name), m.repo);
  // `package:` in the catalog names a repo's package for repos whose manifest is not readable here.
  for (const r of repos) {
    if (!r.package) continue;
    for (const eco of PACKAGE_ECOSYSTEMS) if (!owner.has(packageKey(eco, r.package))) owner.set(packageKey(eco, r.package), r.name);
  }

  const found: FoundEdge[] = [];
  const seen = new Set<string>();
  for (const m of manifests) {
    for (const need of m.needs) {
      const provider = owner.get(packageKey(need.ecosystem, need.name));
      if (!provider || provider === m.repo) continue;
      const k = `${m.repo}\u0000${provider}\u0000${packageKey(need.ecosystem, need.name)}`;
      if (seen.has(k)) continue;
      seen.add(k);
      found.push({
        consumer: m.repo,
        provider,
        ecosystem: need.ecosystem,
        package: need.name,
        range: need.range,
        kind: need.kind,
        manifest: need.manifest,
        ...(need.locked !== undefined ? { locked: need.locked } : {}),
        ...(need.lockfile !== undefined ? { lockfile: need.lockfile } : {}),
      });
    }
  }

  const byPair = new Map<string, Dependency[]>();
  for (const d of declared) byPair.set(`${d.consumer}\u0000${d.provider}`, [...(byPair.get(`${d.consumer}\u0000${d.provider}`) ?? []), d]);

  const undeclared: DiscoveryPlan['undeclared'] = [];
  const drift: Drift[] = [];
  const matched = new Set<string>();
  for (const edge of found) {
    const deps = byPair.get(`${edge.consumer}\u0000${edge.provider}`) ?? [];
    if (deps.length === 0) {
      if (undeclared.some((u) => u.consumer === edge.consumer && u.provider === edge.provider)) continue;
      const range = usableRange(edge.range);
      undeclared.push({
        ...edge,
        proposal: {
          consumer: edge.consumer,
          provider: edge.provider,
          type: edge.kind,
          ...(range ? { version_constraint: range } : {}),
          notes: `Found by concord dep discover: ${edge.manifest} of ${edge.consumer} needs ${edge.package}${edge.range ? ` ${edge.range}` : ''}`,
        },
      });
      continue;
    }
    for (const d of deps) {
      matched.add(d.id);
      if (!d.version_constraint || d.status === 'cancelled') continue;
      const disagreement = compare(edge, d.version_constraint);
      if (!disagreement) continue;
      const range = disagreement.kind === 'range' ? usableRange(edge.range) : undefined;
      drift.push({
        id: d.id,
        consumer: d.consumer,
        provider: d.provider,
        constraint: d.version_constraint,
        edge,
        kind: disagreement.kind,
        reason: disagreement.reason,
        ...(range ? { fix: { version_constraint: range } } : {}),
      });
    }
  }
  const unseen = declared.filter((d) => !matched.has(d.id) && d.status !== 'cancelled').map((d) => ({ id: d.id, consumer: d.consumer, provider: d.provider }));
  return { found, undeclared, drift, unseen };
}
