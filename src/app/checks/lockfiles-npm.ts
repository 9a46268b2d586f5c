// What an npm-family lockfile installs for a dependency: package-lock.json (v1-v3), pnpm-lock.yaml (v5-v9)
// and yarn.lock (classic v1 and Berry). Each reader answers "which version of NAME, declared as RANGE in
// package.json, does this lockfile install at the top level?", following workspace links to the linked
// folder's package.json.
import path from 'node:path';
import { asObject, asString, type Json, parseStructured, readStructured, readText } from './manifest-files.js';

export interface NpmLock {
  file: string;
  locked(name: string, range: string): Promise<string | undefined>;
}

/** The lockfiles of a repo folder that exist, in the order npm, pnpm, yarn. */
export async function readNpmLocks(dir: string, problems: string[]): Promise<NpmLock[]> {
  const locks: NpmLock[] = [];
  const npm = await readStructured(dir, 'package-lock.json', problems);
  if (npm) locks.push({ file: 'package-lock.json', locked: async (name) => packageLockVersion(npm, name) });
  const pnpm = await readStructured(dir, 'pnpm-lock.yaml', problems);
  if (pnpm) locks.push({ file: 'pnpm-lock.yaml', locked: (name) => pnpmVersion(dir, pnpm, name) });
  const yarnText = await readText(dir, 'yarn.lock');
  if (yarnText !== undefined) {
    const entries = yarnEntries(yarnText, path.join(dir, 'yarn.lock'), problems);
    locks.push({ file: 'yarn.lock', locked: (name, range) => yarnVersion(dir, entries, name, range) });
  }
  return locks;
}

/** The version package-lock.json installs for `name` at the top level (lockfile v1, v2 and v3). */
function packageLockVersion(lock: Json, name: string): string | undefined {
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

/** The version in a linked folder's package.json (`link:../sdk`, `workspace:packages/sdk`, `file:../sdk`). */
async function linkedVersion(dir: string, target: string): Promise<string | undefined> {
  const pkg = await readStructured(path.resolve(dir, target), 'package.json', []);
  return asString(pkg?.['version']);
}

const LINK = /^(?:link|file|workspace|portal):(.*)$/;

/**
 * pnpm: the root importer's entry for `name` (v6-v9: `importers['.'].dependencies[name].version`, v5
 * and single projects: `dependencies[name]`), without the peer suffix (`1.2.3(react@18.2.0)`, `1.2.3_react@18`).
 */
async function pnpmVersion(dir: string, lock: Json, name: string): Promise<string | undefined> {
  const root = asObject(asObject(lock['importers'])?.['.']) ?? lock;
  for (const section of ['dependencies', 'devDependencies', 'optionalDependencies']) {
    const entry = asObject(root[section])?.[name];
    const raw = asString(asObject(entry)?.['version']) ?? asString(entry);
    if (!raw) continue;
    const link = LINK.exec(raw);
    if (link) return linkedVersion(dir, link[1]!);
    return raw.replace(/[(_].*$/, '');
  }
  return undefined;
}

interface YarnEntry {
  descriptors: string[];
  version?: string;
  resolution?: string;
}

/** yarn.lock entries: Berry's is YAML (it has `__metadata`); classic v1 is its own line format. */
function yarnEntries(text: string, file: string, problems: string[]): YarnEntry[] {
  if (/^__metadata:/m.test(text)) {
    return Object.entries(parseStructured(text, 'yaml', file, problems) ?? {})
      .filter(([key]) => key !== '__metadata')
      .map(([key, value]) => {
        const v = asObject(value);
        const version = asString(v?.['version']);
        const resolution = asString(v?.['resolution']);
        return { descriptors: key.split(/,\s*/), ...(version ? { version } : {}), ...(resolution ? { resolution } : {}) };
      });
  }
  // Classic: `"@scope/a@^1.0.0", "@scope/a@^1.1.0":` at column 0, then `  version "1.2.3"`.
  const entries: YarnEntry[] = [];
  let current: YarnEntry | undefined;
  for (const line of text.split(/\r?\n/)) {
    if (line === '' || line.startsWith('#')) continue;
    if (!line.startsWith(' ') && line.endsWith(':')) {
      current = { descriptors: line.slice(0, -1).split(/,\s*/).map((d) => d.replace(/^"|"$/g, '')) };
      entries.push(current);
    } else if (current && /^ {2}version /.test(line)) {
      current.version = line.trim().slice('version '.length).replace(/^"|"$/g, '');
    }
  }
  return entries;
}

/** The entry that package.json's `name@range` resolves to (Berry writes `name@npm:range`). */
async function yarnVersion(dir: string, entries: readonly YarnEntry[], name: string, range: string): Promise<string | undefined> {
  const wanted = new Set([`${name}@${range}`, `${name}@npm:${range}`]);
  const entry = entries.find((e) => e.descriptors.some((d) => wanted.has(d))) ?? entries.find((e) => e.descriptors.some((d) => d.startsWith(`${name}@`)));
  if (!entry) return undefined;
  const target = linkTarget(entry, name);
  return target !== undefined ? linkedVersion(dir, target) : entry.version;
}

/**
 * The folder a linked entry points at: Berry's `resolution: "sdk@workspace:packages/sdk"`, or a descriptor
 * `sdk@link:../sdk` / `sdk@file:../sdk`. `workspace:^` is a range, not a folder.
 */
function linkTarget(entry: YarnEntry, name: string): string | undefined {
  for (const d of [entry.resolution, ...entry.descriptors]) {
    if (!d?.startsWith(`${name}@`)) continue;
    // Berry adds where the link was declared: `link:../sdk::locator=web%40workspace%3A.`.
    const target = LINK.exec(d.slice(name.length + 1))?.[1]?.replace(/::.*$/, '');
    if (target !== undefined && (target.startsWith('.') || target.includes('/'))) return target;
  }
  return undefined;
}
