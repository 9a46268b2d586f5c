// The HTTP API under /api, in-process: a route per operation, inputs from the query or the body, the one
// error mapping (404, 409, 422, 503 with Retry-After) and its body, the guard and the body limit on /api too.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { inProcessApi } from '../helpers/http.js';

describe('the HTTP API', () => {
  it('answers reads from the query string: lists filtered by comma-separated or repeated values', async () => {
    const api = inProcessApi(SMALL);
    const all = await api.json('/api/todos?status=pending&sort=id');
    expect(all.status).toBe(200);
    expect(all.body).toMatchObject({ total: 4, offset: 0 });
    expect(all.body.items.map((t: { id: string }) => t.id)).toEqual(['TODO-2', 'TODO-3', 'TODO-4', 'TODO-5']);
    const some = await api.json('/api/todos?repo=web,lib&priority=medium&priority=low&limit=1');
    expect(some.body).toMatchObject({ total: 3, next_offset: 1, items: [{ id: 'TODO-2' }] });
    const ready = await api.json('/api/ready?repo=a');
    expect(ready.body).toEqual([]);
    const shown = await api.json('/api/todos/TODO-3');
    expect(shown.body).toMatchObject({ todo: { id: 'TODO-3', assignee: 'alice' }, ready: false, blockers: [{ id: 'ISSUE-1' }] });
  });

  it('writes from a JSON body, with the path naming the record, and answers 201 for a creation', async () => {
    const api = inProcessApi(SMALL);
    const created = await api.json('/api/todos', { method: 'POST', body: { task: 'Add retries', repo: 'api', priority: 'high' }, headers: { 'x-concord-actor': 'dashboard' } });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ id: expect.stringMatching(/^TODO-/), task: 'Add retries', repo: 'api', status: 'pending' });
    const id = created.body.id as string;
    const updated = await api.json(`/api/todos/${id}`, { method: 'PATCH', body: { status: 'in_progress', estimated_hours: 2 } });
    expect(updated).toMatchObject({ status: 200, body: { id, status: 'in_progress', estimated_hours: 2 } });
    const history = await api.json(`/api/history?id=${id}&type=todo:created`);
    expect(history.body.events).toEqual([expect.objectContaining({ type: 'todo:created', actor: 'dashboard', surface: 'http' })]);
    const deleted = await api.json(`/api/todos/${id}`, { method: 'DELETE' });
    expect(deleted.body).toEqual({ deleted: id, changed: true });
    expect((await api.json(`/api/todos/${id}`)).status).toBe(404);
  });

  it('maps each kind of error once: 404, 409, 422, with the same body everywhere', async () => {
    const api = inProcessApi(SMALL);
    const missing = await api.json('/api/todos/TODO-55');
    expect(missing).toEqual({ status: 404, body: { error: expect.objectContaining({ code: 'TODO_NOT_FOUND', hint: 'did you mean TODO-5?' }) } });
    const blocked = await api.json('/api/todos/TODO-4/claim', { method: 'POST', body: { agent: 'a1' } });
    expect(blocked.status).toBe(409);
    expect(blocked.body.error).toMatchObject({ code: 'TODO_BLOCKED', data: { blockers: ['TODO-2'] } });
    const unknown = await api.json('/api/todos?colour=red');
    expect(unknown.status).toBe(422);
    expect(unknown.body.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('colour') });
    const badValue = await api.json('/api/todos?status=done-ish');
    expect(badValue.status).toBe(422);
    const notJson = await api.json('/api/todos', { method: 'POST', body: '{"task":', headers: { 'content-type': 'application/json' } });
    expect(notJson.body.error).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('not JSON') });
    const contradicts = await api.json('/api/todos/TODO-2', { method: 'PATCH', body: { id: 'TODO-3', status: 'blocked' } });
    expect(contradicts.body.error.message).toContain('in the path');
    const noRoute = await api.json('/api/nothing');
    expect(noRoute).toMatchObject({ status: 404, body: { error: { code: 'NOT_FOUND' } } });
    const method = await api.request('/api/todos', { method: 'PUT' });
    expect(method.status).toBe(405);
    expect(method.headers.get('allow')).toBe('GET, POST');
  });

  it('answers 503 with Retry-After while another process holds the write lock, and changes nothing', async () => {
    const api = inProcessApi(SMALL, {}, { env: { CONCORD_LOCK_TIMEOUT_MS: '200' } });
    const before = fs.readFileSync(api.file, 'utf8');
    const holder = spawn(process.execPath, [path.join(import.meta.dirname, '../integration/workers/hold-file-lock.mjs'), api.file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const r = await api.request('/api/todos/TODO-5', { method: 'PATCH', body: { priority: 'high' } });
      expect(r.status).toBe(503);
      expect(r.headers.get('retry-after')).toBe('1');
      expect(await r.json()).toMatchObject({ error: { code: 'LOCK_TIMEOUT', message: expect.stringContaining('nothing was changed') } });
      expect(fs.readFileSync(api.file, 'utf8')).toBe(before);
      // Reads do not wait for the lock.
      expect((await api.request('/api/todos/TODO-5')).status).toBe(200);
    } finally {
      holder.kill();
    }
  });

  it('is behind the guard and the body limit', async () => {
    const api = inProcessApi(SMALL, { token: 'a-long-enough-secret-token-1234' });
    expect((await api.request('/api/status')).status).toBe(401);
    expect((await api.request('/api/status', { headers: { authorization: 'Bearer a-long-enough-secret-token-1234' } })).status).toBe(200);
    const big = await api.request('/api/todos', { method: 'POST', headers: { authorization: 'Bearer a-long-enough-secret-token-1234', 'content-type': 'application/json', 'content-length': String(2 * 1024 * 1024) }, body: 'x'.repeat(2 * 1024 * 1024) });
    expect(big.status).toBe(413);
    expect(await big.json()).toMatchObject({ error: { code: 'PAYLOAD_TOO_LARGE' } });
  });
});

describe('writes of the catalog and deletes over HTTP', () => {
  it('add, update and remove repos and roles; a remove or delete that open work refuses takes ?force=true', async () => {
    const api = inProcessApi(SMALL);
    expect(await api.json('/api/roles', { method: 'POST', body: { name: 'worker', capabilities: ['queue'] } })).toEqual({ status: 201, body: { name: 'worker', capabilities: ['queue'], duties: [], tags: [] } });
    const repo = await api.json('/api/repos', { method: 'POST', body: { name: 'jobs', path: './jobs', role: 'worker' } });
    expect(repo).toMatchObject({ status: 201, body: { name: 'jobs', path: './jobs', role: 'worker' } });
    expect(await api.json('/api/repos/jobs', { method: 'PATCH', body: { path: null, description: 'The job runner' } })).toMatchObject({ status: 200, body: { name: 'jobs', description: 'The job runner' } });
    expect((await api.json('/api/repos/jobs', { method: 'PATCH', body: {} })).body).not.toHaveProperty('path');
    const inUse = await api.json('/api/roles/worker', { method: 'DELETE' });
    expect(inUse).toMatchObject({ status: 409, body: { error: { code: 'HAS_DEPENDENTS', hint: 'give them another role (PATCH /api/repos/{repo}, role), or pass force: true to clear their role' } } });
    expect((await api.json('/api/roles/worker?force=true', { method: 'DELETE' })).body).toEqual({ removed: 'worker', changed: true });
    expect((await api.json('/api/repos/jobs', { method: 'DELETE' })).body).toEqual({ removed: 'jobs', changed: true });
    const text = fs.readFileSync(api.file, 'utf8');
    expect(text).not.toMatch(/jobs|worker/);
    // TODO-2 blocks TODO-4: deleting it is refused, with the way to cancel it instead; force deletes it.
    const refused = await api.json('/api/todos/TODO-2', { method: 'DELETE' });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'HAS_DEPENDENTS', data: { dependents: ['TODO-4'] } } } });
    expect(refused.body.error.hint).toContain('PATCH /api/todos/TODO-2 with {"status":"cancelled","note":"why"}');
    expect((await api.json('/api/todos/TODO-2?force=true', { method: 'DELETE' })).body).toEqual({ deleted: 'TODO-2', changed: true });
    expect((await api.json('/api/issues/ISSUE-1?force=true', { method: 'DELETE' })).body).toEqual({ deleted: 'ISSUE-1', changed: true });
  });

  it('answers the warnings of a write beside its fields (an issue closed with open todos under it)', async () => {
    const api = inProcessApi(SMALL);
    const todo = await api.json('/api/todos', { method: 'POST', body: { task: 'Bump the runtime', repo: 'api', issue: 'ISSUE-1' } });
    expect(todo.body).not.toHaveProperty('warnings');
    const closed = await api.json('/api/issues/ISSUE-1/close', { method: 'POST', body: { resolution: 'done elsewhere' } });
    expect(closed).toMatchObject({ status: 200, body: { id: 'ISSUE-1', status: 'closed' } });
    expect(closed.body.warnings).toEqual([`issue ISSUE-1 is now closed, but 1 todo under it is still open (${todo.body.id as string} pending); complete or cancel it`]);
  });
});

describe('hints over HTTP', () => {
  it('name routes and input fields, not commands or tools', async () => {
    const api = inProcessApi(SMALL);
    const held = await api.json('/api/todos/TODO-5/claim', { method: 'POST', body: { agent: 'first' } });
    expect(held.status).toBe(200);
    const refused = await api.json('/api/todos/TODO-5/claim', { method: 'POST', body: { agent: 'second' } });
    expect(refused.body.error.code).toBe('ALREADY_CLAIMED');
    expect(refused.body.error.hint).toContain('GET /api/ready');
    expect(refused.body.error.hint).not.toMatch(/concord |coord_/);
  });
});
