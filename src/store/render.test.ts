import { Document } from 'yaml';
import { describe, expect, it } from 'vitest';
import { plainFlowLength } from './render.js';

describe('plainFlowLength', () => {
  it('is the length the YAML printer gives a flow list of plain words, and undefined for anything it would quote', () => {
    const print = (v: unknown[]) => new Document(v, { version: '1.1' }).toString({ lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false, collectionStyle: 'flow' }).length;
    for (const list of [['a'], ['TODO-ABC1234', 'TODO-XYZ'], ['area-3', 'path/to.file', 'x_y'], ['Null1', 'inf']]) expect(plainFlowLength(list), list.join()).toBe(print(list));
    // Words of the kinds ids and labels are made of: whenever a length is given, it is the printer's.
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const chars = 'abcdefxyzEeNnOoTtYy0123456789._/-';
    for (let i = 0; i < 3000; i++) {
      const word = 'aeEnNoOtTyY'[Math.floor(rnd() * 11)] + Array.from({ length: Math.floor(rnd() * 6) }, () => chars[Math.floor(rnd() * chars.length)]).join('');
      const n = plainFlowLength([word]);
      if (n !== undefined) expect(n, word).toBe(print([word]));
    }
    for (const list of [['yes'], ['e1'], ['No'], ['null'], ['1'], ['-a'], ['a b'], ['a:b'], [''], [1], ['2026-01-01']]) expect(plainFlowLength(list as unknown[]), String(list)).toBeUndefined();
  });
});
