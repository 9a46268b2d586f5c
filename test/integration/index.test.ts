import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getTodo, listTodos } from '../../src/app/queries.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { updateTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { fingerprintOf } from '../../src/store/file.js';
import { SMALL } from '../helpers/fixtures.js';
import { expectIndexMatchesFile, workspaceWith } from '../helpers/workspace.js';

describe('the state index', () => {
  it('serves an unchanged file from the index without parsing it', async () => {
    const { ws, dir } = workspaceWith(SMALL);
    await loadSnapshot(ws);
    ws.close();
    // Tamper with the stored rows: if a later read parsed the YAML, it would not see this.
    const db = new (await import('better-sqlite3')).default(path.join(dir, '.concord', 'state.db'));
    db.prepare("UPDATE index_items SET row = replace(row, 'Document the API', 'served from the index'), record = replace(record, 'Document the API', 'served from the index')").run();
    db.close();
    const again = new Workspace({ cwd: dir, env: {} });
    expect((await listTodos(again, { text: 'served from the index' })).total).toBe(1);
    again.close();
  });

  it('finds todos by label from the index whatever characters the label holds', async () => {
    const labels = ['50%', '500', 'a_b', 'axb', 'say "x"', 'back\\slash', 'Área', 'área'];
    const todos = labels.map((l, i) => `    - id: TODO-${i + 1}\n      task: Task ${i + 1}\n      repo: api\n      labels: [${JSON.stringify(l)}]\n`).join('');
    const { ws, dir } = workspaceWith(`repos:\n  - name: api\n    path: ./api\ncoordination:\n  todos:\n${todos}`);
    await loadSnapshot(ws);
    ws.close();
    const again = new Workspace({ cwd: dir, env: {} });
    const ids = async (label: string) => (await listTodos(again, { label: [label] })).items.map((t) => t.id);
    expect(await ids('50%')).toEqual(['TODO-1']);
    expect(await ids('a_b')).toEqual(['TODO-3']);
    expect(await ids('say "x"')).toEqual(['TODO-5']);
    expect(await ids('back\\slash')).toEqual(['TODO-6']);
    expect(await ids('Área')).toEqual(['TODO-7']);
    expect(await ids('área')).toEqual(['TODO-8']);
    expect((await listTodos(again, { label: ['axb', '500'] })).items.map((t) => t.id)).toEqual(['TODO-2', 'TODO-4']);
    again.close();
  });

  it('rebuilds an index that another version of Concord built instead of trusting it', async () => {
    const { ws, dir } = workspaceWith(SMALL);
    await loadSnapshot(ws);
    ws.close();
    // An index built by an older reader, which read the records differently (here: another title).
    const db = new (await import('better-sqlite3')).default(path.join(dir, '.concord', 'state.db'));
    const row = db.prepare('SELECT snapshot FROM index_state').get() as { snapshot: string };
    db.prepare("UPDATE index_state SET snapshot = ?, reader = '0.0.1/1'").run(row.snapshot.replace('Document the API', 'read by an old reader'));
    db.prepare("UPDATE index_items SET row = replace(row, 'Document the API', 'read by an old reader'), record = replace(record, 'Document the API', 'read by an old reader')").run();
    db.close();
    const again = new Workspace({ cwd: dir, env: {} });
    expect((await listTodos(again, { text: 'read by an old reader' })).total).toBe(0);
    expect((await listTodos(again, { text: 'Document the API' })).total).toBe(1);
    await expectIndexMatchesFile(again);
    // The text did not change: the re-read is not a change to record.
    expect(again.events.list()).toEqual([]);
    again.close();
  });

  it('loses no coordination data when state.db is deleted', async () => {
    const { ws, dir } = workspaceWith(SMALL);
    await updateTodo(ws, 'TODO-2', { status: 'in_progress' });
    const before = (await loadSnapshot(ws)).snapshot;
    ws.close();
    fs.rmSync(path.join(dir, '.concord'), { recursive: true });
    const fresh = new Workspace({ cwd: dir, env: {} });
    expect((await loadSnapshot(fresh)).snapshot).toEqual(before);
    expect((await getTodo(fresh, 'TODO-2')).todo.status).toBe('in_progress');
    fresh.close();
  });

  it('notices a hand edit on the next read and records it as changes from an external edit', async () => {
    const { ws, file } = workspaceWith(SMALL);
    await loadSnapshot(ws);
    const edited = fs
      .readFileSync(file, 'utf8')
      .replace('      task: Call the API from the web app\n      repo: web\n      status: pending', '      task: Call the API from the web app\n      repo: web\n      status: blocked')
      .replace(/ {4}- id: TODO-5\n(.|\n)*?(?= {2}dependencies:)/, '    - id: TODO-6\n      task: Added by hand\n      repo: api\n');
    fs.writeFileSync(file, edited);
    const todos = (await listTodos(ws)).items.map((t) => `${t.id}:${t.status}`);
    expect(todos).toEqual(['TODO-1:completed', 'TODO-2:blocked', 'TODO-3:pending', 'TODO-4:pending', 'TODO-6:pending']);
    const events = ws.events.list().map((e) => `${e.type} ${e.entity.id} ${e.surface} ${e.actor}`);
    expect(events.sort()).toEqual([
      'todo:created TODO-6 file (external edit)',
      'todo:deleted TODO-5 file (external edit)',
      'todo:status_changed TODO-2 file (external edit)',
      'todo:updated TODO-2 file (external edit)',
    ]);
    await expectIndexMatchesFile(ws);
  });
});

describe('history of records a hand edit breaks', () => {
  it('records no deletion while a record is invalid, and the real change once it is fixed', async () => {
    const { ws, file } = workspaceWith(SMALL);
    await loadSnapshot(ws);
    const original = fs.readFileSync(file, 'utf8');
    fs.writeFileSync(file, original.replace('      priority: low\n', '      priority: lowest\n'));
    expect((await listTodos(ws)).items.map((t) => t.id)).not.toContain('TODO-4');
    expect(ws.events.list().map((e) => e.type)).toEqual([]);
    fs.writeFileSync(file, original.replace('      priority: low\n', '      priority: high\n'));
    expect((await getTodo(ws, 'TODO-4')).todo.priority).toBe('high');
    const events = ws.events.list().map((e) => ({ type: e.type, id: e.entity.id, data: e.data }));
    expect(events).toEqual([{ type: 'todo:updated', id: 'TODO-4', data: expect.objectContaining({ changes: [{ field: 'priority', from: 'low', to: 'high' }] }) }]);
  });

  describe('the file stat it verified', () => {
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const header = (ws: Workspace) => ws.index.header()?.fingerprint;
    /** Points the index at a fingerprint the file does not have: a read of the file puts it right. */
    async function misleadIndex(dir: string): Promise<void> {
      const db = new (await import('better-sqlite3')).default(path.join(dir, '.concord', 'state.db'));
      db.prepare("UPDATE index_state SET fingerprint = 'not-this-file'").run();
      db.close();
    }

    it('is trusted once taken well after the file changed: the file is not read again', async () => {
      const { ws, dir, file } = workspaceWith(SMALL);
      await sleep(150);
      await loadSnapshot(ws);
      ws.close();
      await misleadIndex(dir);
      const again = new Workspace({ cwd: dir, env: {} });
      expect((await getTodo(again, 'TODO-4')).todo.task).toBe('Document the API');
      expect(header(again)).toBe('not-this-file');
      again.close();
      // The same bytes written again: another stat, so the file is read and the index put right.
      fs.writeFileSync(file, fs.readFileSync(file));
      const after = new Workspace({ cwd: dir, env: {} });
      expect((await getTodo(after, 'TODO-4')).todo.task).toBe('Document the API');
      expect(header(after)).toBe(fingerprintOf(fs.readFileSync(file, 'utf8')));
      await expectIndexMatchesFile(after);
      after.close();
    });

    it('is not trusted while the file could still change within the same timestamp', async () => {
      const { ws, dir, file } = workspaceWith(SMALL);
      // A modification time ahead of the clock: any stat taken now is too close to it.
      const ahead = new Date(Date.now() + 60_000);
      fs.utimesSync(file, ahead, ahead);
      await loadSnapshot(ws);
      ws.close();
      await misleadIndex(dir);
      const again = new Workspace({ cwd: dir, env: {} });
      expect((await getTodo(again, 'TODO-4')).todo.task).toBe('Document the API');
      expect(header(again)).toBe(fingerprintOf(fs.readFileSync(file, 'utf8')));
      again.close();
    });
  });
});
