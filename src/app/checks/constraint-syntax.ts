// Whether a version_constraint reads in the scheme of the provider's ecosystem: checked on write and by lint.
import fs from 'node:fs';
import { SCHEME_OF_ECOSYSTEM } from '../../core/checks/discovery.js';
import type { VersionScheme } from '../../core/checks/result.js';
import { schemeForConstraint } from '../../core/checks/version-syntax.js';
import type { Repo } from '../../core/model.js';
import { satisfiesConstraint } from './compare-versions.js';
import { repoDir } from './probe-context.js';
import { readRepoPackages } from './repo-manifests.js';

const NAME: Record<VersionScheme, string> = { semver: 'npm (semver)', cargo: 'Cargo', pep440: 'Python (PEP 440)' };
const EXAMPLE: Record<VersionScheme, string> = { semver: '">=1.2.0 <2"', cargo: '">=1.2, <2"', pep440: '">=1.2,<2"' };

/**
 * The scheme of the provider's ecosystem: what its checked-out manifests publish (pyproject.toml: PEP 440,
 * Cargo.toml: Cargo, package.json: semver), or, when its folder is not here, what the constraint looks like.
 */
async function schemeOf(provider: Repo | undefined, ecosystemDir: string, constraint: string): Promise<{ scheme: VersionScheme; known: boolean }> {
  const dir = provider ? repoDir({ ecosystemDir, repos: new Map([[provider.name, provider]]) }, provider.name) : undefined;
  if (provider && dir && fs.existsSync(dir)) {
    const found = await readRepoPackages(provider.name, dir);
    const scheme = found.version?.scheme ?? (found.publishes[0] ? SCHEME_OF_ECOSYSTEM[found.publishes[0].ecosystem] : undefined);
    if (scheme) return { scheme, known: true };
  }
  return { scheme: schemeForConstraint(constraint), known: false };
}

/** Why `constraint` does not read as a version range of the provider's ecosystem, or undefined when it does. */
export async function constraintProblem(constraint: string, provider: Repo | undefined, ecosystemDir: string): Promise<string | undefined> {
  const { scheme, known } = await schemeOf(provider, ecosystemDir, constraint);
  const readable = (s: VersionScheme) => {
    const r = satisfiesConstraint(s, '0.0.0', constraint);
    return r.ok || r.unreadable === 'version';
  };
  // Unknown ecosystem: any scheme that reads it will do (a Cargo `1.2` or an npm `^1.2`).
  if (readable(scheme) || (!known && (['semver', 'cargo', 'pep440'] as const).some(readable))) return undefined;
  if (known) return `version_constraint "${constraint}" is not a version range (${provider!.name} is ${NAME[scheme]}); write one such as ${EXAMPLE[scheme]}`;
  return `version_constraint "${constraint}" is not a version range in npm (semver), Cargo or Python (PEP 440) syntax; write one such as ${EXAMPLE.semver} or ${EXAMPLE.pep440}`;
}
