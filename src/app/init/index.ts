// `concord init`: scan a folder for git repos and write a starter ecosystem.yaml; keep .concord/ out of git.
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../../core/errors.js';
import { writeFileAtomic } from '../../store/file.js';
import { ECOSYSTEM_FILE, STATE_DIR } from '../workspace.js';
import { starterEcosystem } from './render.js';
import { type FoundRepo, type ScanProgress, scanForRepos } from './scan.js';

export interface InitOptions {
  /** Where ecosystem.yaml is written. */
  dir: string;
  /** Folder searched for repos (default: `dir`). */
  scan?: string;
  /** How many folders down to look (default 2). */
  depth?: number;
  /** Overwrite an existing ecosystem.yaml. */
  force?: boolean;
  onProgress?: (p: ScanProgress) => void;
}

export interface InitResult {
  file: string;
  repos: (Omit<FoundRepo, 'dir'> & { path: string })[];
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
  if (fs.existsSync(file) && !options.force) {
    throw new ConcordError('INVALID_INPUT', `${file} already exists; nothing was written`, { hint: 'edit it, or pass --force to replace it with a fresh scan' });
  }
  const found = scanForRepos(root, options.depth ?? 2, options.onProgress);
  const repos = found.map(({ dir: repoDir, ...r }) => ({ ...r, path: relativePath(dir, repoDir) }));
  fs.mkdirSync(dir, { recursive: true });
  writeFileAtomic(file, starterEcosystem(repos, path.basename(dir)));
  return { file, repos, gitignore: ignoreStateDir(dir) };
}

/** `./api`, `../other/api`: paths relative to the ecosystem file, which is how the catalog reads them. */
function relativePath(from: string, to: string): string {
  const rel = path.relative(from, to).split(path.sep).join('/');
  return rel.startsWith('.') ? rel : `./${rel}`;
}
