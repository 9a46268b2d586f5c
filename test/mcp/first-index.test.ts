// A server's first index of a large file is built in a worker thread (app/index-worker.ts): the server answers
// what needs no index at once, a call that needs it waits for it at most index_wait_ms (then INDEX_BUILDING,
// retry), and the answers once it is built are those of a server that indexed the file itself.
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { generateEcosystem } from '../../src/bench/generate.js';
import { call, httpClient, memoryClient, serve, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

/** Large enough (~800 KB) for the worker; the same text every time. */
const TEXT = generateEcosystem({ todos: 2_000 });

/** What a server that indexed the file on its own thread answers (the reference). */
async function reference(name: string, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const { file } = ecosystemDir(TEXT);
  const client = await memoryClient(file);
  try {
    return (await call(client, name, args)).value;
  } finally {
    await client.close();
  }
}

describe('a server on a fresh clone of a large file', () => {
  it('concord mcp answers at once, and its first call with the answer of an indexed file', async () => {
    expect(TEXT.length).toBeGreaterThan(500_000);
    const { dir, file } = ecosystemDir(TEXT);
    const client = await stdioClient(file);
    try {
      expect((await client.listTools()).tools.length).toBeGreaterThan(30);
      const ready = await call(client, 'coord_ready_todos', { limit: 50 });
      expect(ready.ok).toBe(true);
      expect(ready.value).toEqual(await reference('coord_ready_todos', { limit: 50 }));
      expect(await call(client, 'coord_get_ecosystem_status', {})).toEqual({ ok: true, value: await reference('coord_get_ecosystem_status', {}) });
    } finally {
      await client.close();
    }
    // The worker's index is the file's: the next process reads it without parsing.
    const ws = new Workspace({ file, env: {} });
    try {
      expect(ws.index.header()).toMatchObject({ file, mode: 'chunked' });
      expect(fs.existsSync(path.join(dir, '.concord', 'state.db'))).toBe(true);
    } finally {
      ws.close();
    }
  });

  it('concord serve answers /health, tools/list and INDEX_BUILDING while the index waits, then the same answers as an indexed file', async () => {
    const { dir, file } = ecosystemDir(TEXT);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'coordination:\n  auto_dependency_check: false\n');
    // The state database without an index, its write lock held here: the worker cannot index until it is released.
    const fresh = new Workspace({ file, env: {} });
    expect(fresh.index.header()).toBeUndefined();
    fresh.close();
    const holder = new Database(path.join(dir, '.concord', 'state.db'));
    holder.exec('BEGIN IMMEDIATE');
    const server = await serve(file, [], { CONCORD_INDEX_WAIT_MS: '300', CONCORD_LOCK_TIMEOUT_MS: '120000' });
    try {
      const health = await fetch(`${server.url}/health`);
      expect(health.status).toBe(200);
      const api = await fetch(`${server.url}/api/ready?limit=5`);
      expect(api.status).toBe(503);
      expect(api.headers.get('retry-after')).toBe('2');
      expect(((await api.json()) as { error: { code: string } }).error.code).toBe('INDEX_BUILDING');
      const client = await httpClient(server.url);
      try {
        expect((await client.listTools()).tools.length).toBeGreaterThan(30);
        const waiting = await call(client, 'coord_ready_todos', { limit: 50 });
        expect(waiting).toMatchObject({ ok: false, value: { error: { code: 'INDEX_BUILDING', hint: expect.stringMatching(/retry/), data: { retry_after_seconds: 2 } } } });
        // A write waits for the index too, and changes nothing when it gives up.
        expect(await call(client, 'coord_add_note', { id: 'TODO-5', text: 'too early' })).toMatchObject({ ok: false, value: { error: { code: 'INDEX_BUILDING' } } });
        expect(fs.readFileSync(file, 'utf8')).toBe(TEXT);
        holder.exec('ROLLBACK');
        let ready = waiting;
        for (let i = 0; i < 200 && !ready.ok; i++) ready = await call(client, 'coord_ready_todos', { limit: 50 });
        expect(ready).toEqual({ ok: true, value: await reference('coord_ready_todos', { limit: 50 }) });
        expect((await call(client, 'coord_add_note', { id: 'TODO-5', text: 'after the index' })).ok).toBe(true);
        expect(fs.readFileSync(file, 'utf8')).toContain('after the index');
      } finally {
        await client.close();
      }
    } finally {
      if (holder.inTransaction) holder.exec('ROLLBACK');
      holder.close();
      await server.stop();
    }
  });
});
