import { describe, expect, it } from 'vitest';
import { renderPlainRecord, renderPlainValue } from './render-plain.js';
import { libraryFieldValue, libraryItem, plainStyle, renderFieldValue, renderItem } from './render.js';
import { readSimpleRecord } from './simple-yaml.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Strings Concord writes, and ones the printer must quote or leave to the library.
const STRINGS = [
  'plain text', 'TODO-1', 'area-3', 'Implement part 7 of the work', '@agent-1', '2026-02-02T10:00:00Z', '2026-01-31', 'yes', 'no', 'on', 'y', 'n', 'null', '~', '',
  'true', 'False', '007', '1.5', '0x1F', '1:20', '.inf', 'a: b', 'a:b', 'trailing:', 'x #c', 'a#b', '#lead', '- x', '-', '?', '? x', 'it\'s', 'say "hi"', 'both \' and "',
  '[a]', 'a, b', '{x}', '&a', '*a', '!t', '|', '>', '%p', '`t', ' lead', 'trail ', 'tab\tin', '--- marker', '...', 'é ünïcode', 'backlog:TASK-1', 'http://x.y/z',
  'line one\nline two', 'ends with break\n', 'two breaks\n\n', '\nstarts with break', ' lead\nline', 'a\n\tb', 'a \nb', 'a\n\nb', 'x\n  indented', '--- a\nb',
];

function randomValue(random: () => number, depth: number): unknown {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const form = Math.floor(random() * (depth > 1 ? 5 : 9));
  if (form <= 1) return pick(STRINGS);
  if (form === 2) return pick([0, 1, 42, -3, 2.5, -0, 1e21, true, false, null]);
  if (form === 3) return Array.from({ length: Math.floor(random() * 4) }, () => pick(['TODO-1', 'area-3', 'x', 'yes', 7, 'a b', '@q', true]));
  if (form === 4) return Array.from({ length: 1 + Math.floor(random() * 3) }, () => pick(STRINGS));
  if (form === 5) return Array.from({ length: 1 + Math.floor(random() * 2) }, () => randomRecord(random, depth + 1));
  if (form === 6) return randomRecord(random, depth + 1);
  if (form === 7) return Array.from({ length: 30 }, (_, i) => `label-${i}`);
  return pick(STRINGS);
}

function randomRecord(random: () => number, depth = 0): Record<string, unknown> {
  const keys = ['id', 'task', 'labels', 'notes', 'acceptance_criteria', 'description', 'metadata', 'blocked_by', 'estimated_hours', 'x-y', '_k', 'on', 'null', 'K2'];
  const out: Record<string, unknown> = {};
  const n = 1 + Math.floor(random() * 5);
  for (let i = 0; i < n; i++) out[keys[Math.floor(random() * keys.length)]!] = randomValue(random, depth);
  return out;
}

describe('the plain record printer', () => {
  it('prints what the yaml library prints, or leaves the record to it', () => {
    const random = rng(11);
    let plain = 0;
    for (let i = 0; i < 5_000; i++) {
      const record = randomRecord(random);
      const lists = (['flow', 'block', undefined] as const)[i % 3];
      const quote = (['double', 'single', undefined, undefined] as const)[i % 4];
      const file = { ...(lists ? { lists } : {}), ...(quote ? { quote } : {}) };
      const text = renderItem(record, 4, { file });
      const library = libraryItem(record, { file }).split('\n').map((l) => (l.length ? `    ${l}` : l)).join('\n') + '\n';
      expect(text, JSON.stringify(record)).toBe(library);
      if (renderPlainRecord(record, plainStyle(file)) !== undefined) plain++;
    }
    // Most records are printed without the library (the rest hold values it must decide on).
    expect(plain, `${plain} printed plain`).toBeGreaterThan(1_000);
  });

  it('prints field values as the library prints them, in the list style and quotes asked for', () => {
    const random = rng(5);
    let plain = 0;
    for (let i = 0; i < 5_000; i++) {
      const value = randomValue(random, 0);
      const key = ['labels', 'notes', 'task', 'blocking', 'acceptance_criteria', 'metadata'][i % 6]!;
      const lists = (['flow', 'block', undefined] as const)[i % 3];
      const listStyle = (['flow', 'block', undefined, undefined] as const)[Math.floor(random() * 4)];
      const quote = (['single', 'double', undefined, undefined, undefined] as const)[Math.floor(random() * 5)];
      const fileQuote = (['double', 'single', undefined] as const)[Math.floor(random() * 3)];
      const options = { file: { ...(lists ? { lists } : {}), ...(fileQuote ? { quote: fileQuote } : {}) }, ...(listStyle ? { listStyle } : {}), ...(quote ? { quote } : {}) };
      const library = libraryFieldValue(key, value, options);
      const text = renderFieldValue(key, value, 0, options);
      expect(text, JSON.stringify([key, value, options])).toBe(library);
      if (!quote && !listStyle && renderPlainValue(key, value, plainStyle(options.file)) !== undefined) plain++;
    }
    // Most values are printed without the library (of ~2,000 asked without quotes or a list style of their own).
    expect(plain, `${plain} printed plain`).toBeGreaterThan(800);
  });

  it('prints the records an import writes without the library, and they read back as they were', () => {
    const record = {
      id: 'TODO-KWTX6TH', task: 'Implement part 1 of the work', description: 'Longer notes on part 1.\nThey span two lines.', repo: 'api', status: 'pending',
      created: '2026-02-02T10:00:00Z', assignee: '@agent-1', blocking: ['TODO-28ZYPVK', 'TODO-52EXBZS'], labels: ['area-1'], acceptance_criteria: ['works', 'is tested'],
      notes: [{ author: '@agent-1', at: '2026-02-01T09:00:00Z', text: 'Picked up part 10.' }], source_id: 'backlog:TASK-1', metadata: { backlog: { acceptance_checked: [2] } },
    };
    expect(renderPlainRecord(record, plainStyle(undefined))).toBeDefined();
    expect(renderPlainRecord(record, plainStyle({ quote: 'double' }))).toBeDefined();
    expect(renderItem(record, 4, { file: { quote: 'double' } })).toBe(libraryItem(record, { file: { quote: 'double' } }).split('\n').map((l) => `    ${l}`).join('\n') + '\n');
    const text = renderItem(record, 4);
    expect(text).toBe(libraryItem(record, {}).split('\n').map((l) => `    ${l}`).join('\n') + '\n');
    expect(readSimpleRecord(text)).toEqual(record);
  });
});
