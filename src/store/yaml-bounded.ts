// YAML at a bounded cost, for every file Concord parses (ecosystem.yaml, concord.yaml, activities, imports).
//
// Two costs of the `yaml` library grow faster than the text: aliases (a 500-byte "billion laughs" expands to
// gigabytes; limited by `maxAliasCount`, reported here with the line of the first alias) and its check for
// duplicate keys, which compares each key of a mapping with every key before it (a 1 MB mapping of 28,000
// keys took 10 s, 3 MB took minutes). Keys are checked here with a set instead: the same DUPLICATE_KEY
// errors, in linear time. The library is passed in, so callers that load it lazily keep doing so.
import type * as Yaml from 'yaml';

/** How far aliases may expand (the library's count: uses of an anchor times the aliases inside it). */
export const ALIAS_LIMIT = 100;

type YamlModule = Pick<typeof Yaml, 'parseDocument' | 'visit' | 'isMap' | 'isScalar' | 'isNode' | 'isAlias' | 'YAMLParseError'>;
export type BoundedOptions = Yaml.ParseOptions & Yaml.DocumentOptions & Yaml.SchemaOptions & Yaml.ToJSOptions;

/** Parses `text` like `parseDocument`, with the duplicate-key check done in linear time (see above). */
export function parseBounded(yaml: YamlModule, text: string, options: BoundedOptions = {}): Yaml.Document.Parsed {
  const doc = yaml.parseDocument(text, { ...options, uniqueKeys: false });
  if (options.uniqueKeys === false) return doc;
  const found: Yaml.YAMLParseError[] = [];
  yaml.visit(doc, {
    Map(_, map) {
      const seen = new Set<unknown>();
      for (const pair of map.items) {
        // The library's own rule: scalar keys are equal when their values are; other keys only to themselves.
        const key = yaml.isScalar(pair.key) ? pair.key.value : pair.key;
        if (!seen.has(key)) {
          seen.add(key);
          continue;
        }
        const at = yaml.isNode(pair.key) ? (pair.key.range?.[0] ?? 0) : (map.range?.[0] ?? 0);
        const error = new yaml.YAMLParseError([at, at + 1], 'DUPLICATE_KEY', 'Map keys must be unique');
        if (options.prettyErrors !== false) error.linePos = [positionOf(text, at)];
        found.push(error);
      }
    },
  });
  if (found.length) {
    doc.errors.push(...found);
    doc.errors.sort((a, b) => a.pos[0] - b.pos[0]);
  }
  return doc;
}

/** 1-based line and column of an offset. */
export function positionOf(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let start = 0;
  for (let i = text.indexOf('\n'); i !== -1 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    start = i + 1;
  }
  return { line, col: offset - start + 1 };
}

export type BoundedValue = { value: unknown; aliasBomb?: undefined } | { value?: undefined; aliasBomb: { offset: number; message: string } };

/**
 * The plain value of `node` (default: the document), or, when its aliases expand past `limit`, where its
 * first alias is. Other errors (an alias without its anchor) are thrown as the library throws them.
 */
export function boundedValue(yaml: YamlModule, doc: Yaml.Document, node: Yaml.Node | null = doc.contents as Yaml.Node | null, limit = ALIAS_LIMIT): BoundedValue {
  if (node === null || !yaml.isNode(node)) return { value: node };
  try {
    return { value: node.toJS(doc, { maxAliasCount: limit }) };
  } catch (e) {
    if (!/Excessive alias count/.test((e as Error).message)) throw e;
    let first: number | undefined;
    yaml.visit(node, { Alias: (_, n) => ((first = yaml.isAlias(n) ? n.range?.[0] : undefined), yaml.visit.BREAK) });
    return { aliasBomb: { offset: first ?? node.range?.[0] ?? 0, message: `aliases expand to more than ${limit} nodes (nested anchors, a "billion laughs"): write the values out, or use fewer aliases of anchors that hold aliases` } };
  }
}

/**
 * For files read as plain data (imports, configs of other tools): the value of `text`, or an Error naming
 * the line of the first problem (a syntax error, a duplicate key, aliases that expand too far).
 */
export function yamlValue(yaml: YamlModule, text: string, limit = ALIAS_LIMIT): unknown {
  const doc = parseBounded(yaml, text, { prettyErrors: false });
  const problem = (offset: number, message: string) => {
    const p = positionOf(text, offset);
    return new Error(`line ${p.line}, column ${p.col}: ${message}`);
  };
  const error = doc.errors[0];
  if (error) throw problem(error.pos[0], error.message.split('\n')[0]!);
  const read = boundedValue(yaml, doc, undefined, limit);
  if (read.aliasBomb) throw problem(read.aliasBomb.offset, read.aliasBomb.message);
  return read.value;
}
