import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeText, encodeText, encodingDiagnostics } from './text-codec.js';

describe('text codec', () => {
  it('gives back the same bytes for any input, valid UTF-8 or not', () => {
    for (let i = 0; i < 500; i++) {
      const bytes = randomBytes(1 + (i % 64));
      expect(encodeText(decodeText(bytes)).equals(bytes)).toBe(true);
    }
  });

  it('decodes valid UTF-8 (with a byte order mark) as it is, and escapes each invalid byte', () => {
    const valid = Buffer.from('\ufeffok ✓ 😀\n');
    expect(decodeText(valid)).toBe('\ufeffok ✓ 😀\n');
    // Latin-1 é, an overlong "/", a UTF-8-encoded surrogate, a truncated sequence.
    const mixed = Buffer.from([0x63, 0xe9, 0x0a, 0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xe2, 0x82]);
    expect(decodeText(mixed)).toBe('c\udce9\n\udcc0\udcaf\udced\udca0\udc80\udce2\udc82');
    expect(encodeText('😀 \udce9')).toEqual(Buffer.from([0xf0, 0x9f, 0x98, 0x80, 0x20, 0xe9]));
  });

  it('reports each line holding invalid bytes, with its column', () => {
    const text = decodeText(Buffer.from('fine\ncaf\xe9 \xe8\nfine\n\xff\n', 'latin1'));
    expect(encodingDiagnostics(text).map((d) => [d.line, d.column, d.message.split(' not')[0]])).toEqual([
      [2, 4, 'bytes 0xE9 0xE8 are'],
      [4, 1, 'byte 0xFF is'],
    ]);
    expect(encodingDiagnostics('all fine ✓')).toEqual([]);
  });
});
