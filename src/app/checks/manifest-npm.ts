// npm: package.json (name, version, dependency ranges) and package-lock.json (the versions installed).
import type { DeclaredNeed } from '../../core/checks/discovery.js';
import { asObject, asString, emptyFindings, type Json, type ManifestFindings, readStructured } from './manifest-files.js';

const SECTIONS: [string, DeclaredNeed['kind']][] = [
  ['dependencies', 'runtime'],
  ['peerDependencies', 'runtime'],
  ['optionalDependencies', 'runtime'],
  ['devDependencies', 'development'],
];

export async function readNpmManifests(dir: string): Promise<ManifestFindings> {
  const out = emptyFindings();
  const pkg = await readStructured(dir, 'package.json', out.problems);
  if (!pkg) return out;
  const name = asString(pkg['name']);
  const version = asString(pkg['version']);
  if (name) out.publishes.push({ ecosystem: 'npm', name, ...(version ? { version } : {}), manifest: 'package.json' });
  if (version) out.version = { version, source: 'package.json', scheme: 'semver', ...(name ? { package: name } : {}) };
  const lock = await readStructured(dir, 'package-lock.json', out.problems);
  const seen = new Set<string>();
  for (const [section, kind] of SECTIONS) {
    for (const [dep, range] of Object.entries(asObject(pkg[section]) ?? {})) {
      if (seen.has(dep) || typeof range !== 'string') continue;
      seen.add(dep);
      const locked = lock ? lockedVersion(lock, dep) : undefined;
      out.needs.push({ ecosystem: 'npm', name: dep, range, kind, manifest: 'package.json', ...(locked ? { locked, lockfile: 'package-lock.json' } : {}) });
    }
  }
  return out;
}

/** The version package-lock.json installs for `name` at the top level (lockfile v1, v2 and v3). */
export function lockedVersion(lock: Json, name: string): string | undefined {
  const packages = asObject(lock['packages']);
  if (packages) {
    const entry = asObject(packages[`node_modules/${name}`]);
    if (!entry) return undefined;
    // A linked workspace or `file:` dependency: the version is on the linked folder's entry.
    if (entry['link'] === true) return asString(asObject(packages[String(entry['resolved'])])?.['version']);
    return asString(entry['version']);
  }
  return asString(asObject(asObject(lock['dependencies'])?.[name])?.['version']);
}
