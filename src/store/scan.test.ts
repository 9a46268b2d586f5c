import { describe, expect, it } from 'vitest';
import { SMALL } from '../../test/helpers/fixtures.js';
import { plainLayout } from '../../test/helpers/layout.js';
import { layoutData, layoutFromData, recordCount, recordSpan, relayout, scanLayout } from './scan.js';

const texts = (text: string, section: 'todos' | 'repos' | 'issues') => scanLayout(text).sections[section]!.chunks.map((c) => text.slice(c.start, c.end));

describe('scanLayout', () => {
  it('splits each section into one chunk per record, keeping comments inside records', () => {
    const layout = scanLayout(SMALL);
    expect(layout.chunked).toBe(true);
    const todos = texts(SMALL, 'todos');
    expect(todos).toHaveLength(5);
    expect(todos[0]).toMatch(/^ {4}- id: TODO-1\n/);
    expect(todos[0]).toContain('# inline comment');
    expect(todos[4]).toContain('# not a comment: part of the text');
    expect(texts(SMALL, 'repos')).toHaveLength(3);
    expect(layout.sections.plans!.chunks).toHaveLength(1);
    expect(layout.sections.todos!.chunks[0]!.line).toBe(SMALL.split('\n').indexOf('    - id: TODO-1') + 1);
  });

  it('reads compact sequences (dash at the key column) and comments between records', () => {
    const text = 'coordination:\n  todos:\n  # first\n  - id: A\n    task: a\n  # second\n  - id: B\n    task: b\n  dependencies: []\nrepos:\n- name: x\n';
    const layout = scanLayout(text);
    expect(texts(text, 'todos')).toEqual(['  - id: A\n    task: a\n', '  - id: B\n    task: b\n']);
    expect(layout.sections.dependencies!.inline).toBeDefined();
    expect(texts(text, 'repos')).toEqual(['- name: x\n']);
  });

  it('keeps a block scalar with # lines and blank lines whole', () => {
    const text = 'coordination:\n  todos:\n    - id: A\n      description: |\n        one\n\n        # two\n    - id: B\n';
    expect(texts(text, 'todos')).toEqual(['    - id: A\n      description: |\n        one\n\n        # two\n', '    - id: B\n']);
  });

  it('handles CRLF line ends', () => {
    const text = 'coordination:\r\n  todos:\r\n    - id: A\r\n      task: a\r\n    - id: B\r\n';
    const layout = scanLayout(text);
    expect(layout.eol).toBe('\r\n');
    expect(texts(text, 'todos')).toEqual(['    - id: A\r\n      task: a\r\n', '    - id: B\r\n']);
  });

  it.each([
    ['a flow sequence section', 'coordination:\n  todos: [{id: A}]\n'],
    ['a tab in the indentation', 'coordination:\n  todos:\n\t- id: A\n'],
    ['a document marker', '---\ncoordination:\n  todos: []\n'],
    ['a mapping where records are expected', 'coordination:\n  todos:\n    A: {}\n'],
    ['an anchor on a section', 'coordination:\n  todos: &t\n    - id: A\n'],
    ['odd indentation', 'coordination:\n  todos:\n    - id: A\n   x: 1\n'],
  ])('gives up on %s (the caller then parses the whole document)', (_what, text) => {
    expect(scanLayout(text).chunked).toBe(false);
  });
});

describe('relayout', () => {
  const text = 'repos:\n  - name: a\n  - name: b\n    # kept\ncoordination:\n  todos:\n    - id: A\n      task: a\n\n    # between\n    - id: B\n      task: b\n      # inside\n  plans: []\n  issues:\n    - id: I\n      title: i\n';
  const before = scanLayout(text);
  const splice = (start: number, end: number, put: string) => ({ text: text.slice(0, start) + put + text.slice(end), splice: { start, end, length: put.length } });
  const cases: [string, { text: string; splice: { start: number; end: number; length: number } }][] = [];
  for (const name of ['repos', 'todos', 'issues'] as const) {
    const chunks = before.sections[name]!.chunks;
    chunks.forEach((c, i) => {
      const own = text.slice(c.start, c.end);
      cases.push([`${name} ${i} replaced`, splice(c.start, c.end, own.replace(/\n/, '\n' + ' '.repeat(own.indexOf('-') + 2) + 'x: 1\n'))]);
      cases.push([`${name} ${i} removed`, splice(c.start, c.end, '')]);
    });
    const last = chunks[chunks.length - 1]!;
    const dash = ' '.repeat(before.sections[name]!.itemIndent!);
    cases.push([`${name} added`, splice(last.end, last.end, `${dash}- id: N\n${dash}  task: n\n${dash}- id: M\n`)]);
  }
  it.each(cases)('is the scan of the new text: %s', (_, c) => {
    const after = relayout(before, c.text, [c.splice])?.layout;
    const scanned = scanLayout(c.text);
    // Removing the file's last content needs a scan; every other case is worked out.
    if (after) expect(plainLayout(after)).toEqual(plainLayout(scanned));
    else expect(_).toBe('issues 0 removed');
  });

  it.each(cases)('works the same from a kept (packed) layout, which it keeps packed: %s', (_, c) => {
    const kept = layoutFromData(text, layoutData(before));
    const after = relayout(kept, c.text, [c.splice]);
    const fromScan = relayout(before, c.text, [c.splice]);
    expect(after === undefined).toBe(fromScan === undefined);
    if (!after || !fromScan) return;
    expect(after.origins).toEqual(fromScan.origins);
    for (const [name, s] of Object.entries(fromScan.layout.sections)) {
      const mine = after.layout.sections[name as keyof typeof after.layout.sections];
      expect(recordCount(mine)).toBe(s.chunks.length);
      s.chunks.forEach((chunk, i) => expect(recordSpan(mine, i)).toEqual({ start: chunk.start, end: chunk.end }));
    }
    expect(layoutData(after.layout)).toEqual(layoutData(fromScan.layout));
    // The kept note's text is the one a scan of the new text gives.
    expect(JSON.stringify(layoutData(after.layout))).toBe(JSON.stringify(layoutData(scanLayout(c.text))));
    expect(plainLayout(after.layout)).toEqual(plainLayout(fromScan.layout));
  });

  it('refuses splices that do not scan as whole records of their section', () => {
    const c = before.sections.todos!.chunks[0]!;
    const broken = text.slice(0, c.start) + '  oops: 1\n' + text.slice(c.end);
    expect(relayout(before, broken, [{ start: c.start, end: c.end, length: '  oops: 1\n'.length }])).toBeUndefined();
  });

  it('takes a run of records with lines between them only when told to (a hand edit: the caller checks the text outside the records)', () => {
    const [a, b] = before.sections.todos!.chunks;
    const put = text.slice(a!.start, b!.end).replace('task: b', 'task: bb');
    const edited = text.slice(0, a!.start) + put + text.slice(b!.end);
    const x = { start: a!.start, end: b!.end, length: put.length };
    expect(relayout(before, edited, [x])).toBeUndefined();
    const after = relayout(before, edited, [x], true)!;
    expect(plainLayout(after.layout)).toEqual(plainLayout(scanLayout(edited)));
    expect(after.origins.todos).toEqual([{ at: 0, length: 2, from: -1 }]);
    expect(after.origins.repos).toEqual([{ at: 0, length: 2, from: 0 }]);
  });
});
