// Finding the git repos under a folder, for `concord init`.
import fs from 'node:fs';
import path from 'node:path';
import { readPackageName, readRemoteUrl } from './manifest.js';

export interface FoundRepo {
  name: string;
  /** Absolute path of the work tree. */
  dir: string;
  url?: string;
  package?: string;
  /** The manifest the package name was read from. */
  manifest?: string;
}

export interface ScanProgress {
  scanned: number;
  found: number;
  dir: string;
}

/** Folders never looked into: dependencies, build output, caches. */
const SKIP = new Set(['node_modules', 'dist', 'build', 'target', 'vendor', '__pycache__', 'venv']);

const isRepo = (dir: string) => fs.existsSync(path.join(dir, '.git'));

/**
 * Git work trees below `root` (not `root` itself, which usually holds the ecosystem), at most `depth`
 * folders down. A repo's own subfolders are not searched: nested checkouts are rare and usually vendored.
 */
export function scanForRepos(root: string, depth: number, onProgress?: (p: ScanProgress) => void): FoundRepo[] {
  const found: FoundRepo[] = [];
  let scanned = 0;
  const walk = (dir: string, level: number) => {
    let entries: fs.Dirent[];
    try {
      entries = fs.readdirSync(dir, { withFileTypes: true });
    } catch {
      return; // unreadable: skipped
    }
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (!e.isDirectory() || e.name.startsWith('.') || SKIP.has(e.name)) continue;
      const sub = path.join(dir, e.name);
      scanned++;
      if (isRepo(sub)) {
        const pkg = readPackageName(sub);
        const url = readRemoteUrl(sub);
        found.push({ name: e.name, dir: sub, ...(url ? { url } : {}), ...(pkg ? { package: pkg.package, manifest: pkg.manifest } : {}) });
      } else if (level < depth) walk(sub, level + 1);
      onProgress?.({ scanned, found: found.length, dir: sub });
    }
  };
  walk(root, 1);
  return uniqueNames(found, root);
}

/** Two repos named `api` in different folders become `team-a-api` and `team-b-api`. */
function uniqueNames(repos: FoundRepo[], root: string): FoundRepo[] {
  const count = new Map<string, number>();
  for (const r of repos) count.set(r.name, (count.get(r.name) ?? 0) + 1);
  return repos.map((r) => (count.get(r.name)! > 1 ? { ...r, name: path.relative(root, r.dir).split(path.sep).join('-') } : r));
}
