import { describe, expect, it } from 'vitest';
import { isScalar, isSeq, type Node, parseDocument, type Pair, type Scalar, type YAMLMap, type YAMLSeq } from 'yaml';
import { locatedMap } from './edit.js';
import { generateEcosystem } from '../bench/generate.js';
import { PARSE_OPTIONS } from './parse.js';
import { locateSimpleRecord, readSimpleRecord } from './simple-yaml.js';
import { scanLayout } from './scan.js';

/** What the yaml library reads from one item's text, or undefined when it reports an error. */
function byLibrary(text: string): unknown {
  const doc = parseDocument(text, PARSE_OPTIONS);
  if (doc.errors.length) return undefined;
  return (doc.toJS() as unknown[] | null)?.[0];
}

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Scalars people write, and near misses that are not what they look like.
const SCALARS = [
  'plain text', 'with: colon', 'a:b', 'trailing:', 'x # not a comment?', 'x #comment', 'a#b', '#lead', '-1', '-x', '- x', '+5', '007', '0o17', '0x1F', '1_000',
  '1.5', '.5', '1.', '1e5', '-2.5e-3', '.inf', '.NaN', '~', 'null', 'Null', 'NULL', 'true', 'False', 'yes', 'on', '2026-01-31', '2026-01-31T10:00:00Z',
  '"quoted"', '"with \\"escape\\""', '"a # b"', "'single'", "'it''s'", "''", '""', '"unterminated', "'unterminated", '[a, b]', '[]', '[ a ,b ]', '[a, [b]]', '[a,]',
  '[1, 2.5, null, true]', '["a", b]', '{a: 1}', '&anchor x', '*alias', '!tag x', '|', '>', '|-', '@at', '`tick', '%pct', '?q', ':colon', 'é ünïcode', '9007199254740993',
  'a  b', 'ends with space ', 'a:', 'http://x.y/z', 'a: b: c', ', comma', 'x, y',
];

function randomRecord(random: () => number): string {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const keys = ['id', 'task', 'status', 'labels', 'blocked_by', 'description', 'estimated_hours', 'repo', 'true', 'null', 'x-y', '_k', 'K2', 'id'];
  const dash = pick(['  - ', '    - ', '- ']);
  const indent = ' '.repeat(dash.length);
  const lines: string[] = [];
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) {
    const key = pick(keys);
    const prefix = i === 0 ? dash : indent;
    const form = Math.floor(random() * 9);
    if (form === 0) lines.push(`${prefix}${key}: ${pick(SCALARS)}`);
    else if (form === 1) lines.push(`${prefix}${key}: ${pick(SCALARS)}  # a comment`);
    else if (form === 2) lines.push(`${prefix}${key}:`, ...Array.from({ length: Math.floor(random() * 3) }, () => `${indent}  - ${pick(SCALARS)}`));
    else if (form === 3) lines.push(`${prefix}${key}: ${pick(['|', '|-', '|+', '>'])}`, `${indent}  ${pick(SCALARS)}`, ...(random() < 0.5 ? ['', `${indent}  second line`] : []), ...(random() < 0.3 ? [''] : []));
    else if (form === 4) lines.push(`${prefix}${key}: [${pick(SCALARS)}, ${pick(SCALARS)}]`);
    else if (form === 5) lines.push(`${indent}# a comment line`, `${prefix}${key}: ${pick(SCALARS)}`);
    else if (form === 6 && random() < 0.5) lines.push(`${prefix}${key}:`, `${indent}  nested: ${pick(SCALARS)}`, ...(random() < 0.5 ? [`${indent}  ${pick(keys)}: ${pick(SCALARS)}`] : []));
    else if (form === 6) lines.push(`${prefix}${key}:`, `${indent}  ${pick(keys)}:`, `${indent}${pick(['    ', '   ', '  '])}${pick(keys)}: [${pick(SCALARS)}]`, ...(random() < 0.3 ? [`${indent}  # c`, `${indent}  other: ${pick(SCALARS)}`] : []));
    else if (form === 7 && random() < 0.5) lines.push(`${prefix}${key}:`, ...Array.from({ length: 1 + Math.floor(random() * 2) }, () => [`${indent}  - author: ${pick(SCALARS)}`, `${indent}    text: ${pick(SCALARS)}`]).flat());
    else if (form === 7) lines.push(`${prefix}${key}: ${pick(SCALARS)}`, `${indent}  continued`);
    else lines.push(`${prefix}${key}:${pick(['', ' ', '  # c'])}`);
  }
  return lines.join('\n') + '\n';
}

describe('the simple record reader', () => {
  it('reads what the yaml library reads, or leaves the record to it', () => {
    const random = rng(7);
    let read = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomRecord(random);
      const simple = readSimpleRecord(text);
      if (simple === undefined) continue;
      read++;
      expect(simple, text).toEqual(byLibrary(text));
      // toEqual treats -0 and 0 alike, and missing and undefined keys: compare exactly too.
      expect(Object.is(JSON.stringify(simple), JSON.stringify(byLibrary(text))), text).toBe(true);
    }
    // Most plain records are read here, not by the library.
    expect(read).toBeGreaterThan(1_500);
  });

  it('reads every record of a generated ecosystem as the library does', () => {
    let records = 0;
    for (const chunk of generatedRecords()) {
      const simple = readSimpleRecord(chunk);
      expect(simple, chunk).toBeDefined();
      expect(simple).toEqual(byLibrary(chunk));
      records++;
    }
    expect(records).toBeGreaterThan(300);
  });
});

/** The text of every record of a generated ecosystem (300 todos, 8 repos). */
function* generatedRecords(): Generator<string> {
  const text = generateEcosystem({ todos: 300, repos: 8 });
  for (const section of Object.values(scanLayout(text).sections)) for (const c of section!.chunks) yield text.slice(c.start, c.end);
}

/** What the edits of edit.ts read of a record's mapping: each key's and value's offsets, kind, style and values. */
function editView(r: string, map: YAMLMap) {
  const contentEnd = (n: Node) => {
    let end = n.range![1];
    while (end > n.range![0] && /\s/.test(r[end - 1]!)) end--;
    return end;
  };
  return map.items.map((p) => {
    const pair = p as Pair<Scalar, Node | null>;
    const v = pair.value;
    const seq = v && isSeq(v) ? (v as YAMLSeq<Node>) : undefined;
    return {
      key: String(pair.key.value),
      keyRange: [pair.key.range![0], pair.key.range![1]],
      kind: v === null ? 'none' : isScalar(v) ? `scalar ${(v as Scalar).type}` : seq ? (seq.flow ? 'flow' : 'block') : 'map',
      start: v?.range![0],
      end: v ? contentEnd(v) : undefined,
      empty: v !== null && isScalar(v) && v.range![0] === v.range![1],
      value: v?.toJSON(),
      items: seq && !seq.flow ? seq.items.map((i) => [i.range![0], contentEnd(i)]) : seq?.items.length,
    };
  });
}

describe('the located record (what a write edits without the library)', () => {
  it('places every field where the yaml library does, or leaves the record to it', () => {
    const random = rng(11);
    let located = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomRecord(random);
      const map = locatedMap(text);
      if (!map) continue;
      located++;
      const doc = parseDocument(text, PARSE_OPTIONS);
      expect(doc.errors, text).toEqual([]);
      expect(editView(text, map), text).toEqual(editView(text, (doc.contents as YAMLSeq).items[0] as YAMLMap));
    }
    expect(located).toBeGreaterThan(1_000);
  });

  it('locates every record of a generated ecosystem, as the library places them', () => {
    let records = 0;
    for (const chunk of generatedRecords()) {
      const map = locatedMap(chunk);
      if (!map) continue;
      expect(editView(chunk, map), chunk).toEqual(editView(chunk, (parseDocument(chunk, PARSE_OPTIONS).contents as YAMLSeq).items[0] as YAMLMap));
      records++;
    }
    // Todos with notes (lists of mappings) are left to the library; the rest are located.
    expect(records).toBeGreaterThan(250);
    expect(locateSimpleRecord('  - id: X\n    # a comment\n    task: y\n')).toBeUndefined();
  });
});
