// Printing values and new records as YAML text that fits into the file where it goes.
import { Document, isMap, isScalar, isSeq, type Node, type Scalar, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import { type PlainStyle, renderPlainRecord, renderPlainValue } from './render-plain.js';

/**
 * YAML 1.1 quoting (so `on`, `yes` and timestamps stay strings for YAML 1.1 readers such as PyYAML, which
 * the real-world files were written with), single quotes, and no line folding (a long value stays on
 * one line, so a change shows as a one-line diff).
 */
const STRINGIFY = { lineWidth: 0, minContentWidth: 0, singleQuote: true, flowCollectionPadding: false } as const;

/** How the file writes what a new value needs: its quotes, and its lists where a list has no style of its own. */
export interface FileStyle {
  quote?: 'single' | 'double';
  lists?: ListStyle;
}

const stringifyFor = (style: FileStyle | undefined) => ({ ...STRINGIFY, singleQuote: style?.quote !== 'double' });

/** Lists of plain strings at most this long (as YAML) are written in flow style: `labels: [a, b]`. */
const FLOW_LIMIT = 80;

export type ListStyle = 'flow' | 'block';

/** Lists that read better one entry per line, whatever their length. */
const BLOCK_LISTS = new Set(['acceptance_criteria', 'completion_criteria', 'deliverables', 'affected_files', 'notes', 'milestones', 'duties']);

function docFor(value: unknown): Document {
  return new Document(value, { version: '1.1' });
}

/** Whether a list should be written `[a, b]`: short lists of scalars. */
export function prefersFlow(value: unknown[]): boolean {
  if (value.length === 0) return true;
  if (!value.every((v) => typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean')) return false;
  if (value.some((v) => typeof v === 'string' && v.includes('\n'))) return false;
  return (plainFlowLength(value) ?? docFor(value).toString({ ...STRINGIFY, collectionStyle: 'flow' }).length) <= FLOW_LIMIT;
}

/** Words that are written plain in a flow list by the YAML printer: not numbers, not YAML 1.1 booleans or null. */
const PLAIN_WORD = /^[A-Za-z][A-Za-z0-9._/-]*$/;
const YAML11_WORDS = /^(?:y|n|yes|no|on|off|true|false|null|[eE]\d+)$/i;

/**
 * The printed length of `[a, b]` (with its line break) when every entry is such a word: ids and labels,
 * nearly every list Concord writes. Printing a Document only to measure it was a third of the cost of
 * writing 10,000 new records. Undefined otherwise (the caller prints and measures).
 */
export function plainFlowLength(value: readonly unknown[]): number | undefined {
  let n = 3 + 2 * (value.length - 1);
  for (const v of value) {
    if (typeof v !== 'string' || !PLAIN_WORD.test(v) || YAML11_WORDS.test(v)) return undefined;
    n += v.length;
  }
  return n;
}

/** A line that starts with a tab: in a block scalar (`|`) it reads as a tab in the indentation, which the scanner refuses. */
const TAB_LED_LINE = /(^|\n) *\t/;

/**
 * Flow or block for each list: the list's own style when it is replaced, else block for lists that read better so,
 * else the file's style when it has one (a file of block lists gets block lists), else flow for short scalar lists.
 */
function styleCollections(node: unknown, key: string | undefined, listStyle?: ListStyle, fileLists?: ListStyle): void {
  if (isScalar(node) && typeof (node as Scalar).value === 'string' && (node as Scalar<string>).value.includes('\n') && TAB_LED_LINE.test((node as Scalar<string>).value)) {
    // Written `"a\n\tb"` on one line instead, which every reader reads as the same text.
    (node as Scalar).type = 'QUOTE_DOUBLE';
    return;
  }
  if (isSeq(node)) {
    const seq = node as YAMLSeq;
    const values = seq.items.map((n) => (n && typeof n === 'object' && 'toJSON' in n ? (n as Node).toJSON() : n));
    const blockish = BLOCK_LISTS.has(key ?? '');
    seq.flow = listStyle ? listStyle === 'flow' : !blockish && (fileLists ? fileLists === 'flow' && prefersFlow(values) : prefersFlow(values));
    if (values.length === 0) seq.flow = true;
    for (const item of seq.items) styleCollections(item, undefined, undefined, fileLists);
  } else if (isMap(node)) {
    for (const pair of (node as YAMLMap).items) styleCollections(pair.value, String((pair.key as { value?: unknown })?.value ?? pair.key), undefined, fileLists);
  }
}

/** A string scalar written in the quotes of the value it replaces (`status: "in_progress"` stays double-quoted). */
function quoteScalar(node: unknown, quote: 'single' | 'double' | undefined): void {
  if (!quote || !node || typeof node !== 'object' || !('value' in node) || typeof (node as Scalar).value !== 'string') return;
  const value = (node as Scalar).value as string;
  // Single quotes cannot hold a line break; such a value keeps the library's choice.
  if (quote === 'single' && value.includes('\n')) return;
  (node as Scalar).type = quote === 'double' ? 'QUOTE_DOUBLE' : 'QUOTE_SINGLE';
}

/**
 * The text that follows `key:` for `value`, for a key at column `indent`: ` value` for scalars and flow
 * collections, or a line break and indented lines for block collections and multi-line strings. Never
 * ends with a line break.
 */
export function renderFieldValue(key: string, value: unknown, indent: number, options: FieldValueOptions = {}): string {
  // Most values print the same without building a document (render-plain.ts); the rest through the library.
  return reindent(plainFieldValue(key, value, options) ?? libraryFieldValue(key, value, options), indent);
}

type FieldValueOptions = { listStyle?: ListStyle; indentSeq?: boolean; quote?: 'single' | 'double'; file?: FileStyle };

/** renderFieldValue's text (before reindenting) without the library, for the settings render-plain.ts prints with. */
function plainFieldValue(key: string, value: unknown, options: FieldValueOptions): string | undefined {
  if (options.indentSeq === false) return undefined;
  if (options.quote && typeof value === 'string') {
    // In the quotes of the value it replaces (quoteScalar; single ones are double in a file that double-quotes,
    // `singleQuote: false`): printable ASCII without the quote or an escape prints as itself.
    const q = options.quote === 'double' || options.file?.quote === 'double' ? '"' : "'";
    return /^[\x20-\x7e]*$/.test(value) && !value.includes(q) && !value.includes('\\') ? ` ${q}${value}${q}` : undefined;
  }
  const lists = plainStyle(options.file);
  const own = options.listStyle;
  if (!own) return renderPlainValue(key, value, lists);
  // The list's own style is the replaced list's, for this list alone (styleCollections); a flow list of mappings is the library's.
  if (own === 'flow' && Array.isArray(value) && value.some((v) => v !== null && typeof v === 'object')) return undefined;
  return renderPlainValue(key, value, { ...lists, flow: (k, values) => (values === value ? own === 'flow' : lists.flow(k, values)) });
}

/** renderFieldValue's text (before reindenting) through the library alone (the differential test of render-plain.ts compares the two). */
export function libraryFieldValue(key: string, value: unknown, options: FieldValueOptions = {}): string {
  const doc = docFor({ k: value });
  const node = (doc.contents as YAMLMap).items[0]!.value;
  styleCollections(node, key, options.listStyle, options.file?.lists);
  quoteScalar(node, options.quote);
  const text = doc.toString({ ...stringifyFor(options.file), indentSeq: options.indentSeq ?? true }).replace(/\n$/, '');
  return text.slice(2); // drop `k:`
}

/** The list rules of styleCollections for a list the plain printer meets (undefined: the library must measure it). */
export function plainStyle(file: FileStyle | undefined): PlainStyle {
  const fileLists = file?.lists;
  return {
    ...(file?.quote === 'double' ? { double: true } : {}),
    flow: (key, values) => {
      if (BLOCK_LISTS.has(key ?? '') || fileLists === 'block') return false;
      let n = 3 + 2 * (values.length - 1);
      for (const v of values) {
        if (typeof v === 'number' && Number.isSafeInteger(v)) n += String(v).length;
        else if (typeof v === 'string' && PLAIN_WORD.test(v) && !YAML11_WORDS.test(v)) n += v.length;
        else return undefined;
      }
      return n <= FLOW_LIMIT;
    },
  };
}

/** `- key: ...` lines for a new record in a sequence whose dashes are at column `indent`. */
export function renderItem(record: Record<string, unknown>, indent: number, options: { indentSeq?: boolean; eol?: string; file?: FileStyle } = {}): string {
  // Most new records print the same without building a document (render-plain.ts); the rest through the library.
  const plain = options.indentSeq !== false ? renderPlainRecord(record, plainStyle(options.file)) : undefined;
  const lines = (plain ?? libraryItem(record, options)).split('\n').map((l) => (l.length ? ' '.repeat(indent) + l : l));
  return lines.join(options.eol ?? '\n') + (options.eol ?? '\n');
}

/** `renderItem` through the library alone (the differential test of render-plain.ts compares the two). */
export function libraryItem(record: unknown, options: { indentSeq?: boolean; file?: FileStyle }): string {
  const doc = docFor([record]);
  const seq = doc.contents as YAMLSeq;
  for (const item of seq.items) styleCollections(item, undefined, undefined, options.file?.lists);
  return doc.toString({ ...stringifyFor(options.file), indentSeq: options.indentSeq ?? true }).replace(/\n$/, '');
}

/** A list element for an existing block list whose dashes are at column `indent`: `- value` lines. */
export function renderListEntry(value: unknown, indent: number, options: { indentSeq?: boolean; eol?: string; file?: FileStyle } = {}): string {
  return renderItem(value as Record<string, unknown>, indent, options).replace(/(\r?\n)$/, '');
}

/**
 * A mapping in flow style on one line, `{id: TODO-1, title: x}`: how a record (or milestone) written in
 * flow style is written back. Multi-line strings are double-quoted (`"a\nb"`) so the record stays one line.
 */
export function renderFlowMap(value: Record<string, unknown>, file?: FileStyle): string {
  const doc = docFor(value);
  visit(doc, {
    Scalar(_key, node: Scalar) {
      if (typeof node.value === 'string' && node.value.includes('\n')) node.type = 'QUOTE_DOUBLE';
    },
  });
  return doc.toString({ ...stringifyFor(file), collectionStyle: 'flow' }).replace(/\n$/, '');
}

function reindent(body: string, indent: number): string {
  if (!body.includes('\n')) return body;
  const pad = ' '.repeat(indent);
  return body
    .split('\n')
    .map((line, i) => (i === 0 || line.length === 0 ? line : pad + line))
    .join('\n');
}
