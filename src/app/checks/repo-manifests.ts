// Everything a repo's folder says about packages: what it publishes (and at which version), what it needs.
import { execFile } from 'node:child_process';
import fs from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import type { RepoManifests } from '../../core/checks/discovery.js';
import type { VersionScheme } from '../../core/checks/result.js';
import { newestVersion } from './compare-versions.js';
import { readCargoManifests } from './manifest-cargo.js';
import { readText } from './manifest-files.js';
import { readNpmManifests } from './manifest-npm.js';
import { readPythonManifests } from './manifest-python.js';

const run = promisify(execFile);

export interface RepoVersion {
  version: string;
  /** `package.json`, `VERSION`, `git tag v1.2.3`. */
  source: string;
  /** Undefined for sources that do not say (VERSION, git tags): the constraint decides. */
  scheme?: VersionScheme;
  package?: string;
}

/** Where a repo's own version is looked for, in order (named in messages when none was found). */
export const VERSION_SOURCES = ['package.json', 'pyproject.toml', 'Cargo.toml', 'VERSION', 'git tags'] as const;

export interface RepoPackages extends RepoManifests {
  /** The repo's own version, from the first of `VERSION_SOURCES` that has one. */
  version?: RepoVersion;
  problems: string[];
}

/** Reads a repo folder's manifests; a folder that does not exist gives a problem, not an exception. */
export async function readRepoPackages(repo: string, dir: string): Promise<RepoPackages> {
  const out: RepoPackages = { repo, publishes: [], needs: [], problems: [] };
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat?.isDirectory()) {
    out.problems.push(`the folder of repo ${repo} (${dir}) does not exist`);
    return out;
  }
  for (const findings of await Promise.all([readNpmManifests(dir), readPythonManifests(dir), readCargoManifests(dir)])) {
    out.publishes.push(...findings.publishes);
    out.needs.push(...findings.needs);
    out.problems.push(...findings.problems);
    out.version ??= findings.version;
  }
  if (!out.version) {
    const text = (await readText(dir, 'VERSION'))?.split(/\r?\n/)[0]?.trim();
    if (text) out.version = { version: text, source: 'VERSION' };
  }
  if (!out.version) {
    const tag = await newestGitTag(dir);
    if (tag) out.version = { version: tag.version, source: `git tag ${tag.raw}` };
  }
  return out;
}

/** The newest version-like tag of the git repo whose top folder is `dir` (not of a repo it sits in). */
async function newestGitTag(dir: string): Promise<{ version: string; raw: string } | undefined> {
  try {
    const opts = { cwd: dir, encoding: 'utf8' as const, timeout: 5000 };
    const top = (await run('git', ['rev-parse', '--show-toplevel'], opts)).stdout.trim();
    if (path.resolve(await fs.realpath(top)) !== path.resolve(await fs.realpath(dir))) return undefined;
    const tags = (await run('git', ['tag', '--list'], opts)).stdout.split('\n').map((t) => t.trim()).filter(Boolean);
    return newestVersion(tags);
  } catch {
    return undefined; // not a git repo, or no git
  }
}

/** Reads each repo folder once per run, however many dependencies point at it. */
export class RepoPackagesCache {
  private readonly cache = new Map<string, Promise<RepoPackages>>();
  get(repo: string, dir: string): Promise<RepoPackages> {
    const key = `${repo}\u0000${dir}`;
    let hit = this.cache.get(key);
    if (!hit) {
      hit = readRepoPackages(repo, dir);
      this.cache.set(key, hit);
    }
    return hit;
  }
}
