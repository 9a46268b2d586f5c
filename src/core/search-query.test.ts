import { describe, expect, it } from 'vitest';
import { buildMatchExpression, parseSearchTerms } from './search-query.js';

describe('search queries', () => {
  it('quotes words and phrases, keeps a trailing * as a prefix', () => {
    expect(buildMatchExpression('flaky login', 'all')).toBe('"flaky" "login"');
    expect(buildMatchExpression('flaky login', 'any')).toBe('"flaky" OR "login"');
    expect(buildMatchExpression('"rate limit" dash*', 'all')).toBe('"rate limit" "dash"*');
  });

  it('treats FTS5 operators and punctuation typed by accident as text', () => {
    expect(buildMatchExpression('NEAR(a AND -b) col:x "un"closed', 'all')).toBe('"NEAR(a" "AND" "-b)" "col:x" "un" "closed"');
    expect(parseSearchTerms('- * ::: ""')).toEqual([]);
    expect(buildMatchExpression('  ', 'all')).toBeUndefined();
  });

  it('keeps words of letters and digits outside ASCII, and drops ones of punctuation alone', () => {
    expect(parseSearchTerms('ünïcode 日本 ٣ — ¿? x').map((t) => t.text)).toEqual(['ünïcode', '日本', '٣', 'x']);
    expect(parseSearchTerms('«» ¡ … -- 9')).toEqual([{ text: '9', prefix: false }]);
  });
});
