// GET /api/events over real HTTP on loopback: every history event, live; a client that reconnects with
// Last-Event-ID gets exactly what it missed (written meanwhile by this server or another process), in order.
import fs from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { startHttpServer, type RunningServer } from '../../src/http/server.js';
import { SMALL } from '../helpers/fixtures.js';
import type { Answer } from '../helpers/http.js';
import { openSse } from '../helpers/sse.js';
import { workspaceWith } from '../helpers/workspace.js';

const servers: { server: RunningServer; ws: Workspace }[] = [];
afterAll(async () => {
  for (const { server, ws } of servers.splice(0)) {
    await server.close();
    ws.close();
  }
});

async function served() {
  const { ws, file } = workspaceWith(SMALL, { flags: { port: 0 } });
  const server = await startHttpServer(ws.as('tester', 'http'));
  servers.push({ server, ws });
  const post = (path: string, body: unknown) => fetch(`${server.url}${path}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }).then((r) => r.json() as Promise<Answer>);
  return { ws, file, server, post };
}

const seqs = (events: { id?: string }[]) => events.map((e) => Number(e.id));

describe('the event stream', () => {
  it('streams new events live, and after a disconnect resumes from Last-Event-ID with nothing lost or repeated', async () => {
    const { server, post, file } = await served();
    const first = await openSse(`${server.url}/api/events`);
    expect(first.status).toBe(200);
    expect(first.headers.get('content-type')).toContain('text/event-stream');
    const todo = (await post('/api/todos', { task: 'Stream me', repo: 'api' })).id as string;
    for (let i = 0; i < 3; i++) await post(`/api/todos/${todo}/notes`, { text: `note ${i}` });
    const live = await first.take(4);
    expect(live.map((e) => e.event)).toEqual(['todo:created', 'todo:note_added', 'todo:note_added', 'todo:note_added']);
    const created = JSON.parse(live[0]!.data);
    expect(created).toMatchObject({ type: 'todo:created', entity: { kind: 'todo', id: todo }, surface: 'http', summary: expect.any(String) });
    expect(Number(live[0]!.id)).toBe(created.seq);
    first.close();

    // While nobody listens: writes through this server and through another workspace (another process's view).
    for (let i = 3; i < 6; i++) await post(`/api/todos/${todo}/notes`, { text: `note ${i}` });
    const other = new Workspace({ file, actor: 'elsewhere', env: {} });
    await createTodo(other, { task: 'Written elsewhere', repo: 'lib' });
    other.close();

    const again = await openSse(`${server.url}/api/events`, { 'last-event-id': live[3]!.id! });
    const missed = await again.take(4);
    expect(missed.map((e) => e.event)).toEqual(['todo:note_added', 'todo:note_added', 'todo:note_added', 'todo:created']);
    expect(JSON.parse(missed[3]!.data)).toMatchObject({ actor: 'elsewhere', surface: 'cli' });
    const all = [...live, ...missed];
    expect(seqs(all)).toEqual(seqs(all).map((_, i) => seqs(all)[0]! + i));
    // And it goes on live after catching up.
    await post(`/api/todos/${todo}/complete`, {});
    const completion: { id?: string; event?: string }[] = [];
    while (!completion.some((e) => e.event === 'todo:status_changed')) completion.push(...(await again.take(1)));
    expect(seqs(completion)[0]).toBe(seqs(all).at(-1)! + 1);
    again.close();
  });

  it('filters by type and repo, starts after ?after=, and turns a hand edit of the file into an event without a request', async () => {
    const { server, post, file } = await served();
    await post('/api/todos/TODO-5/notes', { text: 'before the stream' });
    const notes = await openSse(`${server.url}/api/events?type=todo:note_added&after=0`);
    const backlog = await notes.take(1);
    expect(JSON.parse(backlog[0]!.data)).toMatchObject({ entity: { id: 'TODO-5' }, data: { note: { text: 'before the stream' } } });
    const edits = await openSse(`${server.url}/api/events?repo=web`);
    await post('/api/todos/TODO-3/notes', { text: 'api, not web' });
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('task: Call the API from the web app', 'task: Call the API from the web app, by hand'));
    const [hand] = await edits.take(1);
    expect(JSON.parse(hand!.data)).toMatchObject({ type: 'todo:updated', entity: { id: 'TODO-2' }, surface: 'file' });
    expect((await notes.take(1))[0]!.data).toContain('api, not web');
    notes.close();
    edits.close();
    const bad = await fetch(`${server.url}/api/events?type=todo:finished`);
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({ error: { code: 'INVALID_INPUT', message: expect.stringContaining('todo:finished') } });
  });
});
