// A line scanner that finds each record of ecosystem.yaml as a span of text (a chunk), without parsing YAML.
//
// Parsing a 10,000-todo file with the `yaml` library takes seconds, so reads and writes work per record:
// a record is parsed only when its text changed, and a write re-prints only the records it touches. The
// scanner handles block-style sequences (the form people and Concord write); anything unusual (flow
// sections, tabs, document markers, odd indentation) makes it give up, and the caller parses the whole
// document instead, which is slower but always right.
import { SECTIONS, type SectionName } from '../core/sections.js';

export interface ChunkSpan {
  /** Offset of the start of the item's `-` line. */
  start: number;
  /** Offset just past the item's last line (including its line break). */
  end: number;
  /** 1-based line of `start` (worked out when first read). */
  readonly line: number;
}

export interface SectionLayout {
  name: SectionName;
  /** Column of the section key (`todos:`). */
  keyIndent: number;
  /** Offset just past the key line (including its line break, if any). */
  keyLineEnd: number;
  /** An inline value on the key line that stands for "no items": `[]`, `~`, `null`. */
  inline?: { start: number; end: number };
  /** Column of the items' `-`, when there are items. */
  itemIndent?: number;
  chunks: ChunkSpan[];
}

export interface Layout {
  /** False when the file has a shape the scanner does not handle; `reason` says which. */
  chunked: boolean;
  reason?: string;
  eol: '\n' | '\r\n';
  sections: Partial<Record<SectionName, SectionLayout>>;
  /** The `coordination:` block, if present: where its children start and end. */
  coordination?: { childIndent?: number; end: number; keyLineEnd: number };
  /** Offset just past the last non-blank line of the file. */
  contentEnd: number;
}

const COORDINATION_SECTIONS = new Set<string>(['issues', 'plans', 'todos', 'dependencies']);
const TOP_SECTIONS = new Set<string>(['repos', 'roles']);
const KEY = /^(?:"([^"\\]*)"|'([^']*)'|([^\s#'"{[\]},&*!|>%@`?:-][^:#]*?|-[^\s:#][^:#]*?))[ ]*:(?=[ \t]|$)/;

class GiveUp extends Error {}

/**
 * A run of lines deeper than `itemIndent` whose first character after the indentation is plain content (not a
 * tab, a comment, a line break): the lines the scanner would add to the open record one at a time.
 */
const bodyRuns = new Map<number, RegExp>();
function bodyRun(itemIndent: number): RegExp {
  let re = bodyRuns.get(itemIndent);
  if (!re) bodyRuns.set(itemIndent, (re = new RegExp(`(?: {${itemIndent + 1},}[^ \\t\\r\\n#][^\\n]*(?:\\n|$))+`, 'y')));
  return re;
}

/**
 * Line numbers of offsets in the text, found when first asked: a write needs none (it parses the chunks it
 * touched with lines relative to each), and counting the lines of a 10,000-todo file costs ~15 ms.
 */
class LineTable {
  #breaks: number[] | undefined;
  constructor(private readonly text: string) {}

  /** 1-based line of `offset`. */
  lineAt(offset: number): number {
    const breaks = (this.#breaks ??= breaksOf(this.text));
    let lo = 0;
    let hi = breaks.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (breaks[mid]! < offset) lo = mid + 1;
      else hi = mid;
    }
    return lo + 1;
  }
}

function breaksOf(text: string): number[] {
  const out: number[] = [];
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) out.push(i);
  return out;
}

/** A chunk whose line is worked out when asked. */
class Chunk implements ChunkSpan {
  constructor(
    public start: number,
    public end: number,
    private readonly lines: LineTable,
  ) {}

  get line(): number {
    return this.lines.lineAt(this.start);
  }
}

/**
 * The records of a section a kept layout gives (layoutFromData) or relayout works out, packed as [start, end,
 * start, end, ...]: a write asks for a few of them (recordSpan, recordCount) and keeps them packed
 * (layoutData), and `chunks` is made, once, only if something asks for it. A ChunkSpan object per record,
 * made three times in a write at 10,000 todos (read, relayout, kept), cost it ~10 ms, most of it in collections.
 */
const PACKED = new WeakMap<SectionLayout, Int32Array>();

function packedSection(head: Omit<SectionLayout, 'chunks'>, offsets: Int32Array, lines: LineTable): SectionLayout {
  const s = { name: head.name, keyIndent: head.keyIndent, keyLineEnd: head.keyLineEnd, ...(head.inline ? { inline: head.inline } : {}), ...(head.itemIndent !== undefined ? { itemIndent: head.itemIndent } : {}) } as SectionLayout;
  Object.defineProperty(s, 'chunks', {
    enumerable: true,
    configurable: true,
    get() {
      const chunks: ChunkSpan[] = [];
      for (let i = 0; i < offsets.length; i += 2) chunks.push(new Chunk(offsets[i]!, offsets[i + 1]!, lines));
      Object.defineProperty(s, 'chunks', { value: chunks, enumerable: true, writable: true, configurable: true });
      // From now on the objects are the records (whoever asked for them may change them).
      PACKED.delete(s);
      return chunks;
    },
  });
  PACKED.set(s, offsets);
  return s;
}

/** How many records a section has. */
export function recordCount(s: SectionLayout | undefined): number {
  if (!s) return 0;
  const packed = PACKED.get(s);
  return packed ? packed.length >> 1 : s.chunks.length;
}

/** Where record `i` of a section is (undefined past its last). */
export function recordSpan(s: SectionLayout | undefined, i: number): { start: number; end: number } | undefined {
  if (!s || i < 0) return undefined;
  const packed = PACKED.get(s);
  if (!packed) return s.chunks[i];
  return 2 * i < packed.length ? { start: packed[2 * i]!, end: packed[2 * i + 1]! } : undefined;
}

/** A section's records as [start, end, ...] (packed ones as they are). */
function offsetsOf(s: SectionLayout): Int32Array {
  const packed = PACKED.get(s);
  if (packed) return packed;
  const offsets = new Int32Array(s.chunks.length * 2);
  for (let i = 0; i < s.chunks.length; i++) {
    offsets[2 * i] = s.chunks[i]!.start;
    offsets[2 * i + 1] = s.chunks[i]!.end;
  }
  return offsets;
}

function keyOf(content: string, indent: number): { key: string; rest: number } | undefined {
  const m = KEY.exec(content.slice(indent));
  if (!m) return undefined;
  return { key: (m[1] ?? m[2] ?? m[3] ?? '').trim(), rest: indent + m[0].length };
}

/** The inline value after `key:`, without a trailing comment. */
function inlineValue(content: string, from: number): string {
  const rest = content.slice(from);
  const hash = rest.search(/(^|\s)#/);
  return (hash === -1 ? rest : rest.slice(0, hash)).trim();
}

export function scanLayout(text: string): Layout {
  const firstBreak = text.indexOf('\n');
  const eol: Layout['eol'] = firstBreak > 0 && text.charCodeAt(firstBreak - 1) === 13 ? '\r\n' : '\n';
  const layout: Layout = { chunked: true, eol, sections: {}, contentEnd: 0 };
  try {
    scan(text, layout);
  } catch (e) {
    if (!(e instanceof GiveUp)) throw e;
    return { chunked: false, reason: e.message, eol, sections: {}, contentEnd: layout.contentEnd };
  }
  return layout;
}

function scan(text: string, layout: Layout): void {
  const lines = new LineTable(text);
  let section: SectionLayout | undefined;
  let chunk: ChunkSpan | undefined;
  let inCoordination = false;
  const seenTop = new Set<string>();
  const closeChunk = () => {
    if (chunk && section) section.chunks.push(chunk);
    chunk = undefined;
  };
  const closeSection = () => {
    closeChunk();
    section = undefined;
  };
  const openSection = (name: SectionName, keyIndent: number, content: string, rest: number, lineStart: number, lineEnd: number) => {
    if (layout.sections[name]) throw new GiveUp(`"${name}" appears twice`);
    const value = inlineValue(content, rest);
    const s: SectionLayout = { name, keyIndent, keyLineEnd: lineEnd, chunks: [] };
    if (value === '[]' || value === '~' || value === 'null') {
      const at = lineStart + content.indexOf(value, rest);
      s.inline = { start: at, end: at + value.length };
    } else if (value !== '') throw new GiveUp(`"${name}" is not a block sequence`);
    layout.sections[name] = s;
    section = s;
  };

  let pos = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  while (pos < text.length) {
    const nl = text.indexOf('\n', pos);
    const lineEnd = nl === -1 ? text.length : nl + 1;
    const contentEnd = nl === -1 ? text.length : nl > pos && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
    const lineStart = pos;
    pos = lineEnd;
    let i = lineStart;
    while (i < contentEnd && text.charCodeAt(i) === 32) i++;
    if (i === contentEnd) continue; // blank
    const indent = i - lineStart;
    const code = text.charCodeAt(i);
    if (code === 9) {
      // A line of only spaces and tabs is blank; a tab before content is not YAML indentation.
      if (text.slice(i, contentEnd).trim() === '') continue;
      throw new GiveUp('a tab in the indentation');
    }
    if (code === 35 /* # */) {
      // A comment inside an item (deeper than its dash) belongs to the item.
      if (chunk && section?.itemIndent !== undefined && indent > section.itemIndent) chunk.end = lineEnd;
      continue;
    }
    layout.contentEnd = lineEnd;
    const next = i + 1 < contentEnd ? text.charCodeAt(i + 1) : -1;
    const isDash = code === 45 /* - */ && (next === -1 || next === 32);
    // Most lines are inside a record: decide those without building a string, and take the run of plain
    // lines that follows in one native regex match (a cold process interprets this loop: a line at a time,
    // a 10,000-todo file took ~90 ms to scan; a record at a time, a few ms).
    if (section && section.itemIndent !== undefined && !section.inline && indent > section.itemIndent && chunk) {
      let end = lineEnd;
      const run = bodyRun(section.itemIndent);
      run.lastIndex = lineEnd;
      if (run.test(text)) {
        end = run.lastIndex;
        pos = end;
      }
      chunk.end = end;
      layout.contentEnd = end;
      if (inCoordination && layout.coordination) layout.coordination.end = end;
      continue;
    }
    const content = text.slice(lineStart, contentEnd);
    const first = content[indent]!;

    // A line of the open section?
    if (section && (indent > section.keyIndent || (indent === section.keyIndent && isDash))) {
      if (section.inline) throw new GiveUp(`"${section.name}" has content after its inline value`);
      if (section.itemIndent === undefined) {
        if (!isDash) throw new GiveUp(`"${section.name}" is not a sequence of records`);
        section.itemIndent = indent;
      }
      if (indent === section.itemIndent && isDash) {
        closeChunk();
        chunk = new Chunk(lineStart, lineEnd, lines);
      } else if (indent > section.itemIndent && chunk) {
        chunk.end = lineEnd;
      } else {
        throw new GiveUp(`unexpected indentation in "${section.name}"`);
      }
      if (inCoordination && layout.coordination) layout.coordination.end = lineEnd;
      continue;
    }

    if (indent === 0) {
      closeSection();
      inCoordination = false;
      if (isDash) throw new GiveUp('the document is a sequence, not a mapping');
      if (content.startsWith('---') || content.startsWith('...') || first === '%') throw new GiveUp('document markers or directives');
      const k = keyOf(content, 0);
      if (!k) throw new GiveUp(`cannot read the top-level key on "${content.slice(0, 40)}"`);
      if (seenTop.has(k.key)) throw new GiveUp(`top-level key "${k.key}" appears twice`);
      seenTop.add(k.key);
      if (TOP_SECTIONS.has(k.key)) openSection(k.key as SectionName, 0, content, k.rest, lineStart, lineEnd);
      else if (k.key === 'coordination') {
        if (inlineValue(content, k.rest) !== '') throw new GiveUp('coordination is not a block mapping');
        inCoordination = true;
        layout.coordination = { end: lineEnd, keyLineEnd: lineEnd };
      }
      continue;
    }

    if (inCoordination) {
      const coord = layout.coordination!;
      coord.childIndent ??= indent;
      coord.end = lineEnd;
      if (indent < coord.childIndent) throw new GiveUp('unexpected indentation in coordination');
      if (indent === coord.childIndent) {
        closeSection();
        if (isDash) throw new GiveUp('coordination is a sequence');
        const k = keyOf(content, indent);
        if (!k) throw new GiveUp(`cannot read the key on "${content.trim().slice(0, 40)}"`);
        if (COORDINATION_SECTIONS.has(k.key)) openSection(k.key as SectionName, indent, content, k.rest, lineStart, lineEnd);
      }
      // Deeper lines under a non-section child of coordination are not ours.
      continue;
    }
    // Deeper lines under another top-level key: not ours.
  }
  closeSection();
  for (const name of Object.keys(layout.sections) as SectionName[]) {
    if (!(name in SECTIONS)) throw new GiveUp(`unknown section ${name}`);
  }
}

/** Characters of a text replaced: [start, end) of the text before, by `length` characters. */
export interface Resplice {
  start: number;
  end: number;
  length: number;
}

/** Records `at`..`at + length - 1` of a section after splices were records `from`.. before (`from` -1: scanned again). */
export interface Origin {
  at: number;
  length: number;
  from: number;
}

/** A layout worked out from splices, and where each section's records of it were before, in runs. */
export interface Relayout {
  layout: Layout;
  origins: Partial<Record<SectionName, Origin[]>>;
}

/**
 * The layout of `text`, which is the text `before` describes with runs of whole records replaced or removed,
 * or records added after the last record of their section (`splices`, in the old text's offsets): the scan
 * of the whole text, without scanning it. Everything outside the splices moves by what the splices before it
 * added or removed, and each splice's new text is scanned alone, as records of its section. That is what a
 * scan of the whole text finds: the scanner reads line by line, and a splice here starts on a record's dash
 * line (or just past its section's last record) and ends with a line break, where the scanner is in the same
 * state either way (a record of that section open), so the lines after it are read as they were. Lines
 * between the records of a splice (blank lines, comments) are refused unless `gaps` (then the text outside
 * the records may have changed: the caller checks it). Undefined for any other splice (a section added, a
 * `[]` replaced, a splice that does not scan as whole records of its section, a section left without
 * records, the file's last content removed): the caller scans the whole text then. `read` gives `text`'s
 * characters (a write's reads them from its pieces: store/spliced-text.ts).
 */
export function relayout(before: Layout, text: string, splices: readonly Resplice[], gaps = false, read: (start: number, end: number) => string = (a, b) => text.slice(a, b)): Relayout | undefined {
  if (!before.chunked) return undefined;
  // By end, then start: a record replaced and records added just past it come in that order.
  const sorted = [...splices].sort((a, b) => a.end - b.end || a.start - b.start);
  const ends: number[] = [];
  const shifts: number[] = [0];
  for (let i = 0; i < sorted.length; i++) {
    const s = sorted[i]!;
    const prev = sorted[i - 1];
    if (prev && (s.start < prev.end || (s.start === s.end && prev.start === prev.end && prev.start === s.start))) return undefined;
    ends.push(s.end);
    shifts.push(shifts[i]! + s.length - (s.end - s.start));
  }
  // A position outside the splices moves by every splice that ends at or before it (records added at a
  // position go before it: what ended there, the section or the coordination block, now ends after them).
  const moved = (p: number) => {
    let lo = 0;
    let hi = ends.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! <= p) lo = mid + 1;
      else hi = mid;
    }
    return p + shifts[lo]!;
  };
  const lines = new LineTable(text);
  const after: Layout = { chunked: true, eol: before.eol, sections: {}, contentEnd: moved(before.contentEnd) };
  const origins: Relayout['origins'] = {};
  if (before.coordination) after.coordination = { ...before.coordination, end: moved(before.coordination.end), keyLineEnd: moved(before.coordination.keyLineEnd) };
  let placed = 0;
  for (const name of Object.keys(before.sections) as SectionName[]) {
    const old = before.sections[name]!;
    const head: Omit<SectionLayout, 'chunks'> = { name, keyIndent: old.keyIndent, keyLineEnd: moved(old.keyLineEnd), ...(old.inline ? { inline: { start: moved(old.inline.start), end: moved(old.inline.end) } } : {}), ...(old.itemIndent !== undefined ? { itemIndent: old.itemIndent } : {}) };
    const chunks = offsetsOf(old);
    const count = chunks.length >> 1;
    if (count === 0) {
      after.sections[name] = packedSection(head, chunks, lines);
      continue;
    }
    // The new records, packed (grown when a splice scans into more records than it replaced).
    let out = new Int32Array(chunks.length + 16);
    let n = 0;
    const reserve = (records: number) => {
      if (2 * (n + records) <= out.length) return;
      const grown = new Int32Array(Math.max(2 * out.length, 2 * (n + records)));
      grown.set(out);
      out = grown;
    };
    const push = (start: number, end: number) => {
      reserve(1);
      out[2 * n] = start;
      out[2 * n + 1] = end;
      n++;
    };
    const runs: Origin[] = (origins[name] = []);
    const origin = (from: number) => {
      const run = runs[runs.length - 1];
      const at = n - 1;
      if (run && run.at + run.length === at && (from === -1 ? run.from === -1 : run.from !== -1 && run.from + run.length === from)) run.length++;
      else runs.push({ at, length: 1, from });
    };
    // No splice is inside an untouched record (records added just past it do not move its end), so the
    // records up to the next splice all move by the same amount: kept in one loop and one origin run (a
    // closure call per record, 10,000 of them, cost ~15 ms of a cold write).
    const keepUpTo = (to: number) => {
      const from = k;
      if (from >= to) return;
      const shift = moved(chunks[2 * from]!) - chunks[2 * from]!;
      reserve(to - from);
      if (shift === 0) out.set(chunks.subarray(2 * from, 2 * to), 2 * n);
      else for (let i = 2 * from, o = 2 * n; i < 2 * to; i++, o++) out[o] = chunks[i]! + shift;
      n += to - from;
      k = to;
      const at = n - (to - from);
      const run = runs[runs.length - 1];
      if (run && run.at + run.length === at && run.from !== -1 && run.from + run.length === from) run.length += to - from;
      else runs.push({ at, length: to - from, from });
    };
    const first = chunks[0]!;
    const lastStart = chunks[2 * count - 2]!;
    const lastEnd = chunks[2 * count - 1]!;
    let k = 0;
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!;
      if (x.start < first || x.end > lastEnd) continue;
      const adds = x.start === x.end;
      if (adds && x.start !== lastEnd) return undefined;
      const at = adds ? count : chunkAt(chunks, count, x.start, k, 0);
      const to = adds ? at : chunkAt(chunks, count, x.end, at, 1);
      if (at === -1 || to === -1) return undefined;
      placed++;
      keepUpTo(at);
      if (!adds) k = to + 1;
      // The end of the file's content, or of the coordination block, may be this splice's: its own scan says where it is now.
      const lo = adds ? lastStart : x.start;
      const endsHere = (v: number | undefined) => v !== undefined && v > lo && v <= x.end;
      if (x.length === 0) {
        if (endsHere(before.contentEnd) || endsHere(before.coordination?.end)) return undefined;
        continue;
      }
      const start = x.start + shifts[i]!;
      const region = rescan(read, start, start + x.length, name, old, gaps);
      if (!region) return undefined;
      for (const c of region.chunks) {
        push(c.start, c.end);
        origin(-1);
      }
      if (endsHere(before.contentEnd)) after.contentEnd = region.contentEnd;
      if (after.coordination && endsHere(before.coordination!.end)) {
        if (region.coordinationEnd === undefined) return undefined;
        after.coordination.end = region.coordinationEnd;
      }
    }
    keepUpTo(count);
    if (n === 0) return undefined;
    after.sections[name] = packedSection(head, out.slice(0, 2 * n), lines);
  }
  return placed === sorted.length ? { layout: after, origins } : undefined;
}

/** The index (from `from` on) of the record of `offsets` that starts (side 0) or ends (side 1) exactly at `offset`, or -1. */
function chunkAt(offsets: Int32Array, count: number, offset: number, from: number, side: 0 | 1): number {
  let lo = from;
  let hi = count;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (offsets[2 * mid + side]! < offset) lo = mid + 1;
    else hi = mid;
  }
  return lo < count && offsets[2 * lo + side] === offset ? lo : -1;
}

/**
 * The records in text[from, to) scanned as a section of their own (its key line at the section's column):
 * undefined unless they are whole records of that section from `from` to `to`, with nothing between them
 * unless `gaps`.
 */
function rescan(read: (start: number, end: number) => string, from: number, to: number, name: SectionName, old: SectionLayout, gaps: boolean): { chunks: { start: number; end: number }[]; contentEnd: number; coordinationEnd?: number } | undefined {
  if ((from > 0 && read(from - 1, from) !== '\n') || read(to - 1, to) !== '\n') return undefined;
  const head = (SECTIONS[name].path.length === 2 ? 'coordination:\n' : '') + ' '.repeat(old.keyIndent) + `${name}:\n`;
  const mini = scanLayout(head + read(from, to));
  const s = mini.sections[name];
  if (!mini.chunked || !s || s.itemIndent !== old.itemIndent || Object.keys(mini.sections).length !== 1 || s.chunks.length === 0) return undefined;
  const by = from - head.length;
  const chunks = s.chunks.map((c) => ({ start: c.start + by, end: c.end + by }));
  // Content past the last record would have closed the section (comments are not content).
  if (chunks[0]!.start !== from || chunks[chunks.length - 1]!.end !== to || mini.contentEnd + by > to) return undefined;
  if (!gaps) for (let i = 1; i < chunks.length; i++) if (chunks[i]!.start !== chunks[i - 1]!.end) return undefined;
  return { chunks, contentEnd: mini.contentEnd + by, ...(mini.coordination ? { coordinationEnd: mini.coordination.end + by } : {}) };
}

/**
 * A layout as plain data (JSON), each section's records as one string: [start, end, start, end, ...] as 32-bit
 * little-endian integers in base64 (JSON arrays of 100,000 numbers cost ~15 ms to parse, ~15 to print).
 */
export interface LayoutData {
  eol: Layout['eol'];
  contentEnd: number;
  coordination?: Layout['coordination'];
  sections: Partial<Record<SectionName, Omit<SectionLayout, 'chunks'> & { chunks: string }>>;
}

/** Whether this machine's typed arrays are little-endian (the kept form is, whatever the machine). */
const LITTLE = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

export function layoutData(layout: Layout): LayoutData {
  const sections: LayoutData['sections'] = {};
  for (const [name, s] of Object.entries(layout.sections) as [SectionName, SectionLayout][]) {
    const offsets = offsetsOf(s);
    const bytes = Buffer.from(offsets.buffer, offsets.byteOffset, offsets.byteLength);
    const base64 = (LITTLE ? bytes : Buffer.from(bytes).swap32()).toString('base64');
    // In the order of the keys of a scanned section (the kept note's text is what it was).
    sections[name] = { name, keyIndent: s.keyIndent, keyLineEnd: s.keyLineEnd, chunks: base64, ...(s.inline ? { inline: s.inline } : {}), ...(s.itemIndent !== undefined ? { itemIndent: s.itemIndent } : {}) };
  }
  return { eol: layout.eol, contentEnd: layout.contentEnd, ...(layout.coordination ? { coordination: layout.coordination } : {}), sections };
}

/** A section's records in `layoutData`: [start, end, start, end, ...]. */
export function chunkOffsets(section: { chunks: string }): Int32Array {
  const decoded = Buffer.from(section.chunks, 'base64');
  // Copied into a buffer of its own: the decoded bytes may not start on a 4-byte boundary of theirs.
  const bytes = new Uint8Array(decoded.length);
  bytes.set(decoded);
  if (!LITTLE) Buffer.from(bytes.buffer).swap32();
  return new Int32Array(bytes.buffer);
}

/** The layout `layoutData` gave, of `text` (whose lines its records count). */
export function layoutFromData(text: string, data: LayoutData): Layout {
  const lines = new LineTable(text);
  const sections: Layout['sections'] = {};
  for (const [name, s] of Object.entries(data.sections) as [SectionName, LayoutData['sections'][SectionName] & object][]) {
    sections[name] = packedSection(s, chunkOffsets(s), lines);
  }
  return { chunked: true, eol: data.eol, contentEnd: data.contentEnd, ...(data.coordination ? { coordination: data.coordination } : {}), sections };
}
