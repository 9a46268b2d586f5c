// The order lists sort ids and times in: String.prototype.localeCompare, without ICU where it cannot matter.

/**
 * `a.localeCompare(b)` (its sign). When the two strings first differ at an ASCII digit in both, or one is the
 * other followed by a digit, the answer is the digits' order in every locale (digits have primary weights
 * 0 < ... < 9, are part of no contraction, and numeric collation is off by default), so it is given without
 * the collator: its first use costs a process ~14 ms (ICU's collation data), and lists sort by ids
 * (TODO-99, TODO-104) and times that differ so.
 */
export function compareText(a: string, b: string): number {
  const n = Math.min(a.length, b.length);
  let i = 0;
  while (i < n && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === n) {
    if (a.length === b.length) return 0;
    // One is the other and then a digit (TODO-10, TODO-104): the digit's primary weight makes it the longer.
    if (isDigit((a.length > n ? a : b).charCodeAt(n))) return a.length < b.length ? -1 : 1;
  } else if (isDigit(a.charCodeAt(i)) && isDigit(b.charCodeAt(i))) return a.charCodeAt(i) < b.charCodeAt(i) ? -1 : 1;
  return a.localeCompare(b);
}

const isDigit = (c: number) => c >= 48 && c <= 57;
