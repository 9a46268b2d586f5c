// Ecosystems whose repos are real folders (manifests, lockfiles, git tags), for dependency checks and discovery.
import fs from 'node:fs';
import path from 'node:path';
import { stringify } from 'yaml';
import { Workspace, type WorkspaceOptions } from '../../src/app/workspace.js';
import { git, gitInit, tempDir } from './temp.js';

export type Files = Record<string, string | object>;

/** Writes files under `dir` (objects as JSON), creating folders. */
export function writeFiles(dir: string, files: Files): void {
  for (const [name, content] of Object.entries(files)) {
    const file = path.join(dir, name);
    fs.mkdirSync(path.dirname(file), { recursive: true });
    fs.writeFileSync(file, typeof content === 'string' ? content : JSON.stringify(content, null, 2) + '\n');
  }
}

export interface RepoSpec {
  files?: Files;
  /** Make the folder a git repo with these tags on its one commit. */
  tags?: string[];
  /** Catalog fields besides name and path (`package`, ...); `path: null` leaves the path out. */
  catalog?: Record<string, unknown>;
}

/**
 * A temp ecosystem: each repo a folder `repos/<name>` with its files, and ecosystem.yaml listing them
 * with `dependencies` as given. Returns the workspace and the folder.
 */
export function ecosystemWithRepos(repos: Record<string, RepoSpec>, dependencies: Record<string, unknown>[], options: WorkspaceOptions = {}): { ws: Workspace; dir: string; file: string } {
  const dir = tempDir('concord-deps-');
  for (const [name, spec] of Object.entries(repos)) {
    const repoDir = path.join(dir, 'repos', name);
    fs.mkdirSync(repoDir, { recursive: true });
    writeFiles(repoDir, spec.files ?? {});
    if (spec.tags) {
      if (!fs.readdirSync(repoDir).length) writeFiles(repoDir, { 'README.md': `# ${name}\n` });
      gitInit(repoDir);
      for (const t of spec.tags) git(repoDir, 'tag', t);
    }
  }
  const catalog = Object.entries(repos).map(([name, spec]) => {
    const entry: Record<string, unknown> = { name, path: `./repos/${name}`, ...(spec.catalog ?? {}) };
    if (entry['path'] === null) delete entry['path'];
    return entry;
  });
  const file = path.join(dir, 'ecosystem.yaml');
  fs.writeFileSync(file, `# Dependencies under test\n${stringify({ version: '1.0', repos: catalog, coordination: { dependencies } })}`);
  const ws = new Workspace({ cwd: dir, actor: 'tester', env: {}, ...options });
  return { ws, dir, file };
}
