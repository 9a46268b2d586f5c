import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createIssue, closeIssue } from '../../src/app/issues.js';
import { addMilestone, createPlan, updateMilestone } from '../../src/app/plans.js';
import { blocked, getTodo, listTodos, ready } from '../../src/app/queries.js';
import { addTodoNote, completeTodo, createTodo, deleteTodo, updateTodo } from '../../src/app/todos.js';
import { createDependency } from '../../src/app/dependencies.js';
import type { ConcordError } from '../../src/core/errors.js';
import { PLAIN_STYLE, renderHint } from '../../src/core/hints.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { git, gitInit } from '../helpers/temp.js';
import { expectIndexMatchesFile, workspaceWith } from '../helpers/workspace.js';

async function refused(fn: () => Promise<unknown>): Promise<ConcordError> {
  try {
    await fn();
  } catch (e) {
    return e as ConcordError;
  }
  throw new Error('expected the write to be refused');
}

describe('writes through the app', () => {
  it('changes one field with a diff of that line and the record`s updated time only', async () => {
    const { ws, dir } = workspaceWith(SMALL, { now: () => new Date('2026-11-21T10:00:00Z') });
    gitInit(dir);
    await updateTodo(ws, 'TODO-2', { status: 'in_progress' });
    const diff = git(dir, 'diff', '-U0', '--no-color').split('\n').filter((l) => /^[-+] /.test(l));
    expect(diff).toEqual(['-      status: pending', '+      status: in_progress', '+      updated: "2026-11-21T10:00:00Z"']);
    await expectIndexMatchesFile(ws);
  });

  it('creates, notes, completes and deletes, keeping edges symmetric and the index exact', async () => {
    const { ws } = workspaceWith(SMALL);
    const created = await createTodo(ws, { task: 'Wire it up', repo: 'web', blocked_by: ['TODO-3'], blocking: ['TODO-5'], estimated_hours: 2 });
    const id = created.todo.id;
    expect(id).toMatch(/^TODO-[0-9A-Z]{7}$/);
    expect(created.todo).toMatchObject({ task: 'Wire it up', status: 'pending', blocked_by: ['TODO-3'], blocking: ['TODO-5'], created: expect.any(String) });
    expect((await getTodo(ws, 'TODO-3')).todo.blocking).toEqual([id]);
    expect((await getTodo(ws, 'TODO-5')).todo.blocked_by).toEqual([id]);
    await addTodoNote(ws, id, { text: 'Started on the wiring; see branch wire-up' });
    expect((await getTodo(ws, id)).todo.notes).toEqual([{ author: 'tester', at: expect.any(String), text: 'Started on the wiring; see branch wire-up' }]);
    await updateTodo(ws, id, { blocked_by: [] });
    expect((await getTodo(ws, 'TODO-3')).todo.blocking).toEqual([]);
    await completeTodo(ws, id, { actual_hours: 3 });
    expect((await getTodo(ws, id)).todo).toMatchObject({ status: 'completed', actual_hours: 3 });
    await deleteTodo(ws, id);
    expect((await getTodo(ws, 'TODO-5')).todo.blocked_by).toEqual([]);
    expect((await listTodos(ws)).total).toBe(5);
    await expectIndexMatchesFile(ws);
  });

  it('records an event for each change with actor, surface and field changes', async () => {
    const { ws } = workspaceWith(SMALL);
    await updateTodo(ws, 'TODO-2', { priority: 'high', status: 'in_progress' });
    const events = ws.events.list({ entity: 'TODO-2' });
    expect(events.map((e) => e.type).sort()).toEqual(['todo:status_changed', 'todo:updated']);
    const updated = events.find((e) => e.type === 'todo:updated')!;
    expect(updated).toMatchObject({ actor: 'tester', surface: 'cli' });
    expect(updated.data).toEqual({ changes: expect.arrayContaining([{ field: 'priority', from: 'medium', to: 'high' }, { field: 'status', from: 'pending', to: 'in_progress' }]) });
  });

  it('works on issues, plans, milestones and dependencies', async () => {
    const { ws } = workspaceWith(SMALL);
    const issue = await createIssue(ws, { title: 'Flaky CI', repos: ['api'], priority: 'high', blocking: ['TODO-4'] });
    expect(issue.issue).toMatchObject({ title: 'Flaky CI', status: 'pending', blocking: ['TODO-4'] });
    expect((await blocked(ws)).find((b) => b.todo.id === 'TODO-4')!.blockers.map((b) => b.id).sort()).toEqual([issue.issue.id, 'TODO-2'].sort());
    await closeIssue(ws, issue.issue.id, { resolution: 'retried' });
    const plan = await createPlan(ws, { title: 'Q1', repos: ['api'], milestones: [{ name: 'M1' }] });
    const m2 = await addMilestone(ws, plan.plan.id, { name: 'M2', due: '2027-01-01' });
    expect(m2.milestone).toMatchObject({ name: 'M2', status: 'pending', due: '2027-01-01' });
    await updateMilestone(ws, m2.milestone.id, { status: 'in_progress' });
    const dep = await createDependency(ws, { consumer: 'lib', provider: 'api', type: 'test', validation: { command: 'node --version', expected_pattern: '^v' } });
    expect(dep.dependency).toMatchObject({ status: 'unknown', validation: { command: 'node --version' } });
    await expectIndexMatchesFile(ws);
  });

  it('refuses a cycle, naming it, and writes nothing', async () => {
    const { ws, file } = workspaceWith(SMALL);
    const before = fs.readFileSync(file, 'utf8');
    const e = await refused(() => updateTodo(ws, 'TODO-1', { blocked_by: ['TODO-4'] }));
    expect(e.code).toBe('DEPENDENCY_CYCLE');
    expect(e.message).toContain('TODO-1 -> TODO-2 -> TODO-4 -> TODO-1');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(ws.events.list()).toEqual([]);
  });

  it('refuses unknown references, illegal transitions and blocked starts, writing nothing', async () => {
    const { ws, file } = workspaceWith(SMALL);
    const before = fs.readFileSync(file, 'utf8');
    expect(renderHint((await refused(() => createTodo(ws, { task: 't', repo: 'wbe' }))).hint, PLAIN_STYLE)).toContain('did you mean "web"?');
    expect((await refused(() => updateTodo(ws, 'TODO-2', { blocked_by: ['TODO-99'] }))).code).toBe('UNKNOWN_REFERENCE');
    expect((await refused(() => updateTodo(ws, 'TODO-1', { status: 'in_progress' }))).code).toBe('INVALID_TRANSITION');
    expect((await refused(() => updateTodo(ws, 'TODO-3', { status: 'in_progress' }))).code).toBe('TODO_BLOCKED');
    expect((await refused(() => updateTodo(ws, 'TODO-42', { status: 'completed' }))).code).toBe('TODO_NOT_FOUND');
    expect((await refused(() => createTodo(ws, { task: '', repo: 'web' }))).code).toBe('INVALID_INPUT');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('does not write when nothing changes', async () => {
    const { ws, file } = workspaceWith(SMALL);
    const before = fs.statSync(file).mtimeMs;
    const r = await updateTodo(ws, 'TODO-2', { status: 'pending', labels: ['frontend'] });
    expect(r.changed).toBe(false);
    expect(fs.statSync(file).mtimeMs).toBe(before);
  });

  it('writes to a file that needs the whole-document parse (an alias across records)', async () => {
    const text = SMALL.replace('repos:\n  - name: api\n    path: ./api', 'defaults: &defaults\n  status: active\nrepos:\n  - <<: *defaults\n    name: api\n    path: ./api');
    const { ws, file } = workspaceWith(text);
    await updateTodo(ws, 'TODO-2', { status: 'in_progress' });
    const created = await createTodo(ws, { task: 'Works in full mode too', repo: 'api' });
    expect(fs.readFileSync(file, 'utf8')).toContain('  - <<: *defaults\n    name: api\n');
    expect((await getTodo(ws, 'TODO-2')).todo.status).toBe('in_progress');
    expect((await getTodo(ws, created.todo.id)).todo.task).toBe('Works in full mode too');
    expect(ws.index.header()!.mode).toBe('full');
    await expectIndexMatchesFile(ws);
  });

  it('edits a file with the real-world quirks without disturbing what it does not change', async () => {
    const { ws, dir } = workspaceWith(QUIRKY);
    gitInit(dir);
    await updateTodo(ws, 'TODO-002', { status: 'pending' });
    await createTodo(ws, { task: 'Add logging', repo: 'tools', blocked_by: ['MHV-002'] });
    const diff = git(dir, 'diff', '-U0', '--no-color').split('\n').filter((l) => /^[-+] /.test(l));
    expect(diff.filter((l) => l.startsWith('-'))).toEqual(['-    status: done', "-    updated: '2026-04-15T05:22:50.718551'"]);
    expect(diff).toContain('+  - id: ' + (await listTodos(ws, { text: 'logging' })).items[0]!.id);
    expect((await ready(ws)).map((r) => r.todo.id)).toContain('TODO-002');
    await expectIndexMatchesFile(ws);
  });
});
