// Reading ecosystem.yaml with its fingerprint, and replacing it atomically (temp file, fsync, rename).
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../core/errors.js';

export interface FileSnapshot {
  /** Absolute real path (symlinks resolved, so a write replaces the target, not the link). */
  path: string;
  text: string;
  /** Content hash: the index is keyed by it. */
  fingerprint: string;
  mode: number;
}

export function fingerprintOf(text: string): string {
  return createHash('sha1').update(text).digest('base64url');
}

export function readEcosystemFile(file: string): FileSnapshot {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    throw new ConcordError('ECOSYSTEM_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, {
      hint: 'create one with `concord init`, or point to it with --file or CONCORD_ECOSYSTEM',
    });
  }
  try {
    const text = fs.readFileSync(real, 'utf8');
    const mode = fs.statSync(real).mode & 0o777;
    return { path: real, text, fingerprint: fingerprintOf(text), mode };
  } catch (e) {
    throw new ConcordError('IO_ERROR', `cannot read ${real}: ${(e as Error).message}`, { cause: e });
  }
}

const TEMP_MARK = '.concord-tmp-';

/**
 * Replaces `file` with `text` so that a crash at any moment leaves either the old or the new content:
 * write a temp file beside it, fsync it, rename it over the original, fsync the directory.
 */
export function writeFileAtomic(file: string, text: string, mode = 0o644): void {
  const dir = path.dirname(file);
  const temp = path.join(dir, `.${path.basename(file)}${TEMP_MARK}${process.pid}-${Date.now()}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode);
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    fd = undefined;
    fs.renameSync(temp, file);
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw new ConcordError('IO_ERROR', `could not write ${file}: ${(e as Error).message}; the file is unchanged`, { cause: e });
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // Some filesystems cannot fsync a directory; the rename itself is still atomic.
  }
}

/** Removes temp files left by writers that were killed before their rename. Call while holding the lock. */
export function removeStaleTempFiles(file: string): number {
  const dir = path.dirname(file);
  const prefix = `.${path.basename(file)}${TEMP_MARK}`;
  let removed = 0;
  for (const name of fs.readdirSync(dir)) {
    if (!name.startsWith(prefix)) continue;
    fs.rmSync(path.join(dir, name), { force: true });
    removed++;
  }
  return removed;
}
