// Reading ecosystem.yaml into normalized records, one chunk at a time, reusing records whose text is unchanged.
import { type Document, isMap, isScalar, isSeq, type Node, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic } from '../core/diagnostics.js';
import type { EcosystemMeta } from '../core/model.js';
import { normalizeRecord } from '../core/normalize.js';
import { placementProblems, type WrittenKey } from '../core/placement.js';
import { SECTION_NAMES, SECTIONS, type SectionName } from '../core/sections.js';
import { fromFullDocument, makePositioner, parseYaml, parseChunk, parseFull, type ParsedNode, UnresolvedAlias } from './parse.js';
import { conflictDiagnostics, findMergeConflicts } from './conflicts.js';
import { fingerprintOf } from './file.js';
import { type Layout, scanLayout } from './scan.js';
import { encodingDiagnostics } from './text-codec.js';

/** What the index keeps per record text, so an unchanged record is never parsed again. */
export interface CachedItem {
  id: string | undefined;
  record: Record<string, unknown> | undefined;
  extra: Record<string, unknown> | undefined;
  /** Diagnostics with `line` counted from the record's first line (1). */
  diagnostics: Diagnostic[];
}

export interface ItemEntry extends CachedItem {
  section: SectionName;
  /** Position of the record in its section, as written. */
  ordinal: number;
  start: number;
  end: number;
  /** 1-based line of the record's first line. */
  line: number;
  /** Hash of the record's text. */
  hash: string;
  /** Whether the record came from the cache. */
  cached: boolean;
  /** Set when an earlier record has the same id: this one is then not served. */
  duplicate?: boolean;
}

/** Whether the record is valid and unique, and so part of the snapshot. */
export function isServed(item: ItemEntry): item is ItemEntry & { record: Record<string, unknown> } {
  return item.record !== undefined && !item.duplicate;
}

export interface ReadOutcome {
  mode: 'chunked' | 'full';
  /** Why the whole document had to be parsed, when it was. */
  fullReason?: string;
  layout: Layout;
  items: ItemEntry[];
  meta: EcosystemMeta;
  /** Every diagnostic of the file, with file and absolute lines. */
  diagnostics: Diagnostic[];
  /** How many records were parsed (not taken from the cache). */
  parsed: number;
}

/** Hash of a record's text (the same function as the file fingerprint). */
function shift(d: Diagnostic, by: number): Diagnostic {
  return d.line === undefined ? d : { ...d, line: d.line + by };
}

function normalizeParsed(section: SectionName, parsed: ParsedNode): CachedItem {
  const n = normalizeRecord(SECTIONS[section], parsed.value, parsed.locate);
  // With a syntax error the value is a guess: report the syntax, not what the guess lacks.
  const hasSyntaxError = parsed.errors.length > 0;
  // A record whose value could not be built (its aliases expand too far) still has the id it was written with.
  const id = n.id ?? parsed.errors.find((e) => e.id !== undefined)?.id;
  const found = hasSyntaxError ? parsed.errors.map((d) => ({ ...d, ...(id ? { id } : {}) })) : n.diagnostics;
  // Most records have nothing to say: no copy of an empty list per record.
  const diagnostics = found.length ? found.map((d) => ({ ...d, section })) : [];
  return { id, record: hasSyntaxError ? undefined : n.record, extra: n.extra, diagnostics };
}

/** The top-level scalars, read without converting the document (whose aliases, together, may be many). */
function readMeta(doc: Document): EcosystemMeta {
  if (!isMap(doc.contents)) return {};
  const str = (x: unknown) => (typeof x === 'string' || typeof x === 'number' ? String(x) : undefined);
  const meta: EcosystemMeta = {};
  const version = str(doc.get('version'));
  const description = str(doc.get('description'));
  const maintainer = str(doc.get('maintainer'));
  if (version) meta.version = version;
  if (description) meta.description = description;
  if (maintainer) meta.maintainer = maintainer;
  return meta;
}

/**
 * Reads the whole file. `lookup` returns what an earlier read found for a record text with that hash;
 * only records whose text is new are parsed. Never throws on bad content: problems are diagnostics.
 */
export function readEcosystemText(text: string, file: string, lookup?: (hash: string) => CachedItem | undefined): ReadOutcome {
  const read = readText(text, file, lookup);
  const encoding = encodingDiagnostics(text);
  return encoding.length ? { ...read, diagnostics: [...encoding.map((d) => ({ ...d, file })), ...read.diagnostics] } : read;
}

function readText(text: string, file: string, lookup?: (hash: string) => CachedItem | undefined): ReadOutcome {
  const conflicts = findMergeConflicts(text);
  if (conflicts.length) {
    const layout: Layout = { chunked: false, reason: 'unresolved merge conflict', eol: '\n', sections: {}, contentEnd: text.length };
    // Nothing is parsed: the conflicts are the only thing worth saying about the file.
    return finish({ mode: 'chunked', layout, items: [], meta: {}, diagnostics: conflictDiagnostics(conflicts), parsed: 0 }, file);
  }
  const layout = scanLayout(text);
  if (layout.chunked) {
    try {
      return finish(readChunked(text, layout, lookup), file);
    } catch (e) {
      if (!(e instanceof UnresolvedAlias)) throw e;
      return finish(readFull(text, layout, `an alias refers to an anchor in another record (${e.message})`), file);
    }
  }
  return finish(readFull(text, layout, layout.reason ?? 'unusual layout'), file);
}

function readChunked(text: string, layout: Layout, lookup?: (hash: string) => CachedItem | undefined): Omit<ReadOutcome, 'diagnostics'> & { diagnostics: Diagnostic[] } {
  const items: ItemEntry[] = [];
  let parsed = 0;
  const spans: { start: number; end: number }[] = [];
  for (const section of SECTION_NAMES) {
    const s = layout.sections[section];
    if (!s) continue;
    s.chunks.forEach((c, ordinal) => {
      spans.push(c);
      const chunkText = text.slice(c.start, c.end);
      const hash = fingerprintOf(chunkText);
      const hit = lookup?.(hash);
      let item: CachedItem;
      // One object per record (a re-read after a hand edit reuses thousands): most have no diagnostics to shift.
      if (hit) item = hit.diagnostics.length ? { ...hit, diagnostics: hit.diagnostics.map((d) => shift(d, c.line - 1)) } : hit;
      else {
        parsed++;
        item = normalizeParsed(section, parseChunk(chunkText, c.start, c.line));
      }
      items.push({ id: item.id, record: item.record, extra: item.extra, diagnostics: item.diagnostics.length ? item.diagnostics : [], section, ordinal, start: c.start, end: c.end, line: c.line, hash, cached: Boolean(hit) });
    });
  }
  // The rest of the document (everything but the records): metadata, settings, comments.
  const { skeleton, map } = skeletonOf(text, spans);
  const doc = parseYaml(skeleton);
  const meta = readMeta(doc);
  let positioner: ((offset: number) => { line: number; column: number }) | undefined;
  const position = (offset: number) => (positioner ??= makePositioner(text))(offset);
  const toFile = (offset: number) => {
    let seg = map[0]!;
    for (const m of map) if (m.from <= offset) seg = m;
    return seg.to + (offset - seg.from);
  };
  const diagnostics: Diagnostic[] = doc.errors.map((e) => {
    const p = position(toFile(e.pos[0]));
    return { severity: 'error', code: 'YAML_SYNTAX', message: e.message.split('\n')[0]!, fix: 'correct the YAML at this position', line: p.line, column: p.column };
  });
  if (doc.errors.length === 0) diagnostics.push(...placementProblems(writtenKeys(doc, (offset) => position(toFile(offset)))));
  return { mode: 'chunked', layout, items, meta, diagnostics, parsed };
}

/** The text without its records (their spans), and where each piece of it is in the text. */
function skeletonOf(text: string, spans: { start: number; end: number }[]): { skeleton: string; map: { from: number; to: number }[] } {
  spans.sort((a, b) => a.start - b.start);
  let skeleton = '';
  const map: { from: number; to: number }[] = [];
  let at = 0;
  for (const s of spans) {
    map.push({ from: skeleton.length, to: at });
    skeleton += text.slice(at, s.start);
    at = s.end;
  }
  map.push({ from: skeleton.length, to: at });
  skeleton += text.slice(at);
  return { skeleton, map };
}

/**
 * Hash of what a chunked read takes from outside the records (metadata, settings, comments, the section
 * keys): while it is the same, so are the metadata and the file-level problems (counted; lint re-reads).
 */
export function skeletonHash(text: string, layout: Layout): string {
  const spans = SECTION_NAMES.flatMap((n) => layout.sections[n]?.chunks ?? []).map((c) => ({ start: c.start, end: c.end }));
  return fingerprintOf(skeletonOf(text, spans).skeleton);
}

/** One record of a chunked read, as readEcosystemText reads it (lines relative to its first line, no duplicate check). */
export function readRecordChunk(section: SectionName, chunkText: string, start: number, line: number): CachedItem {
  return toCached({ ...normalizeParsed(section, parseChunk(chunkText, start, line)), section, ordinal: 0, start, end: start + chunkText.length, line, hash: '', cached: false });
}

function readFull(text: string, layout: Layout, reason: string): Omit<ReadOutcome, 'diagnostics'> & { diagnostics: Diagnostic[] } {
  const full = parseFull(text);
  const items: ItemEntry[] = [];
  const lineStartOf = (offset: number) => text.lastIndexOf('\n', offset - 1) + 1;
  const lineEndOf = (offset: number) => {
    const nl = text.indexOf('\n', offset);
    return nl === -1 ? text.length : nl + 1;
  };
  for (const section of SECTION_NAMES) {
    const seq = full.doc.getIn(SECTIONS[section].path, true) as Node | undefined;
    if (!seq || !isSeq(seq)) continue;
    (seq as YAMLSeq).items.forEach((node, ordinal) => {
      const n = node as Node | null;
      const range = n?.range ?? [0, 0, 0];
      const start = lineStartOf(range[0]);
      const end = lineEndOf(Math.max(range[1] - 1, range[0]));
      const item = normalizeParsed(section, fromFullDocument(full, n));
      const line = full.position(start).line;
      items.push({ ...item, section, ordinal, start, end, line, hash: fingerprintOf(text.slice(start, end)), cached: false });
    });
  }
  const root = full.doc.contents;
  const diagnostics = [...full.errors];
  if (root !== null && !isMap(root) && full.errors.length === 0) {
    diagnostics.push({ severity: 'error', code: 'INVALID_ECOSYSTEM', message: 'ecosystem.yaml must be a mapping with repos:, roles: and coordination:', fix: 'start the file with "repos:"', line: 1, column: 1 });
  }
  if (full.errors.length === 0) diagnostics.push(...placementProblems(writtenKeys(full.doc, full.position)));
  const meta = readMeta(full.doc);
  return { mode: 'full', fullReason: reason, layout, items, meta, diagnostics, parsed: items.length };
}

/** The keys at the top of the document and under `coordination:`, where sections may be. */
function writtenKeys(doc: Document, position: (offset: number) => { line: number; column: number }): WrittenKey[] {
  const out: WrittenKey[] = [];
  const collect = (map: unknown, parent: WrittenKey['parent']) => {
    if (!isMap(map)) return;
    for (const pair of (map as YAMLMap).items) {
      if (!isScalar(pair.key) || typeof pair.key.value !== 'string' || !pair.key.range) continue;
      const at = pair.key.range[0];
      out.push({ key: pair.key.value, parent, position: () => position(at), list: isSeq(pair.value) });
      if (parent === 'top' && pair.key.value === 'coordination') collect(pair.value, 'coordination');
    }
  };
  collect(doc.contents, 'top');
  return out;
}

/** Marks duplicate ids (a record keeps its id only if no earlier record had it) and collects diagnostics. */
function finish(out: Omit<ReadOutcome, 'diagnostics'> & { diagnostics: Diagnostic[] }, file: string): ReadOutcome {
  const seen = new Map<string, { section: SectionName; line: number }>();
  const seenNames = new Map<string, number>();
  for (const item of out.items) {
    if (!item.record || item.id === undefined) continue;
    const names = item.section === 'repos' || item.section === 'roles';
    const key = names ? `${item.section}:${item.id}` : item.id;
    const milestones = names ? undefined : (item.record['milestones'] as { id: string }[] | undefined);
    // The first earlier use of the record's id or of one of its milestones' ids (no arrays: 10,000 records are checked).
    let clash = names ? (seenNames.has(key) ? { section: item.section, line: seenNames.get(key)! } : undefined) : seen.get(item.id);
    if (!clash && milestones) for (const m of milestones) if ((clash = seen.get(m.id))) break;
    if (clash) {
      item.duplicate = true;
      item.diagnostics = [
        ...item.diagnostics,
        {
          severity: 'error',
          code: 'DUPLICATE_ID',
          message: `${SECTIONS[item.section].noun} ${item.id} repeats an id already used by a ${SECTIONS[clash.section].noun} at line ${clash.line}`,
          fix: 'give one of them a new id (and update references to it)',
          section: item.section,
          id: item.id,
          line: item.line,
          column: 1,
        },
      ];
      continue;
    }
    if (names) seenNames.set(key, item.line);
    else {
      const at = { section: item.section, line: item.line };
      seen.set(item.id, at);
      for (const m of milestones ?? []) seen.set(m.id, at);
    }
  }
  // Most of 10,000 records have no diagnostics: a loop, not a flatMap of as many empty lists.
  const diagnostics = out.diagnostics.map((d) => ({ ...d, file }));
  for (const item of out.items) for (const d of item.diagnostics) diagnostics.push({ ...d, file });
  return { ...out, diagnostics };
}

/** Converts an item's diagnostics to the cached form (lines relative to the item). */
export function toCached(item: ItemEntry): CachedItem {
  return {
    id: item.id,
    record: item.record,
    extra: item.extra,
    diagnostics: item.diagnostics.filter((d) => d.code !== 'DUPLICATE_ID').map((d) => shift(d, -(item.line - 1))),
  };
}
