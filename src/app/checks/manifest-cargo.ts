// Cargo: Cargo.toml (package, version, dependency requirements) and Cargo.lock (the versions resolved).
import semver from 'semver';
import type { DeclaredNeed } from '../../core/checks/discovery.js';
import { asArray, asObject, asString, emptyFindings, type Json, type ManifestFindings, readStructured } from './manifest-files.js';

const TABLES: [string, DeclaredNeed['kind']][] = [
  ['dependencies', 'runtime'],
  ['build-dependencies', 'development'],
  ['dev-dependencies', 'development'],
];

export async function readCargoManifests(dir: string): Promise<ManifestFindings> {
  const out = emptyFindings();
  const cargo = await readStructured(dir, 'Cargo.toml', out.problems);
  if (!cargo) return out;
  const pkg = asObject(cargo['package']);
  const name = asString(pkg?.['name']);
  // `version.workspace = true` takes the workspace's version.
  const version = asString(pkg?.['version']) ?? asString(asObject(asObject(cargo['workspace'])?.['package'])?.['version']);
  if (name) out.publishes.push({ ecosystem: 'cargo', name, ...(version ? { version } : {}), manifest: 'Cargo.toml' });
  if (version) out.version = { version, source: 'Cargo.toml', scheme: 'cargo', ...(name ? { package: name } : {}) };

  const lock = await readStructured(dir, 'Cargo.lock', out.problems);
  const tables: [Json | undefined, DeclaredNeed['kind']][] = TABLES.map(([t, kind]) => [asObject(cargo[t]), kind]);
  for (const target of Object.values(asObject(cargo['target']) ?? {})) for (const [t, kind] of TABLES) tables.push([asObject(asObject(target)?.[t]), kind]);
  for (const [table, kind] of tables) {
    for (const [key, spec] of Object.entries(table ?? {})) {
      const detail = asObject(spec);
      // `alias = { package = "real-name", version = "1" }` depends on real-name.
      const dep = asString(detail?.['package']) ?? key;
      if (out.needs.some((n) => n.name === dep)) continue;
      const range = typeof spec === 'string' ? spec : (asString(detail?.['version']) ?? '');
      const locked = lock ? lockedVersion(lock, dep) : undefined;
      out.needs.push({ ecosystem: 'cargo', name: dep, range, kind, manifest: 'Cargo.toml', ...(locked ? { locked, lockfile: 'Cargo.lock' } : {}) });
    }
  }
  return out;
}

/** The newest version of `name` in Cargo.lock (a lock can hold several). */
function lockedVersion(lock: Json, name: string): string | undefined {
  const versions = asArray(lock['package'])
    .map(asObject)
    .filter((p) => asString(p?.['name']) === name)
    .flatMap((p) => asString(p?.['version']) ?? []);
  return versions.sort((a, b) => (semver.valid(a) && semver.valid(b) ? semver.rcompare(a, b) : 0))[0];
}
