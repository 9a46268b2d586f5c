// Which branch or commit ecosystem.yaml is checked out at, and its text as committed there.
//
// A `git checkout` changes the file without anyone changing the work: the index must not report the records
// of the other branch as created and deleted. HEAD is read from git's own files (no process on every read);
// the committed text is asked of git only when HEAD moved between two indexings, which is rare.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { decodeText } from './text-codec.js';

/** The git directory of the repository holding `dir` (a worktree's `.git` file names it), if any. */
function gitDirOf(dir: string): string | undefined {
  for (let d = dir; ; d = path.dirname(d)) {
    const dotGit = path.join(d, '.git');
    try {
      const stat = fs.statSync(dotGit);
      if (stat.isDirectory()) return dotGit;
      const m = /^gitdir:\s*(.+)$/m.exec(fs.readFileSync(dotGit, 'utf8'));
      return m ? path.resolve(d, m[1]!.trim()) : undefined;
    } catch {
      // No .git here: look further up.
    }
    if (path.dirname(d) === d) return undefined;
  }
}

/** `refs/heads/main`, or a commit id when HEAD is detached; undefined outside a git repository. */
export function checkoutOf(file: string): string | undefined {
  const gitDir = gitDirOf(path.dirname(file));
  if (!gitDir) return undefined;
  try {
    const head = fs.readFileSync(path.join(gitDir, 'HEAD'), 'utf8').trim();
    return head.startsWith('ref:') ? head.slice(4).trim() : head;
  } catch {
    return undefined;
  }
}

const MAX_COMMITTED_BYTES = 256 * 1024 * 1024;

/** The file's text as committed at HEAD, or undefined (not tracked, no commit yet, no git). */
export function committedText(file: string): string | undefined {
  try {
    const bytes = execFileSync('git', ['show', `HEAD:./${path.basename(file)}`], { cwd: path.dirname(file), stdio: ['ignore', 'pipe', 'ignore'], timeout: 10_000, maxBuffer: MAX_COMMITTED_BYTES });
    return decodeText(bytes);
  } catch {
    return undefined;
  }
}
