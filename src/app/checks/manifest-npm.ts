// npm: package.json (name, version, dependency ranges) and its lockfile (the versions installed: lockfiles-npm.ts).
import type { DeclaredNeed } from '../../core/checks/discovery.js';
import { readNpmLocks } from './lockfiles-npm.js';
import { asObject, asString, emptyFindings, type ManifestFindings, readStructured } from './manifest-files.js';

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
  const locks = await readNpmLocks(dir, out.problems);
  const seen = new Set<string>();
  for (const [section, kind] of SECTIONS) {
    for (const [dep, range] of Object.entries(asObject(pkg[section]) ?? {})) {
      if (seen.has(dep) || typeof range !== 'string') continue;
      seen.add(dep);
      let found: { locked: string; lockfile: string } | undefined;
      for (const lock of locks) {
        const locked = await lock.locked(dep, range);
        if (locked) {
          found = { locked, lockfile: lock.file };
          break;
        }
      }
      out.needs.push({ ecosystem: 'npm', name: dep, range, kind, manifest: 'package.json', ...(found ?? {}) });
    }
  }
  return out;
}
