// A write's new text read in pieces (its old text and its splices), without making the whole of it.
//
// The new text is the old one with a few records spliced in, a string made of three or so pieces. Reading any
// character of it first copies all of it into one string (~4 ms at 10,000 todos, most of it in the 4 MB's new
// pages); a write reads only around its splices (the records it re-reads, the groups it hashes), from here.
import type { TextSplice } from './file.js';
import { hasEscapedBytes } from './text-codec.js';

export interface SplicedText {
  length: number;
  /** `text.slice(start, end)` of the new text. */
  slice(start: number, end: number): string;
  /** hasEscapedBytes of the new text. */
  hasEscapedBytes(): boolean;
}

interface Piece {
  /** Where the piece starts in the new text. */
  at: number;
  source: string;
  start: number;
  end: number;
}

const isSurrogate = (c: number) => c >= 0xd800 && c <= 0xdfff;

/** The text `text` becomes with `splices` made (in its offsets, left to right, not overlapping). */
export function splicedText(text: string, splices: readonly TextSplice[]): SplicedText {
  const pieces: Piece[] = [];
  let at = 0;
  let from = 0;
  const add = (source: string, start: number, end: number) => {
    if (end <= start) return;
    pieces.push({ at, source, start, end });
    at += end - start;
  };
  for (const s of splices) {
    add(text, from, s.start);
    add(s.text, 0, s.text.length);
    from = s.end;
  }
  add(text, from, text.length);
  const length = at;
  // The piece that holds offset `p` (the last whose start is at or before it).
  const pieceAt = (p: number) => {
    let lo = 0;
    let hi = pieces.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (pieces[mid]!.at <= p) lo = mid;
      else hi = mid - 1;
    }
    return lo;
  };
  const slice = (start: number, end: number) => {
    const a = Math.max(0, Math.min(start, length));
    const b = Math.max(a, Math.min(end, length));
    if (a === b) return '';
    let out = '';
    for (let i = pieceAt(a); i < pieces.length && pieces[i]!.at < b; i++) {
      const p = pieces[i]!;
      out += p.source.slice(p.start + Math.max(0, a - p.at), p.start + Math.min(p.end - p.start, b - p.at));
    }
    return out;
  };
  return {
    length,
    slice,
    hasEscapedBytes: () => {
      // An escaped byte is a lone surrogate: read piece by piece unless a surrogate stands at a piece's edge
      // (two pieces could then make a pair), where the whole text is read.
      const edge = pieces.some((p) => isSurrogate(p.source.charCodeAt(p.start)) || isSurrogate(p.source.charCodeAt(p.end - 1)));
      if (edge) return hasEscapedBytes(slice(0, length));
      return pieces.some((p) => hasEscapedBytes(p.start === 0 && p.end === p.source.length ? p.source : p.source.slice(p.start, p.end)));
    },
  };
}
