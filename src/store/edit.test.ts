import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { RecordChange } from '../core/mutations/change.js';
import { QUIRKY, SMALL } from '../../test/helpers/fixtures.js';
import { hasRealWorldFixture, REAL_WORLD_FIXTURE } from '../../test/helpers/temp.js';
import { applyChanges, fileStyleOf, sourceFromRead } from './edit.js';
import { isServed, readEcosystemText } from './read.js';
import { plainLayout } from '../../test/helpers/layout.js';
import { scanLayout } from './scan.js';

function edit(text: string, ...changes: RecordChange[]): string {
  const out = applyChanges(text, sourceFromRead(readEcosystemText(text, 'e.yaml')), changes);
  // The layout worked out from the splices is the one a scan of the new text finds.
  if (out.spliced) expect(plainLayout(out.spliced.layout)).toEqual(plainLayout(scanLayout(out.text)));
  return out.text;
}

/** Lines removed and added between two texts (a naive line diff, enough for small edits). */
function lineDiff(a: string, b: string): { removed: string[]; added: string[] } {
  const x = a.split('\n');
  const y = b.split('\n');
  let start = 0;
  while (start < x.length && start < y.length && x[start] === y[start]) start++;
  let ex = x.length;
  let ey = y.length;
  while (ex > start && ey > start && x[ex - 1] === y[ey - 1]) {
    ex--;
    ey--;
  }
  return { removed: x.slice(start, ex), added: y.slice(start, ey) };
}

const record = (text: string, id: string) => readEcosystemText(text, 'e.yaml').items.find((i) => i.id === id && isServed(i))?.record;

describe('applyChanges', () => {
  it('adds records to a last section written `repos: []` and a new coordination section in one edit, each where it belongs', () => {
    const text = 'repos: []\n';
    const out = edit(text, { op: 'create', section: 'todos', record: { id: 'TODO-1', task: 'x', repo: 'auth' } }, { op: 'create', section: 'repos', record: { name: 'auth', path: 'auth' } });
    expect(out).toBe('repos:\n  - name: auth\n    path: auth\ncoordination:\n  todos:\n    - id: TODO-1\n      task: x\n      repo: auth\n');
    expect(record(out, 'TODO-1')).toMatchObject({ repo: 'auth' });
  });

  it('writes a text whose lines start with tabs so that the file still scans in chunks (a real Backlog.md description did)', () => {
    const text = 'coordination:\n  todos:\n    - id: TODO-1\n      task: x\n';
    const description = 'Steps:\n\t1. build\n  \t2. ship';
    const out = edit(text, { op: 'create', section: 'todos', record: { id: 'TODO-2', task: 'y', description } }, { op: 'update', section: 'todos', id: 'TODO-1', set: { description } });
    expect(readEcosystemText(out, 'e.yaml').mode).toBe('chunked');
    expect(record(out, 'TODO-1')).toMatchObject({ description });
    expect(record(out, 'TODO-2')).toMatchObject({ description });
  });

  it('adds two coordination sections to a file that has none under one coordination key', () => {
    const out = edit('repos:\n  - name: api\n', { op: 'create', section: 'todos', record: { id: 'TODO-1', task: 'x' } }, { op: 'create', section: 'plans', record: { id: 'PLAN-1', title: 'p' } });
    expect(out).toBe('repos:\n  - name: api\ncoordination:\n  plans:\n    - id: PLAN-1\n      title: p\n  todos:\n    - id: TODO-1\n      task: x\n');
  });

  it('changes one field as a one-line diff, keeping the comment on that line', () => {
    const out = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-2', set: { status: 'in_progress' } });
    expect(lineDiff(SMALL, out)).toEqual({ removed: ['      status: pending'], added: ['      status: in_progress'] });
    const commented = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-1', set: { task: 'Build the API v2' } });
    expect(lineDiff(SMALL, commented)).toEqual({ removed: ['      task: Build the API  # inline comment'], added: ['      task: Build the API v2  # inline comment'] });
  });

  it('leaves the rest of the file byte for byte: quoting, folding, comments, key order, legacy keys', () => {
    const out = edit(QUIRKY, { op: 'update', section: 'todos', id: 'TODO-002', set: { status: 'in_progress', updated: '2026-11-21T10:00:00Z' } });
    expect(lineDiff(QUIRKY, out)).toEqual({
      removed: ['    status: done', '    priority: P2', "    created: '2026-04-15T05:22:50.718551'", "    updated: '2026-04-15T05:22:50.718551'"],
      added: ['    status: in_progress', '    priority: P2', "    created: '2026-04-15T05:22:50.718551'", "    updated: '2026-11-21T10:00:00Z'"],
    });
    expect(record(out, 'TODO-002')).toMatchObject({ status: 'in_progress', priority: 'medium' });
  });

  it('writes a legacy field under its legacy key where the record uses it', () => {
    const out = edit(QUIRKY, { op: 'update', section: 'issues', id: 'MHV-001', set: { labels: ['async', 'bug'] } });
    expect(lineDiff(QUIRKY, out)).toEqual({ removed: [], added: ['    - bug'] });
  });

  it('adds a missing field where the key order puts it, in the record indentation', () => {
    const out = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-3', set: { actual_hours: 2.5 } });
    expect(lineDiff(SMALL, out)).toEqual({ removed: [], added: ['      actual_hours: 2.5'] });
    expect(out).toContain('      estimated_hours: 3\n      actual_hours: 2.5\n      blocked_by: [ISSUE-1]\n');
  });

  it('removes a field, and replaces a block scalar by a plain value', () => {
    const out = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-3', set: { assignee: undefined } });
    expect(lineDiff(SMALL, out)).toEqual({ removed: ['      assignee: alice'], added: [] });
    const plain = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-5', set: { description: 'short' } });
    expect(lineDiff(SMALL, plain)).toEqual({ removed: ['      description: |', '        A block scalar.', '        # not a comment: part of the text'], added: ['      description: short'] });
    expect(record(plain, 'TODO-5')).toMatchObject({ description: 'short', repo: 'lib' });
  });

  it('writes multi-line text as a block scalar that reads back the same', () => {
    const out = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-2', set: { description: 'line one\nline two: with colon\n' } });
    expect(record(out, 'TODO-2')).toMatchObject({ description: 'line one\nline two: with colon\n' });
  });

  it('keeps the style of a list: flow stays flow, block stays block', () => {
    const flow = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-2', set: { labels: ['frontend', 'ux'] } });
    expect(lineDiff(SMALL, flow)).toEqual({ removed: ['      labels: [frontend]'], added: ['      labels: [frontend, ux]'] });
    const block = edit(QUIRKY, { op: 'update', section: 'issues', id: 'MHV-001', set: { affected_files: ['core/app.py', 'core/b.py'] } });
    expect(lineDiff(QUIRKY, block)).toEqual({ removed: [], added: ['    - core/b.py'] });
  });

  it('edits a record written in flow style on its one line: set in place, added at the end, removed', () => {
    const text = 'repos:\n  - {name: a, path: ./a}\ncoordination:\n  todos:\n    - {id: TODO-1, task: x, repo: a, status: pending}  # keep\n    - id: TODO-2\n      task: y\n      repo: a\n';
    const out = edit(
      text,
      { op: 'update', section: 'todos', id: 'TODO-1', set: { status: 'in_progress', labels: ['on', 'b'], status_note: undefined } },
      { op: 'update', section: 'todos', id: 'TODO-1', append: { notes: [{ author: 'a', text: 'two\nlines' }] } },
    );
    expect(lineDiff(text, out)).toEqual({
      removed: ['    - {id: TODO-1, task: x, repo: a, status: pending}  # keep'],
      added: ["    - {id: TODO-1, task: x, repo: a, status: in_progress, labels: ['on', b], notes: [{author: a, text: \"two\\nlines\"}]}  # keep"],
    });
    expect(record(out, 'TODO-1')).toMatchObject({ status: 'in_progress', labels: ['on', 'b'], notes: [{ author: 'a', text: 'two\nlines' }] });
    const removed = edit(out, { op: 'update', section: 'todos', id: 'TODO-1', set: { labels: undefined } });
    expect(lineDiff(out, removed).added).toEqual(["    - {id: TODO-1, task: x, repo: a, status: in_progress, notes: [{author: a, text: \"two\\nlines\"}]}  # keep"]);
  });

  it('appends to a block list without touching its entries', () => {
    const out = edit(QUIRKY, { op: 'update', section: 'issues', id: 'MHV-001', append: { affected_files: ['x.py'] } });
    expect(lineDiff(QUIRKY, out)).toEqual({ removed: [], added: ['    - x.py'] });
    const notes = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-2', append: { notes: [{ author: 'a', at: '2026-01-01T00:00:00Z', text: 'one' }] } });
    const twice = edit(notes, { op: 'update', section: 'todos', id: 'TODO-2', append: { notes: [{ author: 'b', text: 'two' }] } });
    expect(record(twice, 'TODO-2')!['notes']).toEqual([{ author: 'a', at: '2026-01-01T00:00:00Z', text: 'one' }, { author: 'b', text: 'two' }]);
    expect(lineDiff(notes, twice).removed).toEqual([]);
  });

  it('edits a milestone nested in a plan', () => {
    const out = edit(SMALL, { op: 'update', section: 'plans', id: 'PLAN-1', path: ['milestones', { id: 'MILESTONE-1' }], set: { status: 'completed' } });
    expect(lineDiff(SMALL, out)).toEqual({ removed: ['          status: in_progress'], added: ['          status: completed'] });
  });

  it('appends new records at the end of their section, in its style', () => {
    const out = edit(SMALL, { op: 'create', section: 'todos', record: { id: 'TODO-9', task: 'New', repo: 'api', labels: ['a'] } });
    const d = lineDiff(SMALL, out);
    expect(d.removed).toEqual([]);
    expect(d.added).toEqual(['    - id: TODO-9', '      task: New', '      repo: api', '      labels: [a]']);
    const compact = edit(QUIRKY, { op: 'create', section: 'todos', record: { id: 'TODO-9', task: 'New', acceptance_criteria: ['a', 'b'] } });
    expect(lineDiff(QUIRKY, compact).added).toEqual(['  - id: TODO-9', '    task: New', '    acceptance_criteria:', '    - a', '    - b']);
  });

  it('creates a missing section, and fills an empty one written as []', () => {
    const noDeps = SMALL.slice(0, SMALL.indexOf('  dependencies:'));
    const out = edit(noDeps, { op: 'create', section: 'dependencies', record: { id: 'DEP-9', consumer: 'web', provider: 'lib' } });
    expect(out.endsWith('  dependencies:\n    - id: DEP-9\n      consumer: web\n      provider: lib\n')).toBe(true);
    const empty = 'repos:\n  - name: a\ncoordination:\n  todos: []  # nothing yet\n  issues: []\n';
    const filled = edit(empty, { op: 'create', section: 'todos', record: { id: 'T1', task: 't', repo: 'a' } });
    expect(filled).toBe('repos:\n  - name: a\ncoordination:\n  todos:  # nothing yet\n    - id: T1\n      task: t\n      repo: a\n  issues: []\n');
    const bare = edit('repos:\n  - name: a\n', { op: 'create', section: 'issues', record: { id: 'I1', title: 't' } });
    expect(bare).toBe('repos:\n  - name: a\ncoordination:\n  issues:\n    - id: I1\n      title: t\n');
  });

  it('deletes a record and nothing else', () => {
    const out = edit(SMALL, { op: 'delete', section: 'dependencies', id: 'DEP-1' });
    expect(lineDiff(SMALL, out).added).toEqual([]);
    expect(lineDiff(SMALL, out).removed[0]).toBe('    - id: DEP-1');
    expect(readEcosystemText(out, 'e').items.filter((i) => i.section === 'dependencies').map((i) => i.id)).toEqual(['DEP-2']);
  });

  it('keeps CRLF line ends', () => {
    const crlf = SMALL.replace(/\n/g, '\r\n');
    const out = edit(crlf, { op: 'update', section: 'todos', id: 'TODO-3', set: { actual_hours: 1, status: 'in_progress' } }, { op: 'create', section: 'todos', record: { id: 'T9', task: 'x', repo: 'api' } });
    expect(out.replace(/\r\n/g, '')).not.toContain('\n');
    expect(record(out, 'TODO-3')).toMatchObject({ actual_hours: 1, status: 'in_progress' });
  });

  it('quotes values that YAML 1.1 readers would take for something else', () => {
    const out = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-2', set: { assignee: 'on', task: 'yes: really' } });
    // SMALL quotes with double quotes: a value that needs quoting gets them too.
    expect(out).toContain('      assignee: "on"');
    expect(record(out, 'TODO-2')).toMatchObject({ assignee: 'on', task: 'yes: really' });
  });

  it('edits files that need the whole-document parse, keeping their anchors', () => {
    const text = 'defaults: &d\n  status: active\nrepos:\n  - <<: *d\n    name: a\n  - name: b\ncoordination:\n  todos:\n    - id: T1\n      task: t\n      repo: a\n';
    const out = edit(text, { op: 'update', section: 'todos', id: 'T1', set: { status: 'completed' } }, { op: 'create', section: 'todos', record: { id: 'T2', task: 'u', repo: 'b' } });
    expect(out).toBe('defaults: &d\n  status: active\nrepos:\n  - <<: *d\n    name: a\n  - name: b\ncoordination:\n  todos:\n    - id: T1\n      task: t\n      repo: a\n      status: completed\n    - id: T2\n      task: u\n      repo: b\n');
  });

  it.runIf(hasRealWorldFixture)('edits the real-world file with a one-line diff', () => {
    const text = fs.readFileSync(REAL_WORLD_FIXTURE, 'utf8');
    const out = edit(text, { op: 'update', section: 'issues', id: 'ISSUE-009', set: { status: 'in_progress' } });
    expect(lineDiff(text, out)).toEqual({ removed: ['    status: pending'], added: ['    status: in_progress'] });
  });
});

describe('writes in the file\'s own style', () => {
  // Before and after texts written by hand: what a person expects the diff of each write to be.
  const BLOCKS = `coordination:
  todos:
    - id: TODO-1
      task: "Build the API"
      repo: api
      status: "in_progress"
      priority: high
      created_at: "2026-01-31"
      blocked_by:
        - TODO-5
      labels:
        - backend
    - id: TODO-2
      task: "Write docs"
      repo: api
      status: pending
      created_at: "2026-02-01"
      updated_at: "2026-02-02"
`;

  it('writes a replaced value in the quotes it had, and a new quoted value in the quotes the file uses', () => {
    const out = edit(BLOCKS, { op: 'update', section: 'todos', id: 'TODO-1', set: { status: 'completed' } });
    expect(lineDiff(BLOCKS, out)).toEqual({ removed: ['      status: "in_progress"'], added: ['      status: "completed"'] });
    const time = edit(BLOCKS, { op: 'update', section: 'todos', id: 'TODO-2', set: { updated: '2026-03-01T10:00:00Z' } });
    expect(lineDiff(BLOCKS, time)).toEqual({ removed: ['      updated_at: "2026-02-02"'], added: ['      updated_at: "2026-03-01T10:00:00Z"'] });
    const single = "repos:\n  - name: 'api'\ncoordination:\n  todos:\n    - id: T1\n      task: 'x'\n      repo: api\n      status: 'pending'\n";
    expect(edit(single, { op: 'update', section: 'todos', id: 'T1', set: { status: 'blocked', assignee: 'on' } })).toBe(
      "repos:\n  - name: 'api'\ncoordination:\n  todos:\n    - id: T1\n      task: 'x'\n      repo: api\n      status: 'blocked'\n      assignee: 'on'\n",
    );
  });

  it('adds a key where the key order puts it, spelt as the record spells its siblings', () => {
    const out = edit(BLOCKS, { op: 'update', section: 'todos', id: 'TODO-1', set: { updated: '2026-03-01T10:00:00Z', assignee: 'dana' } });
    expect(out).toContain(
      '      priority: high\n      created_at: "2026-01-31"\n      updated_at: "2026-03-01T10:00:00Z"\n      blocked_by:\n        - TODO-5\n      assignee: dana\n      labels:\n',
    );
    expect(out.replace('      updated_at: "2026-03-01T10:00:00Z"\n', '').replace('      assignee: dana\n', '')).toBe(BLOCKS);
  });

  it('writes lists as blocks in a file that writes every list as a block, and flow where the file does', () => {
    const out = edit(BLOCKS, { op: 'update', section: 'todos', id: 'TODO-2', set: { blocked_by: ['TODO-1'], labels: ['docs', 'api'] } });
    expect(out).toContain('      updated_at: "2026-02-02"\n');
    expect(out).toContain('      status: pending\n      created_at: "2026-02-01"\n      updated_at: "2026-02-02"\n      blocked_by:\n        - TODO-1\n      labels:\n        - docs\n        - api\n');
    const created = edit(BLOCKS, { op: 'create', section: 'todos', record: { id: 'TODO-3', task: 'New', repo: 'api', status: 'pending', created: '2026-03-01T10:00:00Z', updated: '2026-03-01T10:00:00Z', blocking: ['TODO-1'] } });
    expect(lineDiff(BLOCKS, created).added).toEqual([
      '    - id: TODO-3',
      '      task: New',
      '      repo: api',
      '      status: pending',
      '      created_at: "2026-03-01T10:00:00Z"',
      '      updated_at: "2026-03-01T10:00:00Z"',
      '      blocking:',
      '        - TODO-1',
    ]);
    // SMALL writes its lists [in, flow]: a new list there is flow too.
    const flow = edit(SMALL, { op: 'update', section: 'todos', id: 'TODO-5', set: { blocked_by: ['TODO-4'] } });
    expect(lineDiff(SMALL, flow).added).toEqual(['      blocked_by: [TODO-4]']);
  });
});

describe('fileStyleOf', () => {
  it('counts quotes after keys and after list dashes, as separate counts of each would', () => {
    // The four counts the style was first taken from, kept here as the reference.
    const counted = (t: string) => {
      const n = (re: RegExp) => (t.match(re) ?? []).length;
      const doubles = n(/:[ \t]+"/g) + n(/^[ \t]*-[ \t]+"/gm);
      const singles = n(/:[ \t]+'/g) + n(/^[ \t]*-[ \t]+'/gm);
      return doubles || singles ? (doubles > singles ? 'double' : 'single') : undefined;
    };
    const parts = ['a', ':', ' ', '\t', '-', '"', "'", '\n', 'x: "y"', "- 'z'", '  - "q"', ':-', '-:', ' - ', "k: 'v': \"w\""];
    let seed = 3;
    const random = () => (seed = (seed * 1664525 + 1013904223) >>> 0) / 2 ** 32;
    let quoted = 0;
    for (let i = 0; i < 20_000; i++) {
      let text = '';
      for (let k = 1 + Math.floor(random() * 14); k > 0; k--) text += parts[Math.floor(random() * parts.length)];
      expect(fileStyleOf(text).quote, JSON.stringify(text)).toBe(counted(text));
      if (counted(text)) quoted++;
    }
    expect(quoted).toBeGreaterThan(5_000);
  });
});
