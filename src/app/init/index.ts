// `concord init`: scan a folder for git repos and write a starter ecosystem.yaml, or merge newly found repos into
// an existing one (never dropping coordination data); keep .concord/ out of git.
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../../core/errors.js';
import { writeFileAtomic } from '../../store/file.js';
import { loadSnapshot } from '../snapshot.js';
import { mutate } from '../write.js';
import { ECOSYSTEM_FILE, STATE_DIR, type Workspace } from '../workspace.js';
import { starterEcosystem } from './render.js';
import { type FoundRepo, type ScanProgress, scanForRepos } from './scan.js';

export interface InitOptions {
  /** Where ecosystem.yaml is written. */
  dir: string;
  /** Folder searched for repos (default: `dir`). */
  scan?: string;
  /** How many folders down to look (default 2). */
  depth?: number;
  /** Start over: write a fresh starter file in place of an existing one, keeping the old one as a backup. */
  replace?: boolean;
  /** The workspace of an existing ecosystem.yaml, to merge new repos into it through the write pipeline. */
  open?: (file: string) => Promise<Workspace>;
  onProgress?: (p: ScanProgress) => void;
}

export interface InitResult {
  file: string;
  /** `created`: a new file; `merged`: new repos added to the existing file; `replaced`: a fresh file, the old one in `backup`. */
  mode: 'created' | 'merged' | 'replaced';
  /** The repos written: all found (created, replaced) or only the new ones (merged). */
  repos: (Omit<FoundRepo, 'dir'> & { path: string })[];
  /** Found repos already in the catalog (merged). */
  known?: string[];
  /** Where the replaced file was kept. */
  backup?: string;
  gitignore: { file: string; added: boolean };
}

/** Adds `.concord/` to the .gitignore beside the ecosystem (created if missing) unless it is already there. */
function ignoreStateDir(dir: string): { file: string; added: boolean } {
  const file = path.join(dir, '.gitignore');
  const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
  const entries = text.split(/\r?\n/).map((l) => l.trim());
  if (entries.some((l) => l === `${STATE_DIR}/` || l === STATE_DIR || l === `/${STATE_DIR}/` || l === `/${STATE_DIR}`)) return { file, added: false };
  const sep = text === '' || text.endsWith('\n') ? '' : '\n';
  fs.writeFileSync(file, `${text}${sep}# Concord's runtime state (index, history, runs): not for git\n${STATE_DIR}/\n`);
  return { file, added: true };
}

export async function initEcosystem(options: InitOptions): Promise<InitResult> {
  const dir = path.resolve(options.dir);
  const root = path.resolve(options.scan ?? dir);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new ConcordError('IO_ERROR', `cannot scan ${root}: it is not a folder`, { hint: 'give an existing folder with --scan' });
  }
  const file = path.join(dir, ECOSYSTEM_FILE);
  const exists = fs.existsSync(file);
  const found = scanForRepos(root, options.depth ?? 2, options.onProgress);
  const repos = found.map(({ dir: repoDir, ...r }) => ({ ...r, path: relativePath(dir, repoDir) }));
  if (exists && !options.replace) {
    if (!options.open) throw new ConcordError('INVALID_INPUT', `${file} already exists; nothing was written`, { hint: 'run `concord init` from the CLI to merge new repos into it' });
    return { ...(await mergeRepos(await options.open(file), dir, repos)), file, gitignore: ignoreStateDir(dir) };
  }
  fs.mkdirSync(dir, { recursive: true });
  let backup: string | undefined;
  if (exists) {
    // Nothing is lost: the old file stays beside the new one, and the answer says where.
    backup = `${file}.${new Date().toISOString().replace(/[:.]/g, '-')}.bak`;
    fs.copyFileSync(file, backup, fs.constants.COPYFILE_EXCL);
  }
  writeFileAtomic(file, starterEcosystem(repos, path.basename(dir)));
  return { file, mode: exists ? 'replaced' : 'created', repos, ...(backup ? { backup } : {}), gitignore: ignoreStateDir(dir) };
}

/**
 * Adds the found repos the catalog does not have yet (by folder, then by name) as new records, through the write
 * pipeline: the lock, comments and every other record stay as they are. A name already taken by another folder
 * gets the folder's parent as a prefix (`tools-api`).
 */
async function mergeRepos(ws: Workspace, dir: string, found: InitResult['repos']): Promise<Pick<InitResult, 'mode' | 'repos' | 'known'>> {
  const { graph } = await loadSnapshot(ws);
  const at = (p: string | undefined) => (p ? path.resolve(dir, p) : undefined);
  const byFolder = new Map([...graph.repos.values()].flatMap((r) => (at(r.path) ? [[at(r.path)!, r.name] as const] : [])));
  const names = new Set(graph.repos.keys());
  const known: string[] = [];
  const added: InitResult['repos'] = [];
  for (const r of found) {
    const same = byFolder.get(path.resolve(dir, r.path)) ?? (names.has(r.name) && !graph.repos.get(r.name)?.path ? r.name : undefined);
    if (same) {
      known.push(same);
      continue;
    }
    let name = r.name;
    if (names.has(name)) name = `${path.basename(path.dirname(path.resolve(dir, r.path)))}-${r.name}`;
    for (let n = 2; names.has(name); n++) name = `${r.name}-${n}`;
    names.add(name);
    added.push({ ...r, name });
  }
  if (added.length) {
    await mutate(ws, () => ({
      target: { section: 'repos', id: added[0]!.name },
      changes: added.map((r) => ({ op: 'create' as const, section: 'repos' as const, record: { name: r.name, path: r.path, ...(r.url ? { url: r.url } : {}), ...(r.package ? { package: r.package } : {}) } })),
    }));
  }
  return { mode: 'merged', repos: added, known };
}

/** `./api`, `../other/api`: paths relative to the ecosystem file, which is how the catalog reads them. */
function relativePath(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
