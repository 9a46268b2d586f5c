// The history has no holes: every write through every surface, and every hand edit, is an event.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getHistory } from '../../src/app/history.js';
import { deleteIssue, createIssue } from '../../src/app/issues.js';
import { addMilestone, createPlan, deletePlan, updateMilestone } from '../../src/app/plans.js';
import { deleteDependency } from '../../src/app/dependencies.js';
import { addTodoNote, completeTodo, deleteTodo, updateTodo } from '../../src/app/todos.js';
import { claimTodo } from '../../src/app/claims.js';
import { Workspace } from '../../src/app/workspace.js';
import { SMALL } from '../helpers/fixtures.js';
import { workspaceWith } from '../helpers/workspace.js';


const line = (e: { type: string; entity: { id: string }; surface: string; actor: string }) => `${e.type} ${e.entity.id} ${e.surface} ${e.actor}`;

describe('history', () => {
  it('records deletes, milestones and notes with their subject', async () => {
    const { ws } = workspaceWith(SMALL);
    await addTodoNote(ws, 'TODO-2', { text: 'Waiting on the API review' });
    const plan = await createPlan(ws, { title: 'Q1', repos: ['api'], milestones: [{ name: 'M1' }] });
    const m2 = await addMilestone(ws, plan.plan.id, { name: 'M2' });
    await updateMilestone(ws, m2.milestone.id, { status: 'in_progress' });
    await deletePlan(ws, plan.plan.id);
    await deleteTodo(ws, 'TODO-5');
    const issue = await createIssue(ws, { title: 'Flaky', repos: ['web'] });
    await deleteIssue(ws, issue.issue.id);
    await deleteDependency(ws, 'DEP-2');
    const types = (await getHistory(ws, { limit: 100 })).events.map((e) => `${e.type} ${e.entity.id.startsWith('PLAN') || e.entity.id.startsWith('MILESTONE') || e.entity.id.startsWith('ISSUE') ? e.entity.id.split('-')[0] : e.entity.id}`);
    expect(types).toEqual(
      expect.arrayContaining([
        'todo:note_added TODO-2',
        'plan:created PLAN',
        'milestone:created MILESTONE',
        'milestone:status_changed MILESTONE',
        'plan:deleted PLAN',
        'milestone:deleted MILESTONE',
        'todo:deleted TODO-5',
        'issue:created ISSUE',
        'issue:deleted ISSUE',
        'dependency:deleted DEP-2',
      ]),
    );
    expect(types.filter((t) => t === 'milestone:deleted MILESTONE')).toHaveLength(2);
    const note = (await getHistory(ws, { id: 'TODO-2', type: 'todo:note_added' })).events[0]!;
    expect(note).toMatchObject({ actor: 'tester', surface: 'cli', subject: { title: 'Call the API from the web app', repos: ['web'], priority: 'medium', plan: 'PLAN-1' }, summary: 'note by tester: Waiting on the API review' });
  });

  it('records the surface of each writer: mcp, a hook (CONCORD_SURFACE), a hand edit', async () => {
    const { ws, dir, file } = workspaceWith(SMALL);
    await updateTodo(ws, 'TODO-2', { priority: 'high' });
    const mcp = new Workspace({ cwd: dir, actor: 'agent-7', surface: 'mcp', env: {} });
    await updateTodo(mcp, 'TODO-4', { priority: 'high' });
    mcp.close();
    const hook = new Workspace({ cwd: dir, actor: 'bot', surface: 'cli', env: { CONCORD_SURFACE: 'hook' } });
    await updateTodo(hook, 'TODO-5', { priority: 'high' });
    hook.close();
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('task: Document the API', 'task: Document the public API'));
    // A read notices the hand edit and records it before answering.
    const events = (await getHistory(ws, { type: 'todo:updated' })).events.map(line);
    expect(events).toEqual(['todo:updated TODO-4 file (external edit)', 'todo:updated TODO-5 hook bot', 'todo:updated TODO-4 mcp agent-7', 'todo:updated TODO-2 cli tester']);
    const edit = (await getHistory(ws, { surface: 'file' })).events[0]!;
    expect(edit.data).toEqual({ changes: [{ field: 'task', from: 'Document the API', to: 'Document the public API' }] });
    expect(edit.summary).toBe('task: Document the API → Document the public API');
  });

  it('gives events made outside the record diff (claims) the subject of their record', async () => {
    const { ws } = workspaceWith(SMALL);
    await claimTodo(ws, { id: 'TODO-2', agent: 'agent-1' });
    const claimed = (await getHistory(ws, { repo: 'web', type: 'todo:claimed' })).events;
    expect(claimed).toEqual([expect.objectContaining({ actor: 'agent-1', subject: expect.objectContaining({ title: 'Call the API from the web app', repos: ['web'] }) })]);
  });

  it('filters by item, repo (nickname too), type globs, actor, time, and pages', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const { ws } = workspaceWith(SMALL, { now: () => new Date(now) });
    await updateTodo(ws, 'TODO-2', { status: 'in_progress' }); // web
    now += 3 * 86_400_000;
    await updateTodo(ws, 'TODO-3', { priority: 'high', force: true }); // api
    now += 3 * 86_400_000;
    await completeTodo(ws, 'TODO-2');
    const h = (q: Record<string, unknown>) => getHistory(ws, q).then((r) => r.events.map((e) => `${e.type} ${e.entity.id}`));
    expect(await h({ id: 'TODO-3' })).toEqual(['todo:updated TODO-3']);
    expect(await h({ repo: 'backend' })).toEqual(['todo:updated TODO-3']);
    expect(await h({ repo: 'web', type: '*:status_changed' })).toEqual(['todo:status_changed TODO-2', 'todo:status_changed TODO-2']);
    expect(await h({ since: '2d' })).toEqual(['todo:status_changed TODO-2', 'todo:updated TODO-2']);
    expect(await h({ since: '2026-03-02', until: '2026-03-05' })).toEqual(['todo:updated TODO-3']);
    expect(await h({ actor: 'nobody' })).toEqual([]);
    const first = await getHistory(ws, { limit: 2 });
    expect(first.events).toHaveLength(2);
    const rest = await getHistory(ws, { limit: 10, before: first.next_before });
    expect(rest.next_before).toBeUndefined();
    expect([...first.events, ...rest.events].map((e) => e.seq)).toEqual([5, 4, 3, 2, 1]);
  });

  it('refuses bad queries with the fix, and changes nothing', async () => {
    const { ws } = workspaceWith(SMALL);
    await expect(getHistory(ws, { id: 'TODO-22' })).rejects.toMatchObject({ code: 'ITEM_NOT_FOUND', hint: 'did you mean TODO-2?' });
    await expect(getHistory(ws, { repo: 'wbe' })).rejects.toMatchObject({ code: 'REPO_NOT_FOUND' });
    await expect(getHistory(ws, { since: 'last tuesday' })).rejects.toMatchObject({ message: expect.stringContaining('since: "last tuesday" is not a time') });
    await expect(getHistory(ws, { type: 'todo:complete' })).rejects.toMatchObject({ message: expect.stringMatching(/matches no event type; todo events are/) });
    await expect(getHistory(ws, { limit: 0 })).rejects.toMatchObject({ code: 'INVALID_INPUT' });
    expect(ws.events.lastSeq()).toBe(0);
  });
});
