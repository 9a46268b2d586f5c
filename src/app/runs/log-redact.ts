// A slice of a run's log with its secrets redacted (obs/redact.ts), the same however the log is cut into slices:
// `run logs`, GET /api/runs/{id}/log, coord_get_run and the SSE log stream all read through here.
//
// A slice [offset, offset+length) is read with `reach` bytes on each side, so every secret that starts in it is
// seen whole. A secret that starts in the slice and runs past its end is redacted here and the slice ends after
// it (next_offset); one that started before the slice is left out (its slice said [redacted]). A live log may
// end in the middle of a secret that is still being written: its last line is held back until it is complete
// (or `reach` bytes long), so no prefix of a secret ever leaves before the rest of it is known.
import fs from 'node:fs';
import { REDACTED, type Redactor } from '../../obs/redact.js';

export interface RedactedSlice {
  text: string;
  next_offset: number;
}

/** `r` finds secrets in bytes read as latin1 (app/secrets.ts, byteRedactor): one character per byte, indices are offsets. */
export function readRedactedSlice(file: string, size: number, offset: number, length: number, live: boolean, r: Redactor): RedactedSlice {
  if (length <= 0) return { text: '', next_offset: offset };
  const [from, to] = sliceWindow(size, offset, length, r);
  const window = Buffer.alloc(to - from);
  const fd = fs.openSync(file, 'r');
  try {
    fs.readSync(fd, window, 0, window.length, from);
  } finally {
    fs.closeSync(fd);
  }
  return redactWindow(window, from, size, offset, length, live, r);
}

/** The bytes [from, to) to read for the slice [offset, offset+length): `reach` more on each side. */
export function sliceWindow(size: number, offset: number, length: number, r: Redactor): [number, number] {
  return [Math.max(0, offset - r.reach), Math.min(size, offset + length + r.reach)];
}

/** The slice cut from its window (the bytes sliceWindow named, wherever the log is kept: a file, PostgreSQL). */
export function redactWindow(window: Buffer, from: number, size: number, offset: number, length: number, live: boolean, r: Redactor): RedactedSlice {
  if (length <= 0) return { text: '', next_offset: offset };
  const bytes = window.toString('latin1');
  const start = offset - from;
  let end = Math.min(start + length, bytes.length);
  // A live log's unfinished last line may be the start of a secret: wait for the rest.
  if (live && from + end >= size) {
    const nl = bytes.lastIndexOf('\n', end - 1);
    end = Math.max(start, nl >= start ? nl + 1 : end - r.reach);
  }
  const spans = r.spans(bytes).map(([s, e]) => [s, e] as const);
  const parts: Buffer[] = [];
  let at = start;
  for (const [s, e] of spans) {
    if (e <= at) continue;
    if (s >= end) break;
    if (s < at) {
      // Started before this slice: its slice redacted it.
      at = e;
      end = Math.max(end, at);
      continue;
    }
    parts.push(window.subarray(at, s), Buffer.from(REDACTED));
    at = e;
    end = Math.max(end, at);
  }
  if (end > at) parts.push(window.subarray(at, end));
  return { text: Buffer.concat(parts).toString('utf8'), next_offset: from + end };
}
