// Surgical edits of ecosystem.yaml: each change rewrites only the characters of the values it changes.
//
// Rejected: editing a `yaml` Document and printing it again. Printing re-folds long lines, re-quotes and
// re-indents, so a one-field change would show as a many-line diff, and parsing the whole file takes
// seconds at 10,000 todos. Here each record is parsed alone (a chunk), the parse gives the exact offsets
// of the value to replace, and the new text is spliced in; everything else stays byte for byte.
import { isMap, isScalar, isSeq, type Node, type Document, Pair, Scalar, YAMLMap, YAMLSeq } from 'yaml';
import { ConcordError } from '../core/errors.js';
import type { PathSegment, RecordChange } from '../core/mutations/change.js';
import { keysForField, type RecordSpec, SECTION_NAMES, SECTIONS, type SectionName } from '../core/sections.js';
import { parseYaml } from './parse.js';
import { type LocatedValue, locateSimpleRecord, readSimpleRecord } from './simple-yaml.js';
import type { ItemEntry, ReadOutcome } from './read.js';
import { type FileStyle, renderFieldValue, renderFlowMap, renderItem, renderListEntry } from './render.js';
import type { TextSplice } from './file.js';
import { type SplicedText, splicedText } from './spliced-text.js';
import { type Layout, recordCount, recordSpan, relayout, type Relayout, type SectionLayout } from './scan.js';
import { hint, op as operationRef } from '../core/hints.js';

/** `keys`: the written spellings of the field, canonical first; `spec`: its record's key order and aliases. */
type FieldOp = { kind: 'set'; keys: string[]; value: unknown; spec: RecordSpec } | { kind: 'append'; keys: string[]; values: unknown[]; spec: RecordSpec };

interface Style {
  eol: string;
  /** Whether block lists are indented under their key (`key:\n  - a`) or not (`key:\n- a`). */
  indentSeq: boolean;
  /** The file's quotes and list style, for values that have none of their own yet. */
  file: FileStyle;
}

const lineStart = (r: string, off: number) => r.lastIndexOf('\n', off - 1) + 1;
/** Offset of the line break (\n, or the \r of \r\n) that ends the line holding `off`. */
const lineEnd = (r: string, off: number) => {
  const nl = r.indexOf('\n', off);
  if (nl === -1) return r.length;
  return nl > 0 && r[nl - 1] === '\r' ? nl - 1 : nl;
};
/** Offset just past the line break at `off` (as returned by lineEnd). */
const pastBreak = (r: string, off: number) => (r[off] === '\r' ? off + 2 : r[off] === '\n' ? off + 1 : off);
const column = (r: string, off: number) => off - lineStart(r, off);
const keyName = (pair: Pair) => (isScalar(pair.key) ? String(pair.key.value) : String(pair.key));

/** End of a node's content: its range end with trailing spaces and line breaks dropped. */
function contentEnd(r: string, node: Node): number {
  let end = node.range![1];
  while (end > node.range![0] && /[\s]/.test(r[end - 1]!)) end--;
  return end;
}

function findPair(map: YAMLMap, keys: readonly string[]): Pair | undefined {
  for (const k of keys) {
    const pair = map.items.find((p) => keyName(p as Pair) === k);
    if (pair) return pair as Pair;
  }
  return undefined;
}

function descend(map: YAMLMap, path: readonly PathSegment[] | undefined, where: string): YAMLMap {
  let cur: unknown = map;
  for (const seg of path ?? []) {
    if (typeof seg === 'string') {
      if (!isMap(cur)) break;
      cur = findPair(cur as YAMLMap, [seg])?.value;
    } else {
      if (!isSeq(cur)) {
        cur = undefined;
        break;
      }
      cur = (cur as YAMLSeq).items.find((n) => isMap(n) && String((n as YAMLMap).get('id')) === seg.id);
    }
  }
  if (!isMap(cur)) throw new ConcordError('IO_ERROR', `${where}: cannot find ${JSON.stringify(path)} in the record as written`);
  return cur as YAMLMap;
}

/** Column of the `-` of a block sequence's first entry. */
function dashColumn(r: string, seq: YAMLSeq): number {
  const first = seq.items[0] as Node;
  let i = first.range![0] - 1;
  while (i >= 0 && r[i] !== '-') i--;
  return column(r, i);
}

/**
 * A field of a record written in flow style (`- {id: TODO-1, title: x}`): the mapping is written again in
 * flow style, on its one line, with the field set in place (or added at the end, or removed).
 */
function setFlowField(r: string, map: YAMLMap, keys: readonly string[], value: unknown, style: Style): string {
  const pair = findPair(map, keys);
  const record = map.toJSON() as Record<string, unknown>;
  const key = pair ? keyName(pair) : keys[0]!;
  if (value === undefined) delete record[key];
  else record[key] = value;
  return r.slice(0, map.range![0]) + renderFlowMap(record, style.file) + r.slice(contentEnd(r, map));
}

/** The quotes of a string scalar as written, so that its replacement is written in them too. */
function quoteOf(v: Node | null): 'single' | 'double' | undefined {
  if (!v || !isScalar(v)) return undefined;
  return v.type === 'QUOTE_DOUBLE' ? 'double' : v.type === 'QUOTE_SINGLE' ? 'single' : undefined;
}

/**
 * The spelling of a new key in this record: the canonical one, unless the record spells its sibling fields the
 * legacy way (`created_at` present: `updated` is written `updated_at`).
 */
function spellingFor(map: YAMLMap, keys: readonly string[], spec: RecordSpec): string {
  const canonical = keys[0]!;
  for (const pair of map.items) {
    const written = keyName(pair as Pair);
    const of = spec.keyAliases[written];
    if (!of || !written.startsWith(of)) continue;
    const suffix = written.slice(of.length);
    if (keys.includes(canonical + suffix)) return canonical + suffix;
  }
  return canonical;
}

/** The pair a new key goes after: the last one that comes before it in the record's key order (else the last). */
function pairBefore(map: YAMLMap, key: string, spec: RecordSpec): Pair {
  const rank = (k: string) => spec.keyOrder.indexOf(spec.keyAliases[k] ?? k);
  const at = rank(key);
  const pairs = map.items as Pair[];
  if (at === -1) return pairs[pairs.length - 1]!;
  let before: Pair | undefined;
  for (const p of pairs) {
    const r = rank(keyName(p));
    if (r !== -1 && r < at) before = p;
  }
  return before ?? pairs[pairs.length - 1]!;
}

function setField(r: string, map: YAMLMap, keys: readonly string[], value: unknown, style: Style, spec: RecordSpec): string {
  if (map.flow) return setFlowField(r, map, keys, value, style);
  const pair = findPair(map, keys);
  const firstKey = map.items[0]!.key as Node;
  const keyIndent = column(r, firstKey.range![0]);
  if (value === undefined) return pair ? removePair(r, map, pair) : r;
  if (!pair) {
    // A new key goes where the key order puts it, spelt as the record spells its siblings.
    const key = spellingFor(map, keys, spec);
    const after = pairBefore(map, keys[0]!, spec);
    const afterNode = (after.value as Node | null) ?? (after.key as Node);
    const at = lineEnd(r, contentEnd(r, afterNode));
    return r.slice(0, at) + style.eol + ' '.repeat(keyIndent) + key + ':' + renderFieldValue(key, value, keyIndent, { indentSeq: style.indentSeq, file: style.file }).replace(/\n/g, style.eol) + r.slice(at);
  }
  const key = pair.key as Node;
  const colon = r.indexOf(':', key.range![1]) + 1;
  const v = pair.value as Node | null;
  let listStyle: 'flow' | 'block' | undefined;
  let indentSeq = style.indentSeq;
  if (v && isSeq(v)) {
    listStyle = (v as YAMLSeq).flow ? 'flow' : 'block';
    if (listStyle === 'block' && (v as YAMLSeq).items.length) indentSeq = dashColumn(r, v as YAMLSeq) > column(r, key.range![0]);
  }
  const quote = quoteOf(v);
  const rendered = renderFieldValue(keyName(pair), value, column(r, key.range![0]), { ...(listStyle ? { listStyle } : {}), indentSeq, file: style.file, ...(quote ? { quote } : {}) }).replace(/\n/g, style.eol);
  const empty = !v || (isScalar(v) && v.range![0] === v.range![1]);
  if (empty) return r.slice(0, colon) + rendered + r.slice(colon);
  const end = contentEnd(r, v);
  // Inline values keep the spacing after the colon as written; block values start on the next line.
  if (rendered.startsWith(' ') && !(isSeq(v) && !(v as YAMLSeq).flow) && !isMap(v)) return r.slice(0, v.range![0]) + rendered.slice(1) + r.slice(end);
  return r.slice(0, colon) + rendered + r.slice(end);
}

function removePair(r: string, map: YAMLMap, pair: Pair): string {
  const key = pair.key as Node;
  const start = lineStart(r, key.range![0]);
  const onDashLine = /-\s/.test(r.slice(start, key.range![0]));
  if (onDashLine || map.items.length === 1) {
    // The first field shares its line with the item's dash: leave the key, drop the value.
    const colon = r.indexOf(':', key.range![1]) + 1;
    const v = pair.value as Node | null;
    return v ? r.slice(0, colon) + r.slice(contentEnd(r, v)) : r;
  }
  const last = (pair.value as Node | null) ?? key;
  const end = pastBreak(r, lineEnd(r, contentEnd(r, last)));
  return r.slice(0, start) + r.slice(end);
}

function appendField(r: string, map: YAMLMap, keys: readonly string[], values: unknown[], style: Style, spec: RecordSpec): string {
  const pair = findPair(map, keys);
  const v = pair?.value as Node | null | undefined;
  if (pair && v && isSeq(v) && !(v as YAMLSeq).flow && (v as YAMLSeq).items.length > 0) {
    const seq = v as YAMLSeq;
    const dash = dashColumn(r, seq);
    const at = lineEnd(r, contentEnd(r, seq.items[seq.items.length - 1] as Node));
    const text = values.map((x) => style.eol + renderListEntry(x, dash, { indentSeq: style.indentSeq, eol: style.eol, file: style.file })).join('');
    return r.slice(0, at) + text + r.slice(at);
  }
  const current = v && isSeq(v) ? ((v as YAMLSeq).toJSON() as unknown[]) : [];
  return setField(r, map, keys, [...current, ...values], style, spec);
}

/**
 * Applies field operations to the record parsed from `region` (re-parsing after each one). `whole`: the
 * operations are on the record's own fields (no path), so a plain record is located without the library.
 */
function editRegion(region: string, find: (doc: Document.Parsed) => YAMLMap, ops: FieldOp[], style: Style, whole = false): string {
  let r = region;
  for (const op of ops) {
    const map = (whole ? locatedMap(r) : undefined) ?? parsedMap(r, find);
    r = op.kind === 'set' ? setField(r, map, op.keys, op.value, style, op.spec) : appendField(r, map, op.keys, op.values, style, op.spec);
  }
  return r;
}

function parsedMap(r: string, find: (doc: Document.Parsed) => YAMLMap): YAMLMap {
  const doc = parseYaml(r);
  if (doc.errors.length) throw new ConcordError('INVALID_ECOSYSTEM', `cannot edit a record with a YAML error: ${doc.errors[0]!.message.split('\n')[0]}`, { hint: hint`run ${operationRef('lint')} and fix the file first` });
  return find(doc);
}

/**
 * The record's mapping as the library would parse it, as far as the edits above read it (each key's and value's
 * offsets, kind, style and values), for a plain record (simple-yaml.ts, locateSimpleRecord): parsing a record
 * with the library cost a write ~3 ms for each field it set (a long `blocking: [...]` list more). Undefined: parse it.
 */
export function locatedMap(region: string): YAMLMap | undefined {
  const fields = locateSimpleRecord(region);
  if (!fields) return undefined;
  const map = new YAMLMap();
  for (const f of fields) {
    const key = new Scalar(f.key);
    key.type = 'PLAIN';
    key.range = [f.keyStart, f.keyEnd, f.keyEnd];
    map.items.push(new Pair(key, locatedNode(f.value)));
  }
  return map;
}

function locatedNode(v: LocatedValue): Node {
  const scalar = (value: unknown, start: number, end: number, type: Scalar['type'] = 'PLAIN') => {
    const node = new Scalar(value);
    node.type = type;
    node.range = [start, end, end];
    return node;
  };
  if (v.kind === 'empty') return scalar(null, v.at, v.at);
  if (v.kind === 'scalar') return scalar(v.value, v.start, v.end, v.style);
  const seq = new YAMLSeq();
  seq.flow = v.kind === 'flow';
  seq.items = v.kind === 'flow' ? v.values.map((x) => new Scalar(x)) : v.items.map((x) => scalar(x.value, x.start, x.end));
  seq.range = [v.start, v.end, v.end];
  return seq;
}

function fieldOps(change: Extract<RecordChange, { op: 'update' }>): FieldOp[] {
  const spec = change.path?.length ? SECTIONS[change.section].nested?.[String(change.path[0])] ?? SECTIONS[change.section] : SECTIONS[change.section];
  const ops: FieldOp[] = [];
  for (const [field, value] of Object.entries(change.set ?? {})) ops.push({ kind: 'set', keys: keysForField(spec, field), value, spec });
  for (const [field, values] of Object.entries(change.append ?? {})) ops.push({ kind: 'append', keys: keysForField(spec, field), values, spec });
  return ops;
}

/** How much of the file is read to learn its style: enough for many records, bounded for a file of any size. */
const STYLE_SAMPLE = 256 * 1024;

/**
 * The file's own style: double or single quotes (whichever its quoted values use more), and whether its lists
 * of values are all flow (`[a, b]`), all block (`- a` lines), or mixed (then each list picks by its length).
 */
export function fileStyleOf(text: string): FileStyle {
  const sample = text.length > STYLE_SAMPLE ? text.slice(0, STYLE_SAMPLE) : text;
  // A quote after `key:` or after a list entry's dash, each counted in one pass (the two never overlap).
  const doubles = (sample.match(/(?::|^[ \t]*-)[ \t]+"/gm) ?? []).length;
  const singles = (sample.match(/(?::|^[ \t]*-)[ \t]+'/gm) ?? []).length;
  const flow = /^[ \t]*(?:-[ \t]+)?[\w.-]+:[ \t]*\[[ \t]*[^\]\s]/m.test(sample);
  // A block list of values: a key alone on its line, then a dash entry that holds no `key:`.
  const block = /^[ \t]*(?:-[ \t]+)?[\w.-]+:[ \t]*(?:#[^\n]*)?\r?\n[ \t]*-[ \t]+(?![^\n#]*?[\w"']:(?:[ \t]|$))[^\n]*$/m.test(sample);
  return {
    ...(doubles || singles ? { quote: doubles > singles ? 'double' : 'single' } : {}),
    ...(flow !== block ? { lists: flow ? 'flow' : 'block' } : {}),
  };
}

function styleOf(layout: Layout, text: string, known: FileStyle | undefined): Style {
  const sections = Object.values(layout.sections) as SectionLayout[];
  const withItems = sections.find((s) => s.itemIndent !== undefined);
  return { eol: layout.eol, indentSeq: withItems ? withItems.itemIndent! > withItems.keyIndent : true, file: known ?? fileStyleOf(text) };
}

/** What applyChanges needs to know about the text it edits. */
export interface EditSource {
  mode: 'chunked' | 'full';
  layout: Layout;
  /** fileStyleOf this text, when known (kept from the write that left it). */
  fileStyle?: FileStyle;
  /** Where the record with this id is (chunked mode), if it is in the file. */
  span(section: SectionName, id: string): { start: number; end: number } | undefined;
}

export function sourceFromRead(read: ReadOutcome): EditSource {
  const index = new Map<string, ItemEntry>();
  for (const item of read.items) if (item.id !== undefined && !item.duplicate && !index.has(`${item.section}\u0000${item.id}`)) index.set(`${item.section}\u0000${item.id}`, item);
  return { mode: read.mode, layout: read.layout, span: (section, id) => index.get(`${section}\u0000${id}`) };
}

interface Splice {
  start: number;
  end: number;
  text: string;
  /** A new section's key and records: at the same offset as records added to an existing section, it goes after them. */
  newSection?: true;
}

/**
 * Applies planned changes to the file's text. Records are found by id in the read of this same text.
 * Returns the new text (nothing outside the changed values, the removed records and the added records
 * differs from `text`) and, when the splices are records of existing sections, its layout (see relayout:
 * a write then does not scan the whole new text).
 */
export function applyChanges(text: string, source: EditSource, changes: readonly RecordChange[]): { text: string; spliced: Relayout | undefined; splices?: TextSplice[]; read?: SplicedText; fileStyle?: FileStyle } {
  const style = styleOf(source.layout, text, source.fileStyle);
  if (source.mode === 'full') return { text: applyChangesFull(text, changes, style), spliced: undefined };
  type Span = { start: number; end: number; section: SectionName; id: string };
  const spans = new Map<string, Span>();
  const find = (section: SectionName, id: string): Span => {
    const key = `${section}\u0000${id}`;
    let span = spans.get(key);
    if (!span) {
      const found = source.span(section, id);
      if (!found) throw new ConcordError('ITEM_NOT_FOUND', `${SECTIONS[section].noun} ${id} is not in the file`);
      span = { start: found.start, end: found.end, section, id };
      spans.set(key, span);
    }
    return span;
  };
  const updates = new Map<Span, { path: PathSegment[] | undefined; ops: FieldOp[] }[]>();
  const deletes = new Set<Span>();
  const creates = new Map<SectionName, Record<string, unknown>[]>();
  for (const change of changes) {
    if (change.op === 'create') {
      // Appended in place: an import creates 10,000 records in one write.
      const list = creates.get(change.section);
      if (list) list.push(change.record);
      else creates.set(change.section, [change.record]);
    }
    else if (change.op === 'delete') deletes.add(find(change.section, change.id));
    else {
      const item = find(change.section, change.id);
      updates.set(item, [...(updates.get(item) ?? []), { path: change.path, ops: fieldOps(change) }]);
    }
  }
  const splices: Splice[] = [];
  for (const [item, edits] of updates) {
    if (deletes.has(item)) continue;
    let region = text.slice(item.start, item.end);
    for (const { path, ops } of edits) {
      const where = `${SECTIONS[item.section].noun} ${item.id}`;
      region = editRegion(region, (doc) => descend((doc.contents as YAMLSeq).items[0] as YAMLMap, path, where), ops, style, !path?.length);
    }
    splices.push({ start: item.start, end: item.end, text: region });
  }
  for (const item of deletes) splices.push({ start: item.start, end: item.end, text: '' });
  // Sections of a coordination block the file does not have yet all go into one new `coordination:`.
  const fresh = SECTION_NAMES.filter((n) => creates.has(n) && SECTIONS[n].path.length === 2 && !source.layout.sections[n] && !source.layout.coordination);
  for (const [section, records] of creates) if (!fresh.includes(section)) splices.push(...insertRecords(text, source.layout, section, records, style));
  if (fresh.length) {
    const at = source.layout.contentEnd;
    const blocks = fresh.map((n) => `  ${n}:` + style.eol + creates.get(n)!.map((r) => renderItem(r, style.indentSeq ? 4 : 2, style)).join(''));
    splices.push({ start: at, end: at, text: (at > 0 && text[at - 1] !== '\n' ? style.eol : '') + 'coordination:' + style.eol + blocks.join(''), newSection: true });
  }
  // Spliced from the end so offsets stay valid; of two insertions at one offset the one applied last comes first.
  splices.sort((a, b) => b.start - a.start || b.end - a.end || Number(b.newSection ?? false) - Number(a.newSection ?? false));
  // The splices left to right: the new text's bytes are made from them (store/file.ts, splicedBytes), and its
  // characters read from them (spliced-text.ts), so that the new text is not made whole (slicing it, as applying
  // one splice after another did, makes it whole). The style sample is the same text when every splice is past it.
  const edits = splices.map((s) => ({ start: s.start, end: s.end, text: s.text })).reverse();
  let out = '';
  let at = 0;
  for (const e of edits) {
    out += text.slice(at, e.start) + e.text;
    at = e.end;
  }
  out += text.slice(at);
  const read = splicedText(text, edits);
  const spliced = splices.some((s) => s.newSection) ? undefined : relayout(source.layout, out, splices.map((s) => ({ start: s.start, end: s.end, length: s.text.length })), false, read.slice);
  return { text: out, spliced, splices: edits, read, ...(splices.every((s) => s.start >= STYLE_SAMPLE) ? { fileStyle: style.file } : {}) };
}

/** Where new records of `section` go, and their text (adding the section key when it is missing). */
function insertRecords(text: string, layout: Layout, section: SectionName, records: Record<string, unknown>[], style: Style): Splice[] {
  const s = layout.sections[section];
  const spec = SECTIONS[section];
  const needsBreak = (at: number) => (at > 0 && text[at - 1] !== '\n' ? style.eol : '');
  if (s) {
    const indent = s.itemIndent ?? (style.indentSeq ? s.keyIndent + 2 : s.keyIndent);
    const last = recordSpan(s, recordCount(s) - 1);
    const spelt = last ? records.map((r) => spellLike(r, writtenKeys(text.slice(last.start, last.end)), spec)) : records;
    const body = spelt.map((r) => renderItem(r, indent, style)).join('');
    const splices: Splice[] = [];
    if (s.inline) {
      // `todos: []` becomes `todos:` followed by the records.
      const colon = text.lastIndexOf(':', s.inline.start);
      splices.push({ start: colon + 1, end: s.inline.end, text: '' });
    }
    const at = last ? last.end : s.keyLineEnd;
    splices.push({ start: at, end: at, text: needsBreak(at) + body });
    return splices;
  }
  if (spec.path.length === 1) {
    const at = layout.contentEnd;
    const body = records.map((r) => renderItem(r, style.indentSeq ? 2 : 0, style)).join('');
    return [{ start: at, end: at, text: needsBreak(at) + `${section}:` + style.eol + body, newSection: true }];
  }
  const coord = layout.coordination;
  if (coord) {
    const childIndent = coord.childIndent ?? 2;
    const at = coord.end;
    const body = records.map((r) => renderItem(r, style.indentSeq ? childIndent + 2 : childIndent, style)).join('');
    return [{ start: at, end: at, text: needsBreak(at) + ' '.repeat(childIndent) + `${section}:` + style.eol + body, newSection: true }];
  }
  const at = layout.contentEnd;
  const body = records.map((r) => renderItem(r, style.indentSeq ? 4 : 2, style)).join('');
  return [{ start: at, end: at, text: needsBreak(at) + 'coordination:' + style.eol + `  ${section}:` + style.eol + body, newSection: true }];
}

/** The keys a record is written with (the last record of a section: how the file spells its fields). */
function writtenKeys(chunk: string): Set<string> {
  // A plain record's keys are those the library reads (simple-yaml.ts reads what it reads).
  const simple = readSimpleRecord(chunk);
  if (simple) return new Set(Object.keys(simple));
  const doc = parseYaml(chunk);
  const item = isSeq(doc.contents) ? (doc.contents as YAMLSeq).items[0] : undefined;
  return new Set(isMap(item) ? (item as YAMLMap).items.map((p) => keyName(p as Pair)) : []);
}

/** A new record with each field spelt as its neighbour spells it (`created_at` where the file writes so). */
function spellLike(record: Record<string, unknown>, neighbour: ReadonlySet<string>, spec: RecordSpec): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(record)) {
    const alias = neighbour.has(key) ? undefined : keysForField(spec, key).slice(1).find((a) => neighbour.has(a));
    out[alias ?? key] = value;
  }
  return out;
}

/** The slow path for files the scanner does not handle: one change at a time on the whole text. */
function applyChangesFull(text: string, changes: readonly RecordChange[], style: Style): string {
  let out = text;
  for (const change of changes) {
    const doc = parseYaml(out);
    if (doc.errors.length) throw new ConcordError('INVALID_ECOSYSTEM', `cannot edit ecosystem.yaml while it has a YAML error: ${doc.errors[0]!.message.split('\n')[0]}`, { hint: hint`run ${operationRef('lint')} and fix the file first` });
    const spec = SECTIONS[change.section];
    const seq = doc.getIn(spec.path, true) as Node | undefined;
    const findItem = (d: Document.Parsed, id: string) => {
      const s = d.getIn(spec.path, true);
      const node = isSeq(s) ? (s as YAMLSeq).items.find((n) => isMap(n) && String((n as YAMLMap).get(spec.idKey)) === id) : undefined;
      if (!node) throw new ConcordError('ITEM_NOT_FOUND', `${spec.noun} ${id} is not in the file`);
      return node as YAMLMap;
    };
    if (change.op === 'update') {
      out = editRegion(out, (d) => descend(findItem(d, change.id), change.path, `${spec.noun} ${change.id}`), fieldOps(change), style);
    } else if (change.op === 'delete') {
      const node = findItem(doc, change.id);
      if ((seq as YAMLSeq).flow) throw unsupported(change.section);
      const start = lineStart(out, node.range![0]);
      const end = pastBreak(out, lineEnd(out, contentEnd(out, node)));
      out = out.slice(0, start) + out.slice(end);
    } else {
      if (seq && isSeq(seq) && (seq as YAMLSeq).items.length > 0) {
        if ((seq as YAMLSeq).flow) throw unsupported(change.section);
        const items = (seq as YAMLSeq).items;
        const dash = dashColumn(out, seq as YAMLSeq);
        const at = lineEnd(out, contentEnd(out, items[items.length - 1] as Node));
        out = out.slice(0, at) + style.eol + renderItem(change.record, dash, style).replace(/(\r?\n)$/, '') + out.slice(at);
      } else {
        throw new ConcordError('UNSUPPORTED_LAYOUT', `cannot add the first ${spec.noun} to this file: ${spec.path.join('.')} is missing or not a block list, and the file uses YAML features (anchors across records, flow style or document markers) that Concord only edits in place`, {
          hint: hint`add "${spec.path.join('.')}:" as a block list by hand, or run ${operationRef('lint')} to see why the file is read in full`,
        });
      }
    }
  }
  return out;
}

function unsupported(section: SectionName): ConcordError {
  return new ConcordError('UNSUPPORTED_LAYOUT', `${SECTIONS[section].path.join('.')} is written in flow style ([...]); Concord adds and removes records only in block lists`, {
    hint: `rewrite ${section} as a block list ("- id: ..." on its own lines)`,
  });
}
