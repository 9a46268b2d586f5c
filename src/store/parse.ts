// Parsing one record's text (or the whole document) into a value with positions for every field.
import * as yaml from 'yaml';
import { type Document, isMap, isNode, isScalar, isSeq, LineCounter, type Node, visit, type YAMLMap, type YAMLSeq } from 'yaml';
import type { Diagnostic, Position } from '../core/diagnostics.js';
import type { Locate } from '../core/normalize.js';
import { readSimpleRecord } from './simple-yaml.js';
import { ALIAS_LIMIT, boundedValue, parseBounded } from './yaml-bounded.js';

/**
 * How far the aliases of one record may expand (the `yaml` library's count: uses of an anchor times the
 * aliases inside it). A 500-byte "billion laughs" record would otherwise expand to gigabytes when the
 * record is indexed; a hundred uses of `<<: *defaults` in one record is far more than people write.
 */
export { ALIAS_LIMIT };

/** Options shared by every parse: YAML 1.2 core schema with `<<` merge keys (PyYAML reads them too). */
export const PARSE_OPTIONS = { keepSourceTokens: false, prettyErrors: false, maxAliasCount: ALIAS_LIMIT, uniqueKeys: true, merge: true } as const;

/** Parses ecosystem.yaml text (a record or the whole file) at a bounded cost (see yaml-bounded.ts). */
export const parseYaml = (text: string): Document.Parsed => parseBounded(yaml, text, PARSE_OPTIONS);

export class UnresolvedAlias extends Error {}

/**
 * The value of a record node, or the diagnostic of aliases that expand past ALIAS_LIMIT (the record is then
 * not read). Throws UnresolvedAlias for an alias whose anchor is not in this text.
 */
function recordValue(node: Node | null, doc: Document, position: (offset: number) => Position): { value: unknown; error?: Diagnostic } {
  let read;
  try {
    read = boundedValue(yaml, doc, node, ALIAS_LIMIT);
  } catch (e) {
    throw new UnresolvedAlias((e as Error).message);
  }
  if (!read.aliasBomb) return { value: read.value };
  const at = position(read.aliasBomb.offset);
  const idNode = nodeAt(node, ['id']);
  const id = isScalar(idNode) ? String(idNode.value) : undefined;
  return {
    value: null,
    error: {
      severity: 'error',
      code: 'ALIAS_LIMIT',
      message: `its aliases expand to more than ${ALIAS_LIMIT} nodes (nested anchors such as a "billion laughs" file), so the record is not read`,
      fix: 'write the values out, or use fewer aliases of anchors that themselves hold aliases',
      line: at.line,
      column: at.column,
      ...(id ? { id } : {}),
    },
  };
}

export interface ParsedNode {
  /** The item's mapping (or whatever node the item is). */
  node: Node | null;
  doc: Document;
  /** Offset of the parsed text within the file. */
  offset: number;
  value: unknown;
  locate: Locate;
  errors: Diagnostic[];
}

/** Line/column of a file offset, for a text whose first line is `firstLine` of the file. */
export function makePositioner(text: string, firstLine = 1): (offset: number) => Position {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) lc.addNewLine(i + 1);
  return (offset) => {
    const p = lc.linePos(offset);
    return { line: p.line + firstLine - 1, column: p.col };
  };
}

/** The node at `path` below `node` (keys as written; numbers index sequences). */
export function nodeAt(node: Node | null, path: readonly (string | number)[]): Node | null | undefined {
  let cur: unknown = node;
  for (const seg of path) {
    if (isMap(cur)) {
      const pair = (cur as YAMLMap).items.find((p) => (isScalar(p.key) ? String(p.key.value) : String(p.key)) === String(seg));
      if (!pair) return undefined;
      cur = pair.value ?? pair.key;
    } else if (isSeq(cur) && typeof seg === 'number') {
      cur = (cur as YAMLSeq).items[seg];
    } else return undefined;
  }
  return cur as Node | null | undefined;
}

function syntaxDiagnostics(doc: Document, position: (offset: number) => Position, base: number): Diagnostic[] {
  return doc.errors.map((e) => {
    const pos = position(e.pos[0] + base);
    if (e.code === 'DUPLICATE_KEY') {
      const dup = duplicateKeyAt(doc, e.pos[0]);
      if (dup) {
        const first = position(dup.first + base);
        return {
          severity: 'error' as const,
          code: 'DUPLICATE_KEY',
          message: `"${dup.key}" is written twice in the same mapping, at line ${first.line} and at line ${pos.line}, so the record is not read`,
          fix: 'keep one of the two lines (a git merge with merge=union keeps both sides of an edit; a plain merge asks you instead)',
          field: dup.key,
          line: pos.line,
          column: pos.column,
        };
      }
    }
    const message = e.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    return {
      severity: 'error' as const,
      code: 'YAML_SYNTAX',
      message,
      fix: 'correct the YAML at this position (indentation, quotes, colons)',
      line: pos.line,
      column: pos.column,
    };
  });
}

/** The key repeated at `offset` and where it was first written in its mapping. */
function duplicateKeyAt(doc: Document, offset: number): { key: string; first: number } | undefined {
  let found: { key: string; first: number } | undefined;
  visit(doc, {
    Map(_, map) {
      const at = map.items.findIndex((p) => isNode(p.key) && p.key.range?.[0] === offset);
      if (at === -1) return undefined;
      const name = (p: (typeof map.items)[number]) => (isScalar(p.key) ? String(p.key.value) : String(p.key));
      const earlier = map.items.slice(0, at).find((p) => name(p) === name(map.items[at]!));
      const first = earlier && isNode(earlier.key) ? earlier.key.range?.[0] : undefined;
      if (first !== undefined) found = { key: name(map.items[at]!), first };
      return visit.BREAK;
    },
  });
  return found;
}

/**
 * Parses the text of one sequence item (a chunk: `  - id: X\n    task: ...`). Positions are reported in
 * file coordinates (`offset` and `firstLine` place the chunk in the file). Throws UnresolvedAlias when the
 * chunk refers to an anchor defined elsewhere, so the caller can parse the whole document instead.
 */
export function parseChunk(chunkText: string, offset: number, firstLine: number): ParsedNode {
  // Most records are plain `key: value` lines: read without the library, which still parses the text when
  // something asks for a position (a diagnostic) or the document.
  const simple = readSimpleRecord(chunkText);
  if (simple === undefined) return parseChunkWithLibrary(chunkText, offset, firstLine);
  return new SimpleChunk(chunkText, offset, firstLine, simple);
}

/** A record the fast reader read; the library parses its text on the first question about a node or a position. */
class SimpleChunk implements ParsedNode {
  readonly errors: Diagnostic[] = [];
  #full: ParsedNode | undefined;
  constructor(
    private readonly text: string,
    readonly offset: number,
    private readonly firstLine: number,
    readonly value: unknown,
  ) {}
  // A class, not an object literal with getters: thousands are made per first index, and a literal's getters are made anew each time.
  #library(): ParsedNode {
    return (this.#full ??= parseChunkWithLibrary(this.text, this.offset, this.firstLine));
  }
  get node() {
    return this.#library().node;
  }
  get doc() {
    return this.#library().doc;
  }
  readonly locate: Locate = (path) => this.#library().locate(path);
}

function parseChunkWithLibrary(chunkText: string, offset: number, firstLine: number): ParsedNode {
  const doc = parseYaml(chunkText);
  const position = makePositioner(chunkText, firstLine);
  const errors = syntaxDiagnostics(doc, position, 0);
  let node: Node | null = null;
  if (isSeq(doc.contents)) {
    const seq = doc.contents as YAMLSeq;
    node = (seq.items[0] as Node | null | undefined) ?? null;
    if (seq.items.length !== 1 && errors.length === 0) {
      throw new Error(`scanner bug: a chunk at line ${firstLine} holds ${seq.items.length} items`);
    }
  }
  // An alias or merge key whose anchor is in another record throws: only the whole document can resolve it.
  const { value, error } = recordValue(node, doc, position);
  if (error) errors.push(error);
  const locate: Locate = (path) => {
    const target = nodeAt(node, path) ?? (path.length ? nodeAt(node, path.slice(0, -1)) : node);
    const at = target?.range?.[0];
    return at === undefined ? undefined : position(at);
  };
  return { node, doc, offset, value, locate, errors };
}

export interface FullParse {
  doc: Document;
  position: (offset: number) => Position;
  errors: Diagnostic[];
}

/** Parses the whole document (the slow path for files the scanner does not handle). */
export function parseFull(text: string): FullParse {
  const doc = parseYaml(text);
  const position = makePositioner(text);
  return { doc, position, errors: syntaxDiagnostics(doc, position, 0) };
}

/** A record node of a fully parsed document, with the same shape as a parsed chunk. */
export function fromFullDocument(full: FullParse, node: Node | null): ParsedNode {
  // With the whole document, every anchor is known: an alias that still does not resolve is a syntax error.
  let read: { value: unknown; error?: Diagnostic };
  try {
    read = recordValue(node, full.doc, full.position);
  } catch (e) {
    const at = full.position(node?.range?.[0] ?? 0);
    read = { value: null, error: { severity: 'error', code: 'YAML_SYNTAX', message: (e as Error).message, fix: 'define the anchor (&name) before the alias (*name) that uses it', line: at.line, column: at.column } };
  }
  const { value, error } = read;
  const locate: Locate = (path) => {
    const target = nodeAt(node, path) ?? (path.length ? nodeAt(node, path.slice(0, -1)) : node);
    const at = target?.range?.[0];
    return at === undefined ? undefined : full.position(at);
  };
  return { node, doc: full.doc, offset: 0, value, locate, errors: error ? [error] : [] };
}

