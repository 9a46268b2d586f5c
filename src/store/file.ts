// Reading ecosystem.yaml with its fingerprint, and replacing it atomically (temp file, fsync, rename).
import { createHash, hash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../core/errors.js';
import { decodeText, encodeText, hasEscapedBytes } from './text-codec.js';

export interface FileSnapshot {
  /** Absolute real path (symlinks resolved, so a write replaces the target, not the link). */
  path: string;
  text: string;
  /** Content hash: the index is keyed by it. */
  fingerprint: string;
  mode: number;
  /**
   * The bytes read, when the reader asked to keep them (a write: its compare-and-swap compares the file with
   * them, and its new bytes are these with its splices put in, instead of encoding the whole text twice).
   */
  bytes?: Buffer;
}

/** Hash of the bytes of `text` (bytes that are not UTF-8 count as themselves: see text-codec.ts). */
export function fingerprintOf(text: string): string {
  // The one-shot hash: a re-index hashes every record's text, and createHash costs twice as much per call.
  return hash('sha1', hasEscapedBytes(text) ? encodeText(text) : text, 'base64url');
}

/** fingerprintOf the text these bytes decode to (see text-codec.ts: the text gives back exactly these bytes), or of these pieces one after the other. */
export function fingerprintOfBytes(bytes: Buffer | readonly Buffer[]): string {
  if (Buffer.isBuffer(bytes)) return hash('sha1', bytes, 'base64url');
  const h = createHash('sha1');
  for (const b of bytes) h.update(b);
  return h.digest('base64url');
}

export function readEcosystemFile(file: string, options: { keepBytes?: boolean } = {}): FileSnapshot {
  const { real, bytes } = readBytes(file);
  try {
    // Invalid UTF-8 is kept as escapes, so a write gives back the same bytes (text-codec.ts).
    const text = decodeText(bytes);
    const mode = fs.statSync(real).mode & 0o777;
    // The text decodes its bytes without loss (text-codec.ts): their hash is fingerprintOf(text), for less.
    // The bytes are kept only when asked (the file's size again; an index of a large file holds its text long).
    return { path: real, text, fingerprint: fingerprintOfBytes(bytes), mode, ...(options.keepBytes ? { bytes } : {}) };
  } catch (e) {
    throw new ConcordError('IO_ERROR', `cannot read ${real}: ${(e as Error).message}`, { cause: e });
  }
}

/** The fingerprint of the file as readEcosystemFile would give it (same errors), without decoding its text. */
export function fingerprintOfFile(file: string): string {
  return fingerprintOfBytes(readBytes(file).bytes);
}

function readBytes(file: string): { real: string; bytes: Buffer } {
  let real: string;
  try {
    real = fs.realpathSync(file);
  } catch (e) {
    throw new ConcordError('ECOSYSTEM_NOT_FOUND', `cannot read ${file}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}`, {
      hint: 'create one with `concord init`, or point to it with --file or CONCORD_ECOSYSTEM',
    });
  }
  try {
    return { real, bytes: fs.readFileSync(real) };
  } catch (e) {
    throw new ConcordError('IO_ERROR', `cannot read ${real}: ${(e as Error).message}`, { cause: e });
  }
}

const TEMP_MARK = '.concord-tmp-';

/** Writes `text` (or these bytes, or pieces of them) to a temp file beside `file` and fsyncs it; returns its path (see replaceIfUnchanged). */
export function stageFile(file: string, text: string | Buffer | readonly Buffer[], mode = 0o644): string {
  const temp = path.join(path.dirname(file), `.${path.basename(file)}${TEMP_MARK}${process.pid}-${Date.now()}-${Math.random().toString(36).slice(2, 8)}`);
  let fd: number | undefined;
  try {
    fd = fs.openSync(temp, 'wx', mode);
    if (Array.isArray(text)) writeAll(fd, text);
    else fs.writeFileSync(fd, typeof text === 'string' ? encodeText(text) : (text as Buffer));
    fs.fsyncSync(fd);
    fs.closeSync(fd);
    return temp;
  } catch (e) {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw new ConcordError('IO_ERROR', `could not write ${file}: ${(e as Error).message}; the file is unchanged`, { cause: e });
  }
}

/** Writes the pieces one after the other at the start of `fd` (writev writes fewer bytes than asked at times). */
function writeAll(fd: number, pieces: readonly Buffer[]): void {
  let rest = pieces.filter((p) => p.length > 0);
  let at = 0;
  while (rest.length) {
    let n = fs.writevSync(fd, rest, at);
    at += n;
    while (rest.length && n >= rest[0]!.length) n -= rest.shift()!.length;
    if (n > 0) rest = [rest[0]!.subarray(n), ...rest.slice(1)];
  }
}

/**
 * Replaces `file` with `text` so that a crash at any moment leaves either the old or the new content:
 * write a temp file beside it, fsync it, rename it over the original, fsync the directory.
 */
export function writeFileAtomic(file: string, text: string, mode = 0o644): void {
  const temp = stageFile(file, text, mode);
  try {
    fs.renameSync(temp, file);
  } catch (e) {
    fs.rmSync(temp, { force: true });
    throw new ConcordError('IO_ERROR', `could not write ${file}: ${(e as Error).message}; the file is unchanged`, { cause: e });
  }
  syncDir(path.dirname(file));
}

function syncDir(dir: string): void {
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

function readFd(fd: number): Buffer {
  const size = fs.fstatSync(fd).size;
  const chunks: Buffer[] = [];
  let total = 0;
  for (;;) {
    const buf = Buffer.allocUnsafe(Math.max(size - total, 0) + 65536);
    const n = fs.readSync(fd, buf, 0, buf.length, total);
    if (n === 0) break;
    chunks.push(buf.subarray(0, n));
    total += n;
  }
  return Buffer.concat(chunks, total);
}

/** Characters of the text encoded and compared at a time (at most 3 bytes each). */
const COMPARE_CHARS = 64 * 1024;
let compareBuffers: [Buffer, Buffer] | undefined;

/**
 * Whether the file open at `fd` holds exactly the bytes of `text` (see text-codec.ts: the text gives back
 * the bytes it was decoded from), encoded and read a piece at a time into the same two buffers: for a text
 * read without its bytes (a new buffer for each piece cost as much as the whole: malloc kept them).
 */
function holdsText(fd: number, text: string): boolean {
  const [expected, actual] = (compareBuffers ??= [Buffer.allocUnsafe(3 * COMPARE_CHARS), Buffer.allocUnsafe(3 * COMPARE_CHARS)]);
  const escaped = hasEscapedBytes(text);
  let at = 0;
  for (let i = 0; i < text.length; ) {
    let end = Math.min(i + COMPARE_CHARS, text.length);
    // A surrogate pair is encoded whole (a half alone is an escaped byte, or U+FFFD).
    if (end < text.length && isHighSurrogate(text.charCodeAt(end - 1))) end--;
    const piece = text.slice(i, end);
    const n = escaped ? encodeText(piece).copy(expected) : expected.write(piece, 'utf8');
    if (readAt(fd, actual, n, at) !== n || actual.compare(expected, 0, n, 0, n) !== 0) return false;
    at += n;
    i = end;
  }
  return fs.readSync(fd, actual, 0, 1, at) === 0;
}

/** Whether the file open at `fd` holds exactly `bytes` (read a piece at a time into one buffer). */
function holdsBytes(fd: number, bytes: Buffer): boolean {
  const actual = (compareBuffers ??= [Buffer.allocUnsafe(3 * COMPARE_CHARS), Buffer.allocUnsafe(3 * COMPARE_CHARS)])[1];
  for (let at = 0; at < bytes.length; ) {
    const n = Math.min(actual.length, bytes.length - at);
    if (readAt(fd, actual, n, at) !== n || actual.compare(bytes, at, at + n, 0, n) !== 0) return false;
    at += n;
  }
  return fs.readSync(fd, actual, 0, 1, bytes.length) === 0;
}

/** Whether the file open at `fd` holds what `expected` was read as. */
const holds = (fd: number, expected: FileSnapshot) => (expected.bytes ? holdsBytes(fd, expected.bytes) : holdsText(fd, expected.text));

const isHighSurrogate = (c: number) => c >= 0xd800 && c <= 0xdbff;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Characters [start, end) of a text replaced by `text`. */
export interface TextSplice {
  start: number;
  end: number;
  text: string;
}

/**
 * The bytes of the text `file` was read as with `splices` made, in pieces (in its offsets, left to right, not overlapping):
 * the bytes read with each splice's own bytes put in, which is what encoding the whole new text gives (the
 * codec encodes character by character, and no splice splits or joins a surrogate pair), for the cost of
 * copying them. Undefined when the bytes were not kept, or when the text has escaped bytes and other non-ASCII
 * characters (its offsets are then not worked out here: the caller encodes the whole text).
 */
export function splicedBytes(file: FileSnapshot, splices: readonly TextSplice[]): Buffer[] | undefined {
  const { bytes, text } = file;
  if (!bytes) return undefined;
  // Every character one byte (ASCII, or escaped bytes): offsets are the same in both. Else the UTF-8 length of
  // the text between splices, which holds for text without escaped bytes.
  const same = bytes.length === text.length;
  if (!same && hasEscapedBytes(text)) return undefined;
  const parts: Buffer[] = [];
  let at = 0;
  let byte = 0;
  for (const s of splices) {
    if (s.start < at || s.end < s.start || s.end > text.length) return undefined;
    const joins = (i: number) => i > 0 && i < text.length && isHighSurrogate(text.charCodeAt(i - 1)) && isLowSurrogate(text.charCodeAt(i));
    const edge = s.text.length > 0 && (isLowSurrogate(s.text.charCodeAt(0)) || isHighSurrogate(s.text.charCodeAt(s.text.length - 1)));
    if (joins(s.start) || joins(s.end) || edge) return undefined;
    const start = same ? s.start : byte + Buffer.byteLength(text.slice(at, s.start), 'utf8');
    const end = same ? s.end : start + Buffer.byteLength(text.slice(s.start, s.end), 'utf8');
    parts.push(bytes.subarray(byte, start), encodeText(s.text));
    at = s.end;
    byte = end;
  }
  parts.push(bytes.subarray(byte));
  // Pieces, not one buffer: copying 4 MB into a new one cost as much as encoding the text (its pages are new).
  return parts;
}

/** Reads up to `length` bytes at `position` into `buf` (fewer only at the end of the file). */
function readAt(fd: number, buf: Buffer, length: number, position: number): number {
  let n = 0;
  while (n < length) {
    const got = fs.readSync(fd, buf, n, length - n, position + n);
    if (got === 0) break;
    n += got;
  }
  return n;
}

export function concurrentEdit(file: string, detail: string): ConcordError {
  return new ConcordError('CONCURRENT_EDIT', `${file} changed while this write was being made (${detail}); nothing was written`, {
    hint: 'retry the command: it is planned again from the file as it is now',
  });
}

/** What replaceIfUnchanged found when its rename displaced an edit made through a handle opened before it. */
export interface Displaced {
  /** The edited content our rename took off the path. */
  text: string;
}

/**
 * The compare-and-swap of a write (call it holding the file lock): renames the staged `temp` over
 * `expected.path` only if the file still holds exactly `expected.text` and is still the same file.
 * Throws CONCURRENT_EDIT otherwise (the temp file is removed). An edit that reached the old file between
 * the check and the rename (through a handle opened before) is returned: the caller puts it back.
 */
export function replaceIfUnchanged(expected: FileSnapshot, temp: string): Displaced | undefined {
  let fd: number | undefined;
  try {
    fd = fs.openSync(expected.path, 'r');
    if (!holds(fd, expected)) throw concurrentEdit(expected.path, 'its content differs from what was read');
    const held = fs.fstatSync(fd);
    const now = fs.statSync(expected.path);
    if (held.ino !== now.ino || held.dev !== now.dev) throw concurrentEdit(expected.path, 'it was replaced');
    fs.renameSync(temp, expected.path);
    syncDir(path.dirname(expected.path));
    return holds(fd, expected) ? undefined : { text: decodeText(readFd(fd)) };
  } catch (e) {
    if (e instanceof ConcordError) throw e;
    throw new ConcordError('IO_ERROR', `could not write ${expected.path}: ${(e as Error).message}; the file is unchanged`, { cause: e });
  } finally {
    if (fd !== undefined) fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Our rename took an edit off the path (written through a handle opened before it). Puts the edited content
 * back if the file is still ours, and returns true: the write is then planned again on top of it. A second
 * edit within those milliseconds cannot be merged: that version is kept beside the file (byte for byte, like
 * every write: see text-codec.ts), and `warn` says where.
 */
export function restoreDisplaced(file: FileSnapshot, ours: string, displaced: Displaced, warn: (message: string) => void): boolean {
  let kept: string;
  let restored: boolean;
  try {
    const again = replaceIfUnchanged({ path: file.path, text: ours, fingerprint: file.fingerprint, mode: file.mode }, stageFile(file.path, displaced.text, file.mode));
    if (!again) return true;
    // Restored, but an edit reached our version meanwhile.
    [kept, restored] = [again.text, true];
  } catch (e) {
    if (!(e instanceof ConcordError && e.code === 'CONCURRENT_EDIT')) throw e;
    // Not restored: the file is ours plus a newer edit, and stays so.
    [kept, restored] = [displaced.text, false];
  }
  const copy = `${file.path}.concord-conflict-${Date.now()}`;
  fs.writeFileSync(copy, encodeText(kept), { mode: file.mode });
  warn(`${file.path} was edited twice by another program during one Concord write; one version is kept in ${copy}: compare and merge it by hand`);
  return restored;
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
