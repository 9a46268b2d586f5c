// Text of ecosystem.yaml as bytes: invalid UTF-8 is kept byte for byte through any read and write.
//
// A file may hold bytes that are not UTF-8 (a Latin-1 "é" pasted in by another tool). Decoding them to
// U+FFFD would make every write replace them, changing lines Concord never touched. Instead each invalid
// byte 0x80-0xFF becomes the lone surrogate U+DC80-U+DCFF (Python's "surrogateescape"), which no valid
// UTF-8 decodes to, and the encoder turns it back into the same byte. Valid files take the fast path.
import type { Diagnostic } from '../core/diagnostics.js';

const strict = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
/** An escaped byte: a low surrogate U+DC80-U+DCFF that is not the second half of a pair. */
const ESCAPE = /(?<![\uD800-\uDBFF])[\uDC80-\uDCFF]/;
const ESCAPES = new RegExp(ESCAPE.source, 'g');

/** Length of the valid UTF-8 sequence at `i`, or 0 when the byte there starts none. */
function sequenceAt(b: Uint8Array, i: number): number {
  const x = b[i]!;
  if (x < 0x80) return 1;
  const n = x >= 0xc2 && x <= 0xdf ? 2 : x >= 0xe0 && x <= 0xef ? 3 : x >= 0xf0 && x <= 0xf4 ? 4 : 0;
  if (n === 0 || i + n > b.length) return 0;
  for (let k = 1; k < n; k++) if ((b[i + k]! & 0xc0) !== 0x80) return 0;
  const y = b[i + 1]!;
  // Overlong forms, UTF-16 surrogates, and code points past U+10FFFF are not UTF-8.
  if ((x === 0xe0 && y < 0xa0) || (x === 0xed && y > 0x9f) || (x === 0xf0 && y < 0x90) || (x === 0xf4 && y > 0x8f)) return 0;
  return n;
}

export function decodeText(bytes: Buffer): string {
  try {
    return strict.decode(bytes);
  } catch {
    // Not UTF-8 throughout: decode the valid runs, escape each byte between them.
  }
  let out = '';
  let run = 0;
  for (let i = 0; i < bytes.length; ) {
    const n = sequenceAt(bytes, i);
    if (n > 0) {
      i += n;
      continue;
    }
    out += bytes.toString('utf8', run, i) + String.fromCharCode(0xdc00 + bytes[i]!);
    run = ++i;
  }
  return out + bytes.toString('utf8', run);
}

export const hasEscapedBytes = (text: string): boolean => ESCAPE.test(text);

/** The bytes of `text`: UTF-8, with escaped bytes written back as they were read. */
export function encodeText(text: string): Buffer {
  if (!hasEscapedBytes(text)) return Buffer.from(text, 'utf8');
  const parts: Buffer[] = [];
  let at = 0;
  for (const m of text.matchAll(ESCAPES)) {
    parts.push(Buffer.from(text.slice(at, m.index), 'utf8'), Buffer.of(m[0].charCodeAt(0) - 0xdc00));
    at = m.index + 1;
  }
  parts.push(Buffer.from(text.slice(at), 'utf8'));
  return Buffer.concat(parts);
}

const MAX_LINES_REPORTED = 20;

/** A warning per line that holds bytes that are not UTF-8 (the first 20 lines, then how many more). */
export function encodingDiagnostics(text: string): Diagnostic[] {
  if (!hasEscapedBytes(text)) return [];
  const lines = new Map<number, { column: number; bytes: string[] }>();
  let line = 1;
  let lineStart = 0;
  let scanned = 0;
  for (const m of text.matchAll(ESCAPES)) {
    for (let nl = text.indexOf('\n', scanned); nl !== -1 && nl < m.index; nl = text.indexOf('\n', nl + 1)) {
      line++;
      lineStart = nl + 1;
    }
    scanned = m.index;
    const entry = lines.get(line) ?? { column: m.index - lineStart + 1, bytes: [] };
    entry.bytes.push(`0x${(m[0].charCodeAt(0) - 0xdc00).toString(16).toUpperCase()}`);
    lines.set(line, entry);
  }
  const out: Diagnostic[] = [...lines].slice(0, MAX_LINES_REPORTED).map(([l, e]) => ({
    severity: 'warning',
    code: 'INVALID_ENCODING',
    message: `byte${e.bytes.length > 1 ? 's' : ''} ${e.bytes.slice(0, 8).join(' ')}${e.bytes.length > 8 ? ' …' : ''} ${e.bytes.length > 1 ? 'are' : 'is'} not UTF-8 (Latin-1 or another encoding?); Concord keeps them as they are, other tools may not`,
    fix: 'save the file as UTF-8 (e.g. iconv -f latin1 -t utf-8), or retype the characters',
    line: l,
    column: e.column,
  }));
  const rest = [...lines.keys()].slice(MAX_LINES_REPORTED);
  if (rest.length) out.push({ ...out[0]!, message: `${rest.length} more lines hold bytes that are not UTF-8, from line ${rest[0]} on`, line: rest[0]!, column: 1 });
  return out;
}
