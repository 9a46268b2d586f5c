// Full-text search over records, notes and events, kept in step with writes, hand edits and lost tables.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { search } from '../../src/app/search.js';
import { addTodoNote, createTodo, deleteTodo, updateTodo } from '../../src/app/todos.js';
import type { ConcordError } from '../../src/core/errors.js';
import { generateEcosystem } from '../../src/bench/generate.js';
import { SMALL } from '../helpers/fixtures.js';
import { expectIndexMatchesFile, workspaceWith } from '../helpers/workspace.js';

const hits = async (ws: Parameters<typeof search>[0], q: Record<string, unknown>) => (await search(ws, q)).results.map((r) => `${r.kind} ${r.id}`);

describe('search', () => {
  it('finds stemmed words in issues, plans, milestones and todos, best first, with highlighted snippets', async () => {
    const { ws } = workspaceWith(SMALL);
    const r = await search(ws, { query: 'upgrading runtimes' });
    expect(r.match).toBe('all');
    expect(r.results.map((x) => `${x.kind} ${x.id}`)).toEqual(['issue ISSUE-1', 'todo TODO-3']);
    expect(r.results[0]).toMatchObject({ title: 'Upgrade the runtime', snippet: '**Upgrade** the **runtime**', repos: ['api', 'web'] });
    expect(await hits(ws, { query: 'beta' })).toEqual(['milestone MILESTONE-1']);
    expect(await hits(ws, { query: 'launch' })).toEqual(['plan PLAN-1']);
    // A word in the title ranks above the same word in a description.
    expect((await hits(ws, { query: 'changelog' }))[0]).toBe('todo TODO-5');
  });

  it('finds notes and events, and filters by kind and repo', async () => {
    const { ws } = workspaceWith(SMALL);
    await addTodoNote(ws, 'TODO-2', { text: 'The staging certificate expired; renewed it by hand' });
    await updateTodo(ws, 'TODO-4', { status: 'blocked' });
    const note = (await search(ws, { query: 'certificates' })).results;
    expect(note.map((x) => `${x.kind} ${x.id} ${x.ref}`)).toEqual(['note TODO-2 0', 'event TODO-2 1']);
    expect(note[0]!.snippet).toContain('**certificate**');
    expect(await hits(ws, { query: 'blocked', kind: 'event' })).toEqual(['event TODO-4', 'event TODO-4']);
    expect(await hits(ws, { query: 'api', kind: ['todo'], repo: 'lib' })).toEqual(['todo TODO-4']);
  });

  it('builds the first search of a large file a page of records at a time, every record in it', async () => {
    // 1,200 todos: past the 200 changed records that are read one by one, and over two pages of 500.
    const { ws } = workspaceWith(generateEcosystem({ todos: 1_200 }));
    const all = await search(ws, { query: 'implement', kind: 'todo', limit: 5 });
    expect(all.total).toBe(1_200);
    // Counted without the documents when nothing filters on them: the sum of the counts of each kind (one word,
    // so that no search falls back to any of its words).
    await addTodoNote(ws, 'TODO-7', { text: 'This part of the work waits on the release' });
    const kinds = ['todo', 'issue', 'plan', 'milestone', 'dependency', 'note', 'event'] as const;
    const each = await Promise.all(kinds.map(async (kind) => (await search(ws, { query: 'part', kind, limit: 1 })).total));
    const unfiltered = await search(ws, { query: 'part', limit: 1 });
    expect(unfiltered.total).toBeGreaterThan(1_200);
    expect(unfiltered.total).toBe(each.reduce((a, b) => a + b, 0));
    for (const n of [0, 499, 500, 1_199]) expect(await hits(ws, { query: `"part ${n} of"`, kind: 'todo' })).toEqual([`todo TODO-${n}`]);
    ws.close();
  });

  it('stays in step with writes and deletes', async () => {
    const { ws } = workspaceWith(SMALL);
    expect(await hits(ws, { query: 'kubernetes' })).toEqual([]);
    const t = await createTodo(ws, { task: 'Move the workers to Kubernetes', repo: 'api' });
    expect(await hits(ws, { query: 'kubernetes', kind: 'todo' })).toEqual([`todo ${t.todo.id}`]);
    await updateTodo(ws, t.todo.id, { task: 'Move the workers to Nomad' });
    expect(await hits(ws, { query: 'kubernetes', kind: 'todo' })).toEqual([]);
    expect(await hits(ws, { query: 'nomad', kind: 'todo' })).toEqual([`todo ${t.todo.id}`]);
    await deleteTodo(ws, t.todo.id);
    expect(await hits(ws, { query: 'nomad', kind: 'todo' })).toEqual([]);
    // The history still remembers it.
    expect((await hits(ws, { query: 'nomad', kind: 'event' })).length).toBeGreaterThan(0);
  });

  it('sees a hand edit on the next search', async () => {
    const { ws, file } = workspaceWith(SMALL);
    expect(await hits(ws, { query: 'websocket' })).toEqual([]);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('task: Call the API from the web app', 'task: Call the API over a websocket'));
    expect(await hits(ws, { query: 'websocket' })).toEqual(['todo TODO-2', 'event TODO-2']);
  });

  it('follows a hand edit that removes a record and inserts one in the middle (the index rewrites only what moved)', async () => {
    const { ws, file } = workspaceWith(SMALL);
    expect(await hits(ws, { query: 'changelog', kind: 'todo' })).toEqual(['todo TODO-5']);
    const text = fs.readFileSync(file, 'utf8');
    const removed = text.replace(/ {4}- id: TODO-3\n(?: {6}.*\n)+/, '').replace('    - id: TODO-1\n', '    - id: TODO-9\n      task: Tune the zeppelin\n      repo: api\n    - id: TODO-1\n');
    fs.writeFileSync(file, removed);
    expect(await hits(ws, { query: 'zeppelin', kind: 'todo' })).toEqual(['todo TODO-9']);
    expect(await hits(ws, { query: 'runtime upgrade', kind: 'todo' })).toEqual([]);
    expect(await hits(ws, { query: 'changelog', kind: 'todo' })).toEqual(['todo TODO-5']);
    await expectIndexMatchesFile(ws);
  });

  it('rebuilds documents that were lost, from the index and the history', async () => {
    const { ws } = workspaceWith(SMALL);
    await addTodoNote(ws, 'TODO-1', { text: 'Shipped behind a feature flag' });
    const before = await hits(ws, { query: 'feature flag' });
    ws.search.clear();
    expect(await hits(ws, { query: 'feature flag' })).toEqual(before);
    expect(before).toEqual(['note TODO-1', 'event TODO-1']);
  });

  it('falls back to any word when no result has them all, and says so', async () => {
    const { ws } = workspaceWith(SMALL);
    const r = await search(ws, { query: 'changelog zeppelin' });
    expect(r.match).toBe('any');
    expect(r.results.map((x) => x.id)).toEqual(['TODO-5']);
  });

  it('takes operators and punctuation as text, and refuses a query with no word', async () => {
    const { ws } = workspaceWith(SMALL);
    // Searched as the words near, api, and, web: no record has them all, some have one.
    const ops = await search(ws, { query: 'NEAR(api AND -web' });
    expect(ops.match).toBe('any');
    expect(ops.results.map((x) => x.id)).toEqual(['DEP-1', 'TODO-2']);
    expect(await hits(ws, { query: 'TODO-4' })).toContain('todo TODO-4');
    const e = await search(ws, { query: '*** "" ::' }).catch((x: ConcordError) => x);
    expect(e).toMatchObject({ code: 'INVALID_INPUT' });
    expect((await search(ws, { query: 'x', limit: 0 }).catch((x: ConcordError) => x)) as ConcordError).toMatchObject({ code: 'INVALID_INPUT' });
  });
});
