// Printing a plain new record without building a YAML document: the same text the yaml library prints
// (render.ts's settings), for records made of the values Concord writes; anything else is left to it.
//
// Printing through the library builds a document per record: writing 10,000 imported records spent a third
// of its time there. Every choice below is the library's (stringifyString.js: when a string is plain,
// single-quoted or a `|` block), checked against the library by a differential test.
import { Document } from 'yaml';

/** How the caller prints lists (render.ts's rules, passed in so that both print alike). */
export interface PlainStyle {
  /** Whether a list of scalars under `key` is written `[a, b]`; undefined when the library must decide. */
  flow: (key: string | undefined, values: readonly unknown[]) => boolean | undefined;
  /** The library's `singleQuote: false` (a file that double-quotes): strings that need quotes get double ones. */
  double?: boolean;
}

const NOT_PLAIN = Symbol('not plain');
type Out = string | typeof NOT_PLAIN;

/** YAML 1.1 tags other than str that a plain scalar could be read as (numbers, booleans, null, timestamps). */
const typed = (() => {
  const schema = new Document(null, { version: '1.1' }).schema as unknown as { tags: TagLike[]; compat?: TagLike[] | null };
  const tags = [...schema.tags, ...(schema.compat ?? [])].filter((t) => t.default && t.tag !== 'tag:yaml.org,2002:str' && t.test);
  // Remembered for the short texts records repeat (keys, statuses, priorities, repo names): a dozen regular
  // expressions for each, 10,000 records at a time when an import writes.
  const known = new Map<string, boolean>();
  return (s: string) => {
    const hit = known.get(s);
    if (hit !== undefined) return hit;
    const is = tags.some((t) => t.test!.test(s));
    if (s.length <= 40) {
      if (known.size >= 4096) known.clear();
      known.set(s, is);
    }
    return is;
  };
})();
interface TagLike {
  default?: boolean | string;
  tag: string;
  test?: RegExp;
}

/** What the library refuses to print plain (stringifyString.js plainString). */
const NEEDS_QUOTES = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
const DOCUMENT_MARKER = /^(%|---|\.\.\.)/m;
// eslint-disable-next-line no-control-regex
const UNUSUAL = /[\u0000-\u0009\u000B-\u001F\u007F-\u009F\uD800-\uDFFF\uFEFF\uFFFE\uFFFF\u2028\u2029]/;
const KEY = /^[A-Za-z_][A-Za-z0-9_-]*$/;
const TAB_LED_LINE = /(^|\n) *\t/;

/** A one-line string as a value (in a flow list when `inFlow`). */
function scalarText(s: string, inFlow: boolean, double: boolean | undefined): Out {
  if (UNUSUAL.test(s) || DOCUMENT_MARKER.test(s)) return NOT_PLAIN;
  if ((inFlow && /[[\]{},]/.test(s)) || NEEDS_QUOTES.test(s) || typed(s)) {
    // Double quotes print printable ASCII without a quote or an escape as itself (the rest is escaped: the library's).
    if (double) return /^[\x20-\x7e]*$/.test(s) && !s.includes('"') && !s.includes('\\') ? `"${s}"` : NOT_PLAIN;
    // Single quotes unless the text has a single quote and no double one (the library then double-quotes).
    if (s.includes("'") && !s.includes('"')) return NOT_PLAIN;
    return `'${s.replace(/'/g, "''")}'`;
  }
  return s;
}

/** A multi-line string: a `|` block with the library's chomping, its lines at `pad`. */
function blockText(s: string, pad: string): Out {
  if (UNUSUAL.test(s) || DOCUMENT_MARKER.test(s) || TAB_LED_LINE.test(s) || /\n[\t ]+$/.test(s) || /^[ \n]/.test(s) || /[ \t]\n+$/.test(s)) return NOT_PLAIN;
  const body = s.replace(/\n+$/, '');
  const trailing = s.length - body.length;
  if (trailing > 1) return NOT_PLAIN;
  return `|${trailing === 0 ? '-' : ''}\n${pad}${body.replace(/\n+/g, `$&${pad}`)}`;
}

function leaf(v: unknown, inFlow: boolean, style: PlainStyle): Out {
  if (typeof v === 'string') return v.includes('\n') ? NOT_PLAIN : scalarText(v, inFlow, style.double);
  if (typeof v === 'number') return Number.isSafeInteger(v) && !Object.is(v, -0) ? String(v) : NOT_PLAIN;
  if (typeof v === 'boolean') return String(v);
  return NOT_PLAIN;
}

const isScalar = (v: unknown) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean';
const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v) && Object.getPrototypeOf(v) === Object.prototype;

/** The text after `key:` (with its leading space or line break) for a value whose key stands at `pad`. */
function afterKey(key: string, v: unknown, pad: string, style: PlainStyle): Out {
  if (typeof v === 'string' && v.includes('\n')) {
    const block = blockText(v, pad + '  ');
    return block === NOT_PLAIN ? block : ` ${block}`;
  }
  if (isScalar(v)) {
    const t = leaf(v, false, style);
    return t === NOT_PLAIN ? t : ` ${t}`;
  }
  if (Array.isArray(v)) {
    if (v.length === 0) return ' []';
    if (v.every(isScalar)) {
      const flow = style.flow(key, v);
      if (flow === undefined) return NOT_PLAIN;
      if (flow) {
        const items = v.map((x) => leaf(x, true, style));
        return items.includes(NOT_PLAIN) ? NOT_PLAIN : ` [${items.join(', ')}]`;
      }
    }
    const out: string[] = [];
    for (const item of v) {
      const t = entry(item, pad + '  ', style);
      if (t === NOT_PLAIN) return t;
      out.push(t);
    }
    return `\n${out.join('\n')}`;
  }
  if (isPlainObject(v)) {
    const body = mapping(v, pad + '  ', style);
    return body === NOT_PLAIN ? body : `\n${body}`;
  }
  return NOT_PLAIN;
}

/** `key: value` lines of a mapping at `pad` (the first without its padding when it follows a dash). */
function mapping(m: Record<string, unknown>, pad: string, style: PlainStyle, first = pad): Out {
  const keys = Object.keys(m);
  if (keys.length === 0) return NOT_PLAIN;
  const out: string[] = [];
  for (const [i, key] of keys.entries()) {
    if (!KEY.test(key) || typed(key)) return NOT_PLAIN;
    const t = afterKey(key, m[key], pad, style);
    if (t === NOT_PLAIN) return t;
    out.push(`${i === 0 ? first : pad}${key}:${t}`);
  }
  return out.join('\n');
}

/** A `- item` of a block list whose dash stands at `pad`. */
function entry(item: unknown, pad: string, style: PlainStyle): Out {
  if (isPlainObject(item)) {
    const body = mapping(item, pad + '  ', style, `${pad}- `);
    return body;
  }
  if (typeof item === 'string' && item.includes('\n')) {
    const block = blockText(item, pad + '  ');
    return block === NOT_PLAIN ? block : `${pad}- ${block}`;
  }
  const t = leaf(item, false, style);
  return t === NOT_PLAIN ? t : `${pad}- ${t}`;
}

/** `- key: ...` lines of a record (dash at column 0, lines joined by `\n`, no final break), or undefined. */
export function renderPlainRecord(record: Record<string, unknown>, style: PlainStyle): string | undefined {
  if (!isPlainObject(record)) return undefined;
  const t = entry(record, '', style);
  return t === NOT_PLAIN ? undefined : t;
}

/**
 * The text after `key:` for `value`, for a key at column 0 (`key: value`, or a line break and lines below), or
 * undefined (render.ts, renderFieldValue, then asks the library).
 */
export function renderPlainValue(key: string, value: unknown, style: PlainStyle): string | undefined {
  const t = afterKey(key, value, '', style);
  return t === NOT_PLAIN ? undefined : t;
}
