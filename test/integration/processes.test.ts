// The store under real processes: concurrent writers, a held lock, writers killed mid-write.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readEcosystemText, isServed } from '../../src/store/read.js';
import { createTodo } from '../../src/app/todos.js';
import { listTodos } from '../../src/app/queries.js';
import { acquireLease, renewLease } from '../../src/app/leases.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { Workspace } from '../../src/app/workspace.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';
import { expectIndexMatchesFile } from '../helpers/workspace.js';

const WORKERS = path.join(import.meta.dirname, 'workers');

function run(script: string, args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, [path.join(WORKERS, script), ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

function todosIn(file: string) {
  const read = readEcosystemText(fs.readFileSync(file, 'utf8'), file);
  expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  return read.items.filter((i) => i.section === 'todos' && isServed(i));
}

describe('concurrent writers', () => {
  it('8 processes creating 50 todos each leave exactly 400 new todos, unique ids and a valid file', async () => {
    const { file } = ecosystemDir(SMALL);
    const results = await Promise.all(Array.from({ length: 8 }, (_, i) => run('create-todos.mjs', [file, '50', `agent${i}`], { CONCORD_LOCK_TIMEOUT_MS: '120000' })));
    for (const r of results) expect(r.code, r.stderr).toBe(0);
    const reported = results.flatMap((r) => JSON.parse(r.stdout) as string[]);
    expect(new Set(reported).size).toBe(400);
    const todos = todosIn(file);
    expect(todos).toHaveLength(405);
    expect(new Set(todos.map((t) => t.id)).size).toBe(405);
    for (const id of reported) expect(todos.some((t) => t.id === id)).toBe(true);
    for (let i = 0; i < 8; i++) expect(todos.filter((t) => (t.record!['labels'] as string[] | undefined)?.includes(`agent${i}`))).toHaveLength(50);
    const ws = new Workspace({ file, env: {} });
    await loadSnapshot(ws);
    await expectIndexMatchesFile(ws);
    expect(ws.events.list({ types: ['todo:created'], limit: 1000 })).toHaveLength(400);
    ws.close();
  });
});

describe('the write lock', () => {
  it('belongs to the file: a writer with another state database waits for it, times out with LOCK_TIMEOUT and changes nothing; reads and heartbeats never wait', async () => {
    const { file } = ecosystemDir(SMALL);
    const ws = new Workspace({ file, env: { CONCORD_LOCK_TIMEOUT_MS: '300', CONCORD_STATE_DIR: tempDir() } });
    await loadSnapshot(ws);
    const lease = await acquireLease(ws, { todo: 'TODO-5', agent: 'agent-1', session: 's1' });
    const before = fs.readFileSync(file, 'utf8');
    const holder = spawn(process.execPath, [path.join(WORKERS, 'hold-file-lock.mjs'), file], { stdio: ['ignore', 'pipe', 'inherit'] });
    await new Promise<void>((resolve) => holder.stdout.once('data', () => resolve()));
    try {
      const started = Date.now();
      await expect(createTodo(ws, { task: 'never', repo: 'api' })).rejects.toMatchObject({ code: 'LOCK_TIMEOUT', message: expect.stringContaining('nothing was changed') });
      expect(Date.now() - started).toBeGreaterThanOrEqual(280);
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
      // A read with a fresh state database (it indexes the file) does not take the file lock.
      const reader = new Workspace({ file, env: { CONCORD_LOCK_TIMEOUT_MS: '300', CONCORD_STATE_DIR: tempDir() } });
      expect((await listTodos(reader)).total).toBe(5);
      reader.close();
      // Nor does a heartbeat (the state database only).
      expect((await renewLease(ws, { todo: 'TODO-5', token: lease.token, lease_seconds: 3600 })).expires_at > lease.expires_at).toBe(true);
    } finally {
      holder.kill('SIGKILL');
      await new Promise((r) => holder.once('close', r));
    }
    // The lock of a killed holder is released by the OS: the next write goes through.
    const r = await createTodo(ws, { task: 'after the holder died', repo: 'api' });
    expect(r.changed).toBe(true);
    ws.close();
  });
});

describe('a writer killed in the middle of a write', () => {
  it('leaves the old file or the new one, never a broken one, and the next writer recovers', async () => {
    const { dir, file } = ecosystemDir(SMALL);
    let last = 5;
    for (let round = 0; round < 12; round++) {
      const child = spawn(process.execPath, [path.join(WORKERS, 'write-forever.mjs'), file], { stdio: ['ignore', 'pipe', 'pipe'] });
      // Kill at a random moment once writes are flowing (however slow the machine is to start node).
      await new Promise<void>((resolve) => child.stdout.on('data', (d: Buffer) => d.toString().includes('wrote') && resolve()));
      await new Promise((r) => setTimeout(r, Math.floor(Math.random() * 120)));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('close', r));
      const todos = todosIn(file);
      expect(todos.length).toBeGreaterThanOrEqual(last);
      last = todos.length;
    }
    expect(last).toBeGreaterThan(5);
    const ws = new Workspace({ file, env: {} });
    const r = await createTodo(ws, { task: 'after the crashes', repo: 'api' });
    expect(r.changed).toBe(true);
    expect(fs.readdirSync(dir).filter((n) => n.includes('concord-tmp'))).toEqual([]);
    await expectIndexMatchesFile(ws);
    ws.close();
  });
});
