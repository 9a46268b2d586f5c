import { describe, expect, it } from 'vitest';
import { splicedText } from './spliced-text.js';
import { hasEscapedBytes } from './text-codec.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => (s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32;
}

describe('splicedText', () => {
  it('reads what the spliced text holds, and finds its escaped bytes, without making it', () => {
    const random = rng(9);
    const alphabet = ['a', '\n', 'é', '\ud83d\ude00', '\udce9', '\ud83d', '-'];
    const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
    let escaped = 0;
    for (let i = 0; i < 2_000; i++) {
      const text = word(Math.floor(random() * 30));
      const splices: { start: number; end: number; text: string }[] = [];
      let at = 0;
      for (let k = Math.floor(random() * 4); k > 0 && at <= text.length; k--) {
        const start = at + Math.floor(random() * (text.length - at + 1));
        const end = start + Math.floor(random() * (text.length - start + 1));
        splices.push({ start, end, text: word(Math.floor(random() * 5)) });
        at = end;
      }
      let whole = '';
      let from = 0;
      for (const s of splices) {
        whole += text.slice(from, s.start) + s.text;
        from = s.end;
      }
      whole += text.slice(from);
      const view = splicedText(text, splices);
      expect(view.length).toBe(whole.length);
      for (let a = 0; a <= whole.length; a += 3) for (let b = a; b <= whole.length + 1; b += 2) expect(view.slice(a, b)).toBe(whole.slice(a, b));
      expect(view.hasEscapedBytes(), JSON.stringify([text, splices])).toBe(hasEscapedBytes(whole));
      if (hasEscapedBytes(whole)) escaped++;
    }
    expect(escaped).toBeGreaterThan(200);
  });
});
