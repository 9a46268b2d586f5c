// Whether ecosystem.yaml is unchanged since the index verified it, from its stat alone (no read, no hash).
import fs from 'node:fs';
import type { WorkspaceCore } from './workspace-core.js';

/** The file's identity and times, and when they were taken. */
export interface Stat {
  key: string;
  /** ms since the epoch, before the stat. */
  at: number;
  /** The later of mtime and ctime, in ms. */
  changed: number;
  /** Whether the file system keeps sub-second times (else a change within the same second looks the same). */
  fine: boolean;
}

export function statOf(file: string): Stat | undefined {
  const at = Date.now();
  try {
    const s = fs.statSync(file, { bigint: true });
    const changed = s.mtimeNs > s.ctimeNs ? s.mtimeNs : s.ctimeNs;
    return { key: `${s.size}:${s.mtimeNs}:${s.ctimeNs}:${s.ino}`, at, changed: Number(changed / 1_000_000n), fine: s.mtimeNs % 1_000_000_000n !== 0n || s.ctimeNs % 1_000_000_000n !== 0n };
  } catch {
    return undefined;
  }
}

/**
 * Whether the file is the one stamped `stamp` (its stat key and the time it was taken). Same size, times
 * and inode mean the same content, unless the file changed within the timestamp granularity after the stamp
 * was taken (the "racy" case git knows): so a stamp counts only once taken well after the file's last change
 * (file systems stamp times with a coarse clock: a few ms, or whole seconds on some).
 */
export function unchanged(stamp: string, now: Stat): boolean {
  const at = stamp.lastIndexOf('@');
  if (at === -1 || stamp.slice(0, at) !== now.key) return false;
  return Number(stamp.slice(at + 1)) - now.changed > (now.fine ? RACY_FINE_MS : RACY_COARSE_MS);
}

const RACY_FINE_MS = 100;
const RACY_COARSE_MS = 2_500;

/** The stamp of a stat: its key and when it was taken. */
export const stampOf = (stat: Stat): string => `${stat.key}@${stat.at}`;

/** Stores the stamp of a file just verified by its hash (best effort: a read-only state database keeps none). */
export function rememberStamp(ws: WorkspaceCore, fingerprint: string, stamp: string): void {
  try {
    ws.index.recordStat(fingerprint, stamp);
  } catch {
    // Only a cache: the next read hashes the file again.
  }
}
