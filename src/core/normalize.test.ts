import { describe, expect, it } from 'vitest';
import { normalizeRecord, normalizeTimestamp } from './normalize.js';
import { SECTIONS } from './sections.js';

const noPos = () => ({ line: 7, column: 3 });

describe('normalizeRecord', () => {
  it('reads the legacy spellings of the real-world file as canonical values', () => {
    const n = normalizeRecord(
      SECTIONS.issues,
      { id: 'MHV-001', title: 'x', priority: 'P0', status: 'fixed', tags: ['a'], created_at: '2026-02-20 12:00:00+00:00', fixed_at: '2026-02-20 16:30:00+00:00', dependencies: [] },
      noPos,
    );
    expect(n.diagnostics).toEqual([]);
    expect(n.record).toMatchObject({ priority: 'critical', status: 'resolved', labels: ['a'], created: '2026-02-20T12:00:00Z', resolved_at: '2026-02-20T16:30:00Z', blocked_by: [] });
  });

  it('maps plan issue_ids/depends_on and todo issue_id, done and hours strings', () => {
    const plan = normalizeRecord(SECTIONS.plans, { id: 'PLAN-1', title: 'p', issue_ids: ['I-1'], depends_on: ['PLAN-0'], status: 'pending' }, noPos);
    expect(plan.record).toMatchObject({ issues: ['I-1'], depends_on: ['PLAN-0'], status: 'draft' });
    const todo = normalizeRecord(SECTIONS.todos, { id: 'T-1', task: 't', repo: 'r', issue_id: 'I-1', status: 'done', estimate: '3d', priority: 'P3' }, noPos);
    expect(todo.record).toMatchObject({ issue: 'I-1', status: 'completed', estimated_hours: 24, priority: 'low' });
  });

  it('keeps fields it does not know, as written, apart from the record', () => {
    const n = normalizeRecord(SECTIONS.issues, { id: 'I', title: 't', pool: 'python', custom: { a: 1 } }, noPos);
    expect(n.extra).toEqual({ pool: 'python', custom: { a: 1 } });
    expect(n.record).not.toHaveProperty('pool');
  });

  it('rejects an invalid enum with the field, its position and a suggested fix', () => {
    const n = normalizeRecord(SECTIONS.todos, { id: 'T-9', task: 't', repo: 'r', status: 'in_progres' }, (p) => (p[0] === 'status' ? { line: 12, column: 13 } : undefined));
    expect(n.record).toBeUndefined();
    expect(n.diagnostics).toEqual([
      expect.objectContaining({ severity: 'error', code: 'INVALID_FIELD', field: 'status', id: 'T-9', line: 12, column: 13, fix: 'write "in_progress"' }),
    ]);
    expect(n.diagnostics[0]!.message).toContain('pending, in_progress, blocked, completed, cancelled');
  });

  it('reports a missing required field and a field of the wrong type', () => {
    const missing = normalizeRecord(SECTIONS.todos, { id: 'T-1', repo: 'r' }, noPos);
    expect(missing.diagnostics[0]).toMatchObject({ code: 'MISSING_FIELD', field: 'task' });
    const wrong = normalizeRecord(SECTIONS.todos, { id: 'T-1', task: 't', estimated_hours: 'lots' }, noPos);
    expect(wrong.record).toBeUndefined();
    expect(wrong.diagnostics[0]).toMatchObject({ code: 'INVALID_FIELD', field: 'estimated_hours' });
  });

  it('reports the written key when a legacy key holds a bad value', () => {
    const n = normalizeRecord(SECTIONS.issues, { id: 'I', title: 't', fixed_at: 'yesterday' }, noPos);
    expect(n.diagnostics[0]).toMatchObject({ field: 'fixed_at' });
  });

  it('prefers the canonical key when both spellings are present, with a warning', () => {
    const n = normalizeRecord(SECTIONS.todos, { id: 'T', task: 't', repo: 'r', labels: ['a'], tags: ['b'] }, noPos);
    expect(n.record).toMatchObject({ labels: ['a'] });
    expect(n.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', code: 'ALIAS_CONFLICT', field: 'tags' })]);
  });

  it('warns about a todo without a repo but keeps serving it', () => {
    const n = normalizeRecord(SECTIONS.todos, { id: 'T', task: 't' }, noPos);
    expect(n.record).toBeDefined();
    expect(n.diagnostics).toEqual([expect.objectContaining({ severity: 'warning', field: 'repo' })]);
  });

  it('normalizes nested milestones and reports their errors with the path', () => {
    const n = normalizeRecord(SECTIONS.plans, { id: 'P', title: 'p', milestones: [{ id: 'M', title: 'beta', due_date: '2026-01-01' }, { id: 'M2', name: 'x', status: 'nope' }] }, noPos);
    expect(n.record).toBeUndefined();
    expect(n.diagnostics).toEqual([expect.objectContaining({ code: 'INVALID_FIELD', field: 'milestones[1].status' })]);
    const ok = normalizeRecord(SECTIONS.plans, { id: 'P', title: 'p', milestones: [{ id: 'M', title: 'beta', due_date: '2026-01-01' }] }, noPos);
    expect(ok.record).toMatchObject({ milestones: [{ id: 'M', name: 'beta', due: '2026-01-01', status: 'pending' }] });
  });

  it('rejects something that is not a mapping', () => {
    const n = normalizeRecord(SECTIONS.todos, 'just a string', noPos);
    expect(n.diagnostics[0]).toMatchObject({ code: 'NOT_A_MAPPING' });
  });
});

describe('normalizeTimestamp', () => {
  it('turns the spellings found in files into ISO UTC', () => {
    expect(normalizeTimestamp('2026-02-20 12:00:00+00:00')).toBe('2026-02-20T12:00:00Z');
    expect(normalizeTimestamp('2026-04-15T05:22:50.662728')).toBe('2026-04-15T05:22:50.662Z');
    expect(normalizeTimestamp('2026-01-31')).toBe('2026-01-31');
    expect(normalizeTimestamp(new Date(Date.UTC(2026, 0, 2)))).toBe('2026-01-02T00:00:00Z');
    expect(normalizeTimestamp('soon')).toBe('soon');
  });

  it('gives a canonical time back as it is, and the others what the Date round trip gives (impossible ones too)', () => {
    const created = (value: string) => {
      const n = normalizeRecord(SECTIONS.todos, { id: 'T-1', task: 't', repo: 'r', created: value }, noPos);
      return [n.record?.['created'], ...n.diagnostics.map((d) => d.message)];
    };
    expect(created('2026-01-31T09:30:00Z')).toEqual(['2026-01-31T09:30:00Z']);
    expect(created('2024-02-29T23:59:59Z')).toEqual(['2024-02-29T23:59:59Z']);
    expect(created(' 2026-01-31T09:30:00Z')).toEqual(['2026-01-31T09:30:00Z']);
    expect(created('2026-01-31t09:30:00z')).toEqual(['2026-01-31T09:30:00Z']);
    // Canonical in shape, not real: Date rolls them over, as it always did.
    expect(created('2026-02-30T10:00:00Z')).toEqual(['2026-03-02T10:00:00Z']);
    expect(created('2026-02-29T10:00:00Z')).toEqual(['2026-03-01T10:00:00Z']);
    expect(created('2026-01-31T24:00:00Z')).toEqual(['2026-02-01T00:00:00Z']);
    // What Date refuses stays as written, and the schema says why.
    const use = '; use a real date (2026-01-31) or ISO time (2026-01-31T09:30:00Z)';
    expect(created('2026-01-31T23:59:60Z')).toEqual([undefined, `created: 2026-01-31T23:59:60Z has no time 23:59:60${use} (found string "2026-01-31T23:59:60Z")`]);
    expect(created('2026-13-01T10:00:00Z')).toEqual([undefined, `created: 2026-13-01T10:00:00Z has no month 13${use} (found string "2026-13-01T10:00:00Z")`]);
    expect(created('2026-13-45')).toEqual([undefined, `created: 2026-13-45 has no month 13${use} (found string "2026-13-45")`]);
    expect(created('2026-02-29')).toEqual([undefined, `created: 2026-02-29 has no day 29 (2026-02 has 28 days)${use} (found string "2026-02-29")`]);
    expect(created('2026-13-45x')[1]).toBe('created: use a date (2026-01-31) or an ISO time (2026-01-31T09:30:00Z) (found string "2026-13-45x")');
  });
});
