// Probe: the version constraint against the provider's real version and what the consumer declares and locks.
import { type DeclaredNeed, packageKey, SCHEME_OF_ECOSYSTEM } from '../../core/checks/discovery.js';
import type { ConsumerVersion, McpServerInfo, ProbeResult, ProviderVersion, VersionFindings } from '../../core/checks/result.js';
import { schemeForConstraint } from '../../core/checks/version-syntax.js';
import type { Dependency } from '../../core/model.js';
import { satisfiesConstraint } from './compare-versions.js';
import { type ProbeContext, repoDir } from './probe-context.js';
import { type RepoPackages, VERSION_SOURCES } from './repo-manifests.js';

export interface VersionInputs {
  provider?: RepoPackages;
  consumer?: RepoPackages;
  /** Why a side could not be read (no path). */
  missing: string[];
}

/** Reads both repos' manifests (once per run, shared by every dependency on them). */
export async function readVersionInputs(dep: Dependency, ctx: ProbeContext): Promise<VersionInputs> {
  const out: VersionInputs = { missing: [] };
  const read = async (repo: string) => {
    const dir = repoDir(ctx, repo);
    if (dir === undefined) {
      out.missing.push(`repo ${repo} has no path, so its manifests cannot be read`);
      return undefined;
    }
    return ctx.packages.get(repo, dir);
  };
  const [provider, consumer] = await Promise.all([read(dep.provider), read(dep.consumer)]);
  if (provider) out.provider = provider;
  if (consumer) out.consumer = consumer;
  return out;
}

export function judgeVersion(constraint: string, dep: Dependency, inputs: VersionInputs, ctx: ProbeContext, mcp?: McpServerInfo): ProbeResult {
  const base = { kind: 'version' as const, target: constraint };
  const packageName = ctx.repos.get(dep.provider)?.package ?? inputs.provider?.version?.package ?? inputs.provider?.publishes[0]?.name;
  const findings: VersionFindings = { constraint };
  const verdicts: string[] = [];
  const errors: string[] = [];
  let badConstraint: string | undefined;
  let no = false;
  let yes = false;

  const repoVersion = inputs.provider?.version;
  const found = repoVersion ?? (mcp && mcp.version !== '(none)' ? { version: mcp.version, source: 'MCP handshake' } : undefined);
  if (found) {
    const scheme = found.scheme ?? schemeForConstraint(constraint);
    const r = satisfiesConstraint(scheme, found.version, constraint);
    const provider: ProviderVersion = { version: found.version, source: found.source, scheme, ...(packageName ? { package: packageName } : {}) };
    if (r.ok) {
      provider.satisfies = r.satisfies;
      if (r.satisfies) yes = true;
      else no = true;
      verdicts.push(`${dep.provider} is ${found.version} (${found.source}), ${r.satisfies ? 'within' : 'outside'} ${constraint}`);
    } else if (r.unreadable === 'constraint') badConstraint = r.error;
    else errors.push(`${dep.provider} ${found.version} (${found.source}): ${r.error}`);
    findings.provider = provider;
  }

  const need = packageName ? findNeed(inputs.consumer?.needs ?? [], packageName) : undefined;
  if (need) {
    const scheme = SCHEME_OF_ECOSYSTEM[need.ecosystem];
    const consumer: ConsumerVersion = { package: need.name, scheme, declared: need.range, manifest: need.manifest, ...(need.locked ? { locked: need.locked, lockfile: need.lockfile } : {}) };
    if (need.locked) {
      const r = satisfiesConstraint(scheme, need.locked, constraint);
      if (r.ok) {
        consumer.satisfies = r.satisfies;
        if (r.satisfies) yes = true;
        else no = true;
        verdicts.push(`${dep.consumer} locks ${need.name} ${need.locked} (${need.lockfile}), ${r.satisfies ? 'within' : 'outside'} ${constraint}`);
      } else if (r.unreadable === 'constraint') badConstraint = r.error;
      else errors.push(`${dep.consumer} locks ${need.name} ${need.locked}: ${r.error}`);
    } else {
      verdicts.push(`${dep.consumer} declares ${need.name} ${need.range || '(any version)'} in ${need.manifest}, with no lock`);
    }
    findings.consumer = consumer;
  }

  const withFindings = { ...base, versions: findings };
  if (no) return { ...withFindings, outcome: 'unsatisfied', summary: [...verdicts, ...errors].join('; ') };
  if (badConstraint) return { ...withFindings, outcome: 'failed', summary: `${dep.id}: version_constraint ${badConstraint}; fix the constraint` };
  if (yes) return { ...withFindings, outcome: 'satisfied', summary: [...verdicts, ...errors].join('; ') };
  const why = [...errors, ...inputs.missing, ...(inputs.provider?.problems ?? [])];
  const looked = inputs.provider ? ` (looked at ${VERSION_SOURCES.join(', ')})` : '';
  return { ...withFindings, outcome: 'unknown', summary: `no version of ${dep.provider} to compare with ${constraint}${looked}${why.length ? `: ${why.join('; ')}` : ''}` };
}

function findNeed(needs: readonly DeclaredNeed[], name: string): DeclaredNeed | undefined {
  return needs.find((n) => packageKey(n.ecosystem, n.name) === packageKey(n.ecosystem, name));
}
