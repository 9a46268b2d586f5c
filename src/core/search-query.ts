// Turning what a person types into an FTS5 query: words and "quoted phrases", `word*` for a prefix.
// Everything is quoted, so FTS5 operators typed by accident (AND, NEAR, -, :) are searched as text.

export type MatchMode = 'all' | 'any';

// ASCII letters and digits are the only letters and numbers below U+0080: the Unicode classes (a regex costly to
// build in a fresh process) only for text with something beyond printable ASCII.
const hasWordChar = (s: string) => /[A-Za-z0-9]/.test(s) || (/[^ -~\t\n\r]/.test(s) && /[\p{L}\p{N}]/u.test(s));
const quote = (s: string) => `"${s.replace(/"/g, '""')}"`;

/** The terms of a query: phrases in double quotes, else whitespace-separated words. */
export function parseSearchTerms(text: string): { text: string; prefix: boolean }[] {
  const terms: { text: string; prefix: boolean }[] = [];
  for (const m of text.matchAll(/"([^"]*)"|(\S+)/g)) {
    const raw = (m[1] ?? m[2] ?? '').trim();
    const prefix = m[2] !== undefined && raw.endsWith('*') && raw.length > 1;
    const word = prefix ? raw.slice(0, -1) : raw;
    if (hasWordChar(word)) terms.push({ text: word, prefix });
  }
  return terms;
}

/** The FTS5 MATCH expression, or undefined when the text holds no searchable word. */
export function buildMatchExpression(text: string, mode: MatchMode): string | undefined {
  const terms = parseSearchTerms(text);
  if (!terms.length) return undefined;
  return terms.map((t) => quote(t.text) + (t.prefix ? '*' : '')).join(mode === 'all' ? ' ' : ' OR ');
}
