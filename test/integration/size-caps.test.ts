// Every input has a size cap (docs/settings.md, Limits): text fields and notes in the core inputs, input
// files, HTTP request bodies (refused before they are read) and the MCP sessions a server keeps.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { addTodoNote, createTodo, updateTodo } from '../../src/app/todos.js';
import { createIssue } from '../../src/app/issues.js';
import { LIMITS } from '../../src/core/limits.js';
import { createHttpApp } from '../../src/http/app.js';
import { SMALL } from '../helpers/fixtures.js';
import { workspaceWith } from '../helpers/workspace.js';

const GUARD = { token: undefined, allowedOrigins: [], allowedHosts: [] };
const refused = async (work: () => Promise<unknown>) => {
  const e = await work().then(() => undefined, (err: unknown) => err as { code: string; message: string });
  expect(e, 'the write was refused').toBeDefined();
  return e!;
};

describe('caps on the values of a write', () => {
  it('refuse a title, a description, a note or a label past its cap, naming the field, and write nothing', async () => {
    const { ws, file } = workspaceWith(SMALL);
    const before = fs.readFileSync(file, 'utf8');
    const task = await refused(() => createTodo(ws, { task: 'x'.repeat(LIMITS.line + 1), repo: 'api' }));
    expect(task).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining(`task: at most ${LIMITS.line} characters`) });
    const description = await refused(() => createIssue(ws, { title: 'Big', description: 'y'.repeat(LIMITS.text + 1), repos: ['api'] }));
    expect(description.message).toContain(`description: at most ${LIMITS.text} characters`);
    const note = await refused(() => addTodoNote(ws, 'TODO-2', { text: 'z'.repeat(5_000_000) }));
    expect(note.message).toContain(`text: at most ${LIMITS.note} characters`);
    const labels = await refused(() => updateTodo(ws, 'TODO-2', { labels: ['l'.repeat(LIMITS.listEntry + 1)] }));
    expect(labels.message).toContain('labels');
    const metadata = await refused(() => updateTodo(ws, 'TODO-2', { metadata: { blob: 'm'.repeat(LIMITS.metadataBytes) } }));
    expect(metadata.message).toContain(`metadata: at most ${LIMITS.metadataBytes} bytes as JSON`);
    // JSON can carry half a surrogate pair; written out, it would be a byte that is not UTF-8.
    const lone = await refused(() => createTodo(ws, { task: 'caf\udce9', repo: 'api' }));
    expect(lone.message).toContain('task: holds a lone surrogate');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    // At the cap is fine, and so is any character outside the BMP.
    expect((await createTodo(ws, { task: 'Ship it \ud83d\ude80', repo: 'api' })).changed).toBe(true);
    expect((await createTodo(ws, { task: 'x'.repeat(LIMITS.line), repo: 'api', note: 'n'.repeat(LIMITS.note) })).changed).toBe(true);
    ws.close();
  });
});

describe('HTTP request bodies', () => {
  it('over the cap are refused with 413 from Content-Length, before any of the body is read', async () => {
    const { ws } = workspaceWith(SMALL);
    const { app, close } = createHttpApp(ws, GUARD);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536));
        if (pulled >= 200 * 1024 * 1024) controller.close();
      },
    });
    const res = await app.request('/mcp', { method: 'POST', body, headers: { 'content-type': 'application/json', 'content-length': String(200 * 1024 * 1024) }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(await res.json()).toMatchObject({ error: { message: `request body over ${LIMITS.inputBytes} bytes, the limit of a request to Concord` } });
    // The stream may have buffered a chunk or two ahead; it was never read to its end.
    expect(pulled).toBeLessThan(LIMITS.inputBytes);
    await close();
    ws.close();
  });

  it('without a Content-Length are cut off once they pass the cap', async () => {
    const { ws } = workspaceWith(SMALL);
    const { app, close } = createHttpApp(ws, GUARD);
    let pulled = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulled += 65_536;
        controller.enqueue(new Uint8Array(65_536).fill(32));
        if (pulled >= 200 * 1024 * 1024) controller.close();
      },
    });
    const res = await app.request('/mcp', { method: 'POST', body, headers: { 'content-type': 'application/json', 'transfer-encoding': 'chunked' }, duplex: 'half' } as RequestInit);
    expect(res.status).toBe(413);
    expect(pulled).toBeLessThan(LIMITS.inputBytes + 4 * 65_536);
    await close();
    ws.close();
  });
});

const initialize = (n: number) => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' },
  body: JSON.stringify({ jsonrpc: '2.0', id: n, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: `agent-${n}`, version: '1' } } }),
});

describe('MCP sessions over HTTP', () => {
  it('are capped in number, and an idle one expires (its id is then unknown) and frees its place', async () => {
    const { ws } = workspaceWith(SMALL);
    let clock = 0;
    const { app, close } = createHttpApp(ws, GUARD, { max: 2, idleMs: 60_000, now: () => clock });
    const first = await app.request('/mcp', initialize(1));
    expect(first.status).toBe(200);
    const id = first.headers.get('mcp-session-id')!;
    expect(id).toBeTruthy();
    expect((await app.request('/mcp', initialize(2))).status).toBe(200);
    const third = await app.request('/mcp', initialize(3));
    expect(third.status).toBe(503);
    expect(await third.json()).toMatchObject({ error: { message: expect.stringContaining('2 MCP sessions are open, the most Concord keeps at once') } });
    clock += 61_000;
    expect((await app.request('/mcp', initialize(4))).status).toBe(200);
    const old = await app.request('/mcp', { method: 'POST', headers: { ...initialize(5).headers, 'mcp-session-id': id }, body: JSON.stringify({ jsonrpc: '2.0', id: 5, method: 'tools/list' }) });
    expect(old.status).toBe(404);
    await close();
    ws.close();
  });
});
