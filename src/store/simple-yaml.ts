// A fast reader for records written in the plain form Concord and people write, giving exactly what the
// `yaml` library gives for them; anything else is left to the library (undefined).
//
// Parsing a 10,000-todo file with the library takes seconds, most of it building a document model that a
// first index throws away. A record made of `key: value` lines (plain, quoted or flow-list values, lists
// of scalars, `|` blocks, comments) is read here in one pass; a record with anything else (nested mappings,
// anchors, tags, multi-line scalars, escapes, odd indentation) is not, and the library reads it as before.

/** The value of one sequence item's text (`  - id: X\n    key: value ...`), or undefined when not simple. */
export function readSimpleRecord(text: string): Record<string, unknown> | undefined {
  // Tabs, carriage returns, control and unusual characters (escaped invalid bytes, BOMs, line separators)
  // have rules of their own: the library reads them.
  if (UNUSUAL.test(text)) return undefined;
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  const dash = leading(lines[0] ?? '');
  if (lines[0]?.charCodeAt(dash) !== 45 || lines[0].charCodeAt(dash + 1) !== 32) return undefined;
  // The first entry shares the dash's line: it is read as if the dash were a space, at the mapping's indent.
  return mapping(lines, dash + 2, true);
}

/**
 * The `key: value` lines of a mapping whose keys stand at `indent` (every content line belongs to it);
 * `dashed`: the first line starts with the item's `- `, counted as indentation.
 */
function mapping(lines: string[], indent: number, dashed = false): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    const at = i === 0 && dashed ? leading(line, indent) : leading(line);
    if (at === line.length || line[at] === '#') {
      i++;
      continue;
    }
    if (at !== indent) return undefined;
    // `key:` alone or `key: value` (read by hand: a regex's match array per line costs more).
    const end = keyEnd(line, at);
    if (end === -1 || line.charCodeAt(end) !== 58 || (end + 1 < line.length && line.charCodeAt(end + 1) !== 32)) return undefined;
    const key = line.slice(at, end);
    // Keys that YAML reads as something else than the word (null, true), or that a plain object cannot hold
    // (their lengths first: a set lookup hashes every key of every record).
    if (Object.hasOwn(out, key) || (RESERVED_LENGTHS.has(key.length) && RESERVED_KEYS.has(key))) return undefined;
    const rest = stripComment(end + 1 < line.length ? line.slice(end + 2) : '');
    if (rest === undefined) return undefined;
    i++;
    if (rest === '|' || rest === '|-') {
      const block = literalBlock(lines, i, indent, rest === '|-');
      if (!block) return undefined;
      out[key] = block.value;
      i = block.next;
    } else if (rest === '') {
      const below = nextContent(lines, i);
      const nested = below !== undefined && leading(lines[below]!) > indent && !/^- |^-$/.test(lines[below]!.slice(leading(lines[below]!)));
      const value = nested ? nestedMapping(lines, i, indent) : blockList(lines, i, indent);
      if (!value) return undefined;
      out[key] = value.value;
      i = value.next;
    } else {
      const value = inlineValue(rest);
      if (value === NOT_SIMPLE) return undefined;
      out[key] = value;
    }
    // Nothing may hang below a value (a continued scalar, a nested mapping): the next content line is then
    // deeper than `indent`, which the loop refuses.
  }
  return Object.keys(out).length ? out : undefined;
}

const NOT_SIMPLE = Symbol('not simple');
const RESERVED_KEYS = new Set(['null', 'Null', 'NULL', 'true', 'True', 'TRUE', 'false', 'False', 'FALSE', '__proto__']);
const RESERVED_LENGTHS = new Set([...RESERVED_KEYS].map((k) => k.length));
const INDICATOR = /^[-?:,[\]{}#&*!|>'"%@`]/;
const WORDS: Record<string, unknown> = { '~': null, null: null, Null: null, NULL: null, true: true, True: true, TRUE: true, false: false, False: false, FALSE: false };
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF\u2028\u2029]/;

const leading = (line: string, from = 0) => {
  let n = from;
  while (n < line.length && line.charCodeAt(n) === 32) n++;
  return n;
};

/** The end of the key (`[A-Za-z_][A-Za-z0-9_-]*`) that starts at `at`, or -1 when none starts there. */
function keyEnd(line: string, at: number): number {
  let c = line.charCodeAt(at);
  if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || c === 95)) return -1;
  let i = at + 1;
  for (; i < line.length; i++) {
    c = line.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95 || c === 45)) break;
  }
  return i;
}

/** The index of the next line that is neither blank nor a comment. */
function nextContent(lines: readonly string[], from: number): number | undefined {
  for (let i = from; i < lines.length; i++) {
    const at = leading(lines[i]!);
    if (at < lines[i]!.length && lines[i]![at] !== '#') return i;
  }
  return undefined;
}

/** The value text without a trailing comment; undefined when a quote makes that unclear. */
function stripComment(text: string): string | undefined {
  const c = text[0];
  if (c === '"' || c === "'") {
    const close = text.indexOf(c, 1);
    if (close === -1) return undefined;
    // Only a comment (or nothing) may follow the closing quote; an inner quote is not simple.
    const after = text.slice(close + 1);
    if (c === "'" && after.startsWith("'")) return undefined;
    if (after.trim() === '') return text.slice(0, close + 1);
    return /^ +#/.test(after) ? text.slice(0, close + 1) : undefined;
  }
  // A comment starts at a `#` that begins the text or follows a space.
  let hash = text.indexOf('#');
  while (hash > 0 && text.charCodeAt(hash - 1) !== 32) hash = text.indexOf('#', hash + 1);
  return (hash === -1 ? text : text.slice(0, hash)).trimEnd();
}

/** A value on the key's line: a quoted or plain scalar, or a flow list of them. */
function inlineValue(text: string): unknown {
  const c = text[0]!;
  if (c === '"') {
    const inner = text.slice(1, -1);
    return text.endsWith('"') && text.length >= 2 && !/["\\]/.test(inner) ? inner : NOT_SIMPLE;
  }
  if (c === "'") {
    const inner = text.slice(1, -1);
    return text.endsWith("'") && text.length >= 2 && !inner.includes("'") ? inner : NOT_SIMPLE;
  }
  if (c === '[') {
    if (!text.endsWith(']')) return NOT_SIMPLE;
    const inner = text.slice(1, -1).trim();
    if (inner === '') return [];
    const items = inner.split(',').map((s) => s.trim());
    if (items.some((s) => s === '' || /[[\]{}"']/.test(s))) return NOT_SIMPLE;
    const values = items.map((s) => plainScalar(s, true));
    return values.includes(NOT_SIMPLE) ? NOT_SIMPLE : values;
  }
  return plainScalar(text, false);
}

/** A plain scalar, resolved as YAML 1.2's core schema does. */
function plainScalar(text: string, inFlow: boolean): unknown {
  const c = text.charCodeAt(0);
  const letter = (c >= 97 && c <= 122) || (c >= 65 && c <= 90);
  if (!letter && INDICATOR.test(text) && !/^-[0-9.]/.test(text)) return NOT_SIMPLE;
  if (text.includes(': ') || text.endsWith(':') || text.includes(' #')) return NOT_SIMPLE;
  if (inFlow && (text.includes(':') || text.includes('?'))) return NOT_SIMPLE;
  // The words are at most five characters long: a longer text is not looked up (hashing it costs).
  if (text.length <= 5 && Object.hasOwn(WORDS, text)) return WORDS[text];
  // A word that starts with a letter is a string (numbers and the words above aside).
  if (letter) return text;
  if (/^[-+]?[0-9]+$/.test(text)) return Number.isSafeInteger(Number(text)) ? Number(text) : NOT_SIMPLE;
  if (/^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$/.test(text)) return Number(text);
  // Other number forms of the core schema (0o17, 0x1F, .inf, .nan) are left to the library.
  if (/^[-+]?(?:0o|0x|\.inf|\.Inf|\.INF|\.nan|\.NaN|\.NAN)/.test(text)) return NOT_SIMPLE;
  return text;
}

/**
 * `- item` lines below a key (deeper than it): a list of scalars or of simple mappings (milestones, notes),
 * or null when nothing is there.
 */
function blockList(lines: readonly string[], from: number, indent: number): { value: unknown[] | null; next: number } | undefined {
  const start = nextContent(lines, from);
  if (start === undefined || leading(lines[start]!) <= indent) return { value: null, next: from };
  const dash = leading(lines[start]!);
  const value: unknown[] = [];
  let i = from;
  while (i < lines.length) {
    const line = lines[i]!;
    const at = leading(line);
    if (at === line.length || line[at] === '#') {
      i++;
      continue;
    }
    if (at <= indent) break;
    if (at !== dash) return undefined;
    const item = /^- (.*)$/.exec(line.slice(at));
    if (!item) return undefined;
    if (/^[A-Za-z_][A-Za-z0-9_-]*:(?: |$)/.test(item[1]!)) {
      // A mapping: its lines run to the next one at the dash's indent or less.
      let end = i + 1;
      while (end < lines.length && (leading(lines[end]!) > dash || leading(lines[end]!) === lines[end]!.length)) end++;
      const mapping = readSimpleRecord(lines.slice(i, end).join('\n') + '\n');
      if (!mapping) return undefined;
      value.push(mapping);
      i = end;
      continue;
    }
    const text = stripComment(item[1]!);
    if (text === undefined || text === '' || text === '|' || text.startsWith('[')) return undefined;
    const v = inlineValue(text);
    if (v === NOT_SIMPLE) return undefined;
    value.push(v);
    i++;
  }
  return { value, next: i };
}

/** A mapping below a key (its lines deeper than the key's), as Concord writes `metadata:`. */
function nestedMapping(lines: readonly string[], from: number, indent: number): { value: Record<string, unknown>; next: number } | undefined {
  let end = from;
  let last = from;
  for (; end < lines.length; end++) {
    const at = leading(lines[end]!);
    if (at === lines[end]!.length || lines[end]![at] === '#') continue;
    if (at <= indent) break;
    last = end + 1;
  }
  const start = nextContent(lines, from)!;
  const value = mapping(lines.slice(from, last), leading(lines[start]!));
  return value ? { value, next: last } : undefined;
}

/**
 * A `|` block (clip chomping): the deeper lines, as written, each ending in a line break, the last one once;
 * `|-` (strip): without the last line break.
 */
function literalBlock(lines: readonly string[], from: number, indent: number, strip = false): { value: string; next: number } | undefined {
  let i = from;
  let block: number | undefined;
  const content: string[] = [];
  for (; i < lines.length; i++) {
    const line = lines[i]!;
    const at = leading(line);
    if (at === line.length) {
      // An empty line belongs to the block; one with spaces is left to the library (indentation rules).
      if (at > 0) return undefined;
      content.push('');
      continue;
    }
    block ??= at;
    if (at < block) break;
    content.push(line.slice(block));
  }
  if (block === undefined || block <= indent) return undefined;
  // Blank lines after the block are not part of it.
  let end = content.length;
  while (end > 0 && content[end - 1] === '') end--;
  if (end === 0) return undefined;
  // The first line below the block must be a key of the mapping (or a comment at its level), nothing deeper.
  if (i < lines.length && leading(lines[i]!) > indent) return undefined;
  return { value: content.slice(0, end).join('\n') + (strip ? '' : '\n'), next: i };
}

/** Where a field of a plain record is written, in offsets of the record's text (what an edit splices). */
export interface LocatedField {
  key: string;
  keyStart: number;
  keyEnd: number;
  value: LocatedValue;
}

/**
 * A field's value as the yaml library places it: `start` where its node starts, `end` where its content ends
 * (trailing spaces, line breaks and a comment after it left out). `empty`: `key:` with nothing after it.
 */
export type LocatedValue =
  | { kind: 'empty'; at: number }
  | { kind: 'scalar'; style: 'PLAIN' | 'QUOTE_DOUBLE' | 'QUOTE_SINGLE' | 'BLOCK_LITERAL'; value: unknown; start: number; end: number }
  | { kind: 'flow'; values: unknown[]; start: number; end: number }
  | { kind: 'block'; items: { value: unknown; start: number; end: number }[]; start: number; end: number };

/**
 * The fields of one sequence item's text with where each is written, for a record readSimpleRecord reads and
 * whose fields are all scalars, flow lists, `|` blocks or block lists of scalars without comments or blank
 * lines, and with no comment lines at all; undefined for anything else (the caller parses it with the library).
 */
export function locateSimpleRecord(text: string): LocatedField[] | undefined {
  const record = readSimpleRecord(text);
  if (!record) return undefined;
  const lines: { start: number; text: string }[] = [];
  for (let start = 0; start < text.length; ) {
    const nl = text.indexOf('\n', start);
    const end = nl === -1 ? text.length : nl;
    lines.push({ start, text: text.slice(start, end) });
    start = end + 1;
  }
  const indent = leading(lines[0]!.text) + 2;
  const blank = (i: number) => leading(lines[i]!.text) === lines[i]!.text.length;
  const fields: LocatedField[] = [];
  let i = 0;
  while (i < lines.length) {
    const { start: lineStart, text: line } = lines[i]!;
    if (i > 0 && blank(i)) {
      i++;
      continue;
    }
    const at = i === 0 ? indent : leading(line);
    if (at !== indent || line[at] === '#') return undefined;
    const end = keyEnd(line, at);
    const key = line.slice(at, end);
    const value = record[key];
    const base = { key, keyStart: lineStart + at, keyEnd: lineStart + end };
    i++;
    if (end + 1 === line.length) {
      // `key:` alone: a block list below it, or nothing.
      const below = nextContent(lines.map((l) => l.text), i);
      if (below === undefined || leading(lines[below]!.text) <= indent) {
        if (value !== null) return undefined;
        fields.push({ ...base, value: { kind: 'empty', at: lineStart + end + 1 } });
        continue;
      }
      if (!Array.isArray(value) || value.length === 0) return undefined;
      const dash = leading(lines[below]!.text);
      const items: { value: unknown; start: number; end: number }[] = [];
      for (; i < lines.length && items.length < value.length; i++) {
        const l = lines[i]!;
        if (leading(l.text) !== dash || l.text[dash] !== '-' || l.text[dash + 1] !== ' ') return undefined;
        const rest = l.text.slice(dash + 2);
        const item = value[items.length];
        // Scalars written alone on their line: no comment, nothing around them.
        if ((item !== null && typeof item === 'object') || rest.trim() !== rest || stripComment(rest) !== rest) return undefined;
        items.push({ value: item, start: l.start + dash + 2, end: l.start + dash + 2 + rest.length });
      }
      if (items.length !== value.length) return undefined;
      fields.push({ ...base, value: { kind: 'block', items, start: items[0]!.start - 2, end: items[items.length - 1]!.end } });
      continue;
    }
    const rest = line.slice(end + 2);
    const start = lineStart + end + 2;
    if (rest[0] === ' ' || rest[0] === undefined) return undefined;
    if (rest === '|' || rest === '|-') {
      // The block's content ends with its last line that is not blank.
      let last = -1;
      for (; i < lines.length && (blank(i) || leading(lines[i]!.text) > indent); i++) if (!blank(i)) last = i;
      if (last === -1 || typeof value !== 'string') return undefined;
      fields.push({ ...base, value: { kind: 'scalar', style: 'BLOCK_LITERAL', value, start, end: lines[last]!.start + lines[last]!.text.trimEnd().length } });
      continue;
    }
    const written = stripComment(rest);
    if (written === undefined || written === '') return undefined;
    const c = written[0];
    if (c === '[') {
      if (!Array.isArray(value)) return undefined;
      fields.push({ ...base, value: { kind: 'flow', values: value, start, end: start + written.length } });
    } else {
      if (value !== null && typeof value === 'object') return undefined;
      const style = c === '"' ? 'QUOTE_DOUBLE' : c === "'" ? 'QUOTE_SINGLE' : 'PLAIN';
      fields.push({ ...base, value: { kind: 'scalar', style, value, start, end: start + written.length } });
    }
  }
  return fields.length === Object.keys(record).length ? fields : undefined;
}
