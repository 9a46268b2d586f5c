import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { fingerprintOf, fingerprintOfBytes, readEcosystemFile, splicedBytes, stageFile, type TextSplice } from './file.js';
import { decodeText, encodeText } from './text-codec.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

function read(bytes: Buffer) {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-file-'));
  dirs.push(dir);
  fs.writeFileSync(path.join(dir, 'ecosystem.yaml'), bytes);
  return readEcosystemFile(path.join(dir, 'ecosystem.yaml'), { keepBytes: true });
}

const apply = (text: string, splices: readonly TextSplice[]) => {
  let out = text;
  for (const s of [...splices].reverse()) out = out.slice(0, s.start) + s.text + out.slice(s.end);
  return out;
};

/** Splices at line starts, left to right, some at the same offset (insertions), as a write makes them. */
function splicesOf(text: string, seed: number): TextSplice[] {
  const starts = [0];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) starts.push(i + 1);
  const pieces = ['  - id: TODO-9\n    task: new ✓ 😀\n', '', 'x: \udce9\n', '    priority: high\n'];
  const out: TextSplice[] = [];
  let at = 0;
  for (let k = 0; k < 3; k++) {
    const i = starts.findIndex((s) => s >= at && (s * 7 + seed * 13 + k) % 3 === 0);
    if (i === -1) break;
    const end = starts[Math.min(i + ((seed + k) % 2), starts.length - 1)]!;
    out.push({ start: starts[i]!, end, text: pieces[(seed + k) % pieces.length]! });
    at = end;
  }
  return out;
}

describe('splicedBytes', () => {
  it('gives the bytes of the spliced text, for ASCII, UTF-8 and escaped bytes alike', () => {
    const files = [
      Buffer.from('a: 1\nb: 2\nc: 3\nd: 4\n'),
      Buffer.from('a: ✓\nb: 😀 two\nc: é\nd: 4\n'),
      // Latin-1 bytes alone: every character one byte, as in an ASCII file.
      Buffer.from('a: caf\xe9\nb: \xe8\nc: 3\nd: 4\n', 'latin1'),
    ];
    let made = 0;
    for (const bytes of files) {
      const file = read(bytes);
      for (let seed = 0; seed < 12; seed++) {
        const splices = splicesOf(file.text, seed);
        const got = splicedBytes(file, splices);
        expect(got).toBeDefined();
        expect(Buffer.concat(got!).equals(encodeText(apply(file.text, splices)))).toBe(true);
        expect(fingerprintOfBytes(got!)).toBe(fingerprintOf(apply(file.text, splices)));
        made += splices.length;
      }
    }
    // Several splices a file on the whole (the same seeds each time).
    expect(made).toBeGreaterThan(60);
  });

  it('stages pieces as the bytes they make', () => {
    const file = read(Buffer.from('a: 1\nb: 2\n'));
    const pieces = [Buffer.from('a: 1\n'), Buffer.alloc(0), Buffer.from('c: ✓\n'), Buffer.alloc(70_000, 0x61)];
    const temp = stageFile(file.path, pieces);
    expect(fs.readFileSync(temp).equals(Buffer.concat(pieces))).toBe(true);
  });

  it('leaves to the caller what it cannot work out: no bytes kept, escaped bytes beside other non-ASCII, a split surrogate pair', () => {
    const plain = read(Buffer.from('a: 1\nb: 2\n'));
    const { bytes: _bytes, ...unkept } = plain;
    expect(splicedBytes(unkept, [{ start: 0, end: 0, text: 'x\n' }])).toBeUndefined();
    const mixed = read(Buffer.concat([Buffer.from('a: ✓\n'), Buffer.from([0xe9, 0x0a])]));
    expect(mixed.text).toBe(decodeText(mixed.bytes!));
    expect(splicedBytes(mixed, [{ start: 0, end: 0, text: 'x\n' }])).toBeUndefined();
    const pair = read(Buffer.from('a: 😀\n'));
    expect(splicedBytes(pair, [{ start: 4, end: 4, text: 'x' }])).toBeUndefined();
    expect(splicedBytes(plain, [{ start: 0, end: 0, text: '\ud83d' }])).toBeUndefined();
  });
});
