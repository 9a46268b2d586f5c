import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hasRealWorldFixture, REAL_WORLD_FIXTURE } from '../../test/helpers/temp.js';
import { QUIRKY, SMALL } from '../../test/helpers/fixtures.js';
import { isServed, readEcosystemText, toCached } from './read.js';

const served = (text: string) => readEcosystemText(text, 'eco.yaml').items.filter(isServed);

describe('readEcosystemText', () => {
  it('reads every section of a clean file', () => {
    const r = readEcosystemText(SMALL, 'eco.yaml');
    expect(r.mode).toBe('chunked');
    expect(r.diagnostics).toEqual([]);
    expect(r.meta).toEqual({ version: '1.0' });
    const count = (s: string) => r.items.filter((i) => i.section === s && isServed(i)).length;
    expect([count('repos'), count('roles'), count('issues'), count('plans'), count('todos'), count('dependencies')]).toEqual([3, 3, 1, 1, 5, 2]);
  });

  it('reads the quirks of hand-written files and keeps what it does not know', () => {
    const r = readEcosystemText(QUIRKY, 'eco.yaml');
    const byId = new Map(r.items.map((i) => [i.id, i]));
    expect(byId.get('MHV-001')!.record).toMatchObject({ priority: 'critical', status: 'resolved', labels: ['async'], resolved_at: '2026-02-20T16:30:00Z', affected_files: ['core/app.py'] });
    expect(byId.get('MHV-001')!.extra).toEqual({ pool: 'python' });
    expect(byId.get('PLAN-002')!.record).toMatchObject({ issues: ['MHV-002'], depends_on: ['PLAN-001'], status: 'draft' });
    expect(byId.get('TODO-001')!.record).toMatchObject({ issue: 'MHV-002', task: expect.stringContaining('longer than eighty characters') });
    expect(byId.get('TODO-002')!.record).toMatchObject({ status: 'completed', priority: 'medium', estimated_hours: 4 });
    expect(byId.get('core')!.record).toMatchObject({ nickname: 'on', nicknames: ['on', 'co'] });
    expect(r.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(r.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', id: 'TODO-001', field: 'repo', line: 64 })]);
  });

  it('reports each invalid record with file, line, column and field, and serves the rest', () => {
    const text = SMALL.replace('      status: completed\n      priority: high', '      status: completed\n      priority: urgentish').replace('task: Write the changelog', 'task: [unclosed');
    const r = readEcosystemText(text, 'eco.yaml');
    const errors = r.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toEqual([
      expect.objectContaining({ file: 'eco.yaml', code: 'INVALID_FIELD', id: 'TODO-1', field: 'priority', line: 44, column: 17 }),
      expect.objectContaining({ file: 'eco.yaml', code: 'YAML_SYNTAX', section: 'todos', line: expect.any(Number) }),
    ]);
    expect(errors[0]!.fix).toContain('critical, high, medium, low');
    const todos = r.items.filter((i) => i.section === 'todos');
    expect(todos.filter(isServed).map((i) => i.id)).toEqual(['TODO-2', 'TODO-3', 'TODO-4']);
  });

  it('serves the first of two records with one id and reports the second', () => {
    const text = SMALL.replace('- id: TODO-4', '- id: TODO-2');
    const r = readEcosystemText(text, 'eco.yaml');
    expect(r.diagnostics).toEqual([expect.objectContaining({ code: 'DUPLICATE_ID', id: 'TODO-2' })]);
    expect(r.items.filter((i) => i.id === 'TODO-2' && isServed(i))).toHaveLength(1);
  });

  it('parses only records whose text changed when given the previous read as a cache', () => {
    const first = readEcosystemText(SMALL, 'eco.yaml');
    const cache = new Map(first.items.map((i) => [i.hash, toCached(i)]));
    const edited = SMALL.replace('Document the API', 'Document the whole API');
    const second = readEcosystemText(edited, 'eco.yaml', (h) => cache.get(h));
    expect(second.parsed).toBe(1);
    expect(second.items.find((i) => i.id === 'TODO-4')!.record).toMatchObject({ task: 'Document the whole API' });
    expect(second.items.filter((i) => i.cached)).toHaveLength(first.items.length - 1);
  });

  it('falls back to a whole-document parse for anchors shared between records, with the same result', () => {
    const text = 'defaults: &d\n  status: active\nrepos:\n  - <<: *d\n    name: a\n  - name: b\n';
    const r = readEcosystemText(text, 'eco.yaml');
    expect(r.mode).toBe('full');
    expect(r.fullReason).toMatch(/alias/);
    expect(served(text).map((i) => i.record)).toEqual([expect.objectContaining({ name: 'a', status: 'active' }), expect.objectContaining({ name: 'b' })]);
  });

  it('reads flow-style sections through the whole-document parse', () => {
    const text = 'repos: [{name: a}, {name: b}]\ncoordination:\n  todos: [{id: T, task: t, repo: a}]\n';
    expect(served(text).map((i) => i.id)).toEqual(['a', 'b', 'T']);
  });

  it.runIf(hasRealWorldFixture)('reads the real-world file: every record, nothing invalid', () => {
    const text = fs.readFileSync(REAL_WORLD_FIXTURE, 'utf8');
    const r = readEcosystemText(text, 'mahavishnu.yaml');
    expect(r.mode).toBe('chunked');
    expect(r.items.filter(isServed)).toHaveLength(r.items.length);
    expect(r.items.length).toBe(40);
    expect(r.diagnostics.every((d) => d.severity === 'warning')).toBe(true);
  });
});
