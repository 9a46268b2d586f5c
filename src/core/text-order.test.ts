import { describe, expect, it } from 'vitest';
import { compareText } from './text-order.js';

describe('compareText', () => {
  // Pairs near the fast path: shared prefixes, digits against digits, letters, case, punctuation, accents.
  let seed = 7;
  const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
  const alphabet = ['0', '1', '5', '9', 'a', 'A', 'z', 'Z', 'y', 'ch', 'aa', '-', ':', ' ', '.', 'é', 'T', '\u0301', 'ก', 'เ'];
  const word = (n: number) => Array.from({ length: n }, () => alphabet[Math.floor(random() * alphabet.length)]).join('');
  const pairs: [string, string][] = [['TODO-1004', 'TODO-1103'], ['TODO-99', 'TODO-100'], ['TODO-5', 'TODO-5'], ['', 'TODO-1'], ['2026-06-06T10:00:00Z', '2026-06-06T09:59:59Z'], ['TODO-1', 'TODO-1a'], ['todo-1', 'TODO-2']];
  for (let k = 0; k < 3000; k++) {
    const prefix = word(Math.floor(random() * 4));
    pairs.push([prefix + word(Math.floor(random() * 3)), prefix + word(Math.floor(random() * 3))]);
  }

  it('has the sign of localeCompare', () => {
    for (const [a, b] of pairs) expect([a, b, Math.sign(compareText(a, b))]).toEqual([a, b, Math.sign(a.localeCompare(b))]);
  });

  it('gives what every locale would where it answers without the collator', () => {
    let checked = 0;
    const collators = ['en', 'da', 'lt', 'sv', 'cs', 'th', 'ja', 'de-u-co-phonebk', 'tr'].map((l) => new Intl.Collator(l));
    for (const [a, b] of pairs) {
      let i = 0;
      while (i < Math.min(a.length, b.length) && a[i] === b[i]) i++;
      const fast = i < Math.min(a.length, b.length) ? /\d/.test(a[i]!) && /\d/.test(b[i]!) : /\d/.test(a[i] ?? b[i] ?? '');
      if (!fast) continue;
      checked++;
      for (const c of collators) expect([a, b, Math.sign(c.compare(a, b))]).toEqual([a, b, Math.sign(compareText(a, b))]);
    }
    expect(checked).toBeGreaterThan(300);
  });
});
