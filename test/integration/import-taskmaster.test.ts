import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { exportRepo } from '../../src/app/import/export.js';
import { importSources } from '../../src/app/import/index.js';
import { getTodo, listTodos } from '../../src/app/queries.js';
import { Workspace } from '../../src/app/workspace.js';
import type { ConcordError } from '../../src/core/errors.js';
import type { Todo } from '../../src/core/model.js';
import { writeTaskmaster } from '../helpers/peer-tools.js';
import { tempDir } from '../helpers/temp.js';
import { expectIndexMatchesFile } from '../helpers/workspace.js';

function setup(): { root: string; ws: Workspace; repo: string } {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'ecosystem.yaml'), 'repos:\n  - name: web\n    path: ./web-app\n');
  const repo = path.join(root, 'web-app');
  writeTaskmaster(repo, {
    master: [
      { id: 1, title: 'Set up Express', status: 'done', priority: 'high', details: 'CORS, body parser', testStrategy: 'curl /health' },
      {
        id: 2, title: 'Authentication', status: 'in-progress', dependencies: [1, 99], details: 'JWT',
        subtasks: [
          { id: 1, title: 'Login route', status: 'done', acceptanceCriteria: '- returns a token\n- rejects bad passwords' },
          { id: 2, title: 'Logout route', dependencies: [1] },
        ],
      },
      { id: 3, title: 'Profile page', status: 'review', dependencies: ['2.2'] },
      { id: 4, title: 'Someday', status: 'icebox', priority: 'urgent-ish' },
      { id: 4, title: 'Duplicate four' },
    ],
    'feature-auth': [{ id: 1, title: 'OAuth with GitHub', status: 'deferred', dependencies: [2] }],
  });
  const ws = new Workspace({ file: path.join(root, 'ecosystem.yaml'), actor: 'tester', env: {} });
  return { root, ws, repo };
}

async function bySource(ws: Workspace): Promise<Map<string, Todo>> {
  const out = new Map<string, Todo>();
  for (const row of (await listTodos(ws, { repo: ['web'], limit: 1000 })).items) {
    const t = (await getTodo(ws, row.id)).todo;
    out.set(t.source_id ?? t.id, t);
  }
  return out;
}

describe('concord import taskmaster', () => {
  it('reads every tag, subtasks (14.1) and numeric and dotted dependencies into the repo whose path is the folder', async () => {
    const { root, ws } = setup();
    const r = await importSources(ws, { tool: 'taskmaster', paths: ['web-app'] }, root);
    expect(r.sources[0]).toMatchObject({ repo: 'web', items: 7 });
    const t = await bySource(ws);
    expect([...t.keys()].sort()).toEqual(['taskmaster:feature-auth/1', 'taskmaster:master/1', 'taskmaster:master/2', 'taskmaster:master/2.1', 'taskmaster:master/2.2', 'taskmaster:master/3', 'taskmaster:master/4']);
    const [one, two, sub1, sub2, three] = ['master/1', 'master/2', 'master/2.1', 'master/2.2', 'master/3'].map((k) => t.get(`taskmaster:${k}`)!);
    expect(one).toMatchObject({ status: 'completed', priority: 'high', metadata: { taskmaster: { details: 'CORS, body parser', testStrategy: 'curl /health' } } });
    // The parent waits on its subtasks and its dependency; a subtask's `1` is its sibling 2.1; "2.2" is a subtask.
    expect(new Set(two!.blocked_by)).toEqual(new Set([one!.id, sub1!.id, sub2!.id]));
    expect(sub2!.blocked_by).toEqual([sub1!.id]);
    expect(three!.blocked_by).toEqual([sub2!.id]);
    expect(sub1!.acceptance_criteria).toEqual(['returns a token', 'rejects bad passwords']);
    expect(three).toMatchObject({ status: 'in_progress', metadata: { taskmaster: { status: 'review' } } });
    // Tags keep their own numbering: feature-auth's 2 is not master's 2 (and is missing there).
    expect(t.get('taskmaster:feature-auth/1')).toMatchObject({ status: 'pending', blocked_by: [], metadata: { taskmaster: { status: 'deferred', missing_dependencies: [2] } } });
    const why = [...r.report.skipped, ...r.report.partial].map((p) => `${p.item ?? ''} ${p.reason}`).join('\n');
    expect(why).toMatch(/task id 4 appears twice in tag master/);
    expect(why).toMatch(/taskmaster:master\/2 it depends on 99, not in its tag/);
    expect(why).toMatch(/taskmaster:master\/4 status "icebox" is not one Concord knows/);
    expect(why).toMatch(/taskmaster:master\/4 priority "urgent-ish" is not one Concord knows/);
    expectIndexMatchesFile(ws);
  });

  it('refuses a tasks.json that is not JSON, naming the file and line, and writes nothing', async () => {
    const { root, ws, repo } = setup();
    fs.writeFileSync(path.join(repo, '.taskmaster/tasks/tasks.json'), '{\n  "master": {\n    "tasks": [,]\n  }\n}\n');
    const before = fs.readFileSync(ws.file, 'utf8');
    const err = await importSources(ws, { tool: 'taskmaster', paths: ['web-app'] }, root).then(() => undefined, (e: ConcordError) => e);
    expect(err?.code).toBe('INVALID_INPUT');
    expect(err?.message).toMatch(/tasks\.json line 3, column 15 is not valid JSON/);
    expect(fs.readFileSync(ws.file, 'utf8')).toBe(before);
  });

  it('round trip: import -> export -> import changes nothing, and the export keeps tags and subtasks', async () => {
    const { root, ws } = setup();
    await importSources(ws, { tool: 'taskmaster', paths: ['web-app'] }, root);
    const out = tempDir();
    await exportRepo(ws, { tool: 'taskmaster', repo: 'web', to: out });
    const data = JSON.parse(fs.readFileSync(path.join(out, '.taskmaster/tasks/tasks.json'), 'utf8')) as Record<string, { tasks: { id: number; status: string; dependencies: unknown[]; subtasks?: { id: number; dependencies: unknown[] }[] }[] }>;
    expect(Object.keys(data).sort()).toEqual(['feature-auth', 'master']);
    const two = data['master']!.tasks.find((x) => x.id === 2)!;
    expect(two).toMatchObject({ status: 'in-progress', dependencies: [1, 99] });
    expect(two.subtasks!.map((s) => [s.id, s.dependencies])).toEqual([[1, []], [2, [1]]]);
    expect(data['master']!.tasks.find((x) => x.id === 3)).toMatchObject({ status: 'review', dependencies: ['2.2'] });
    const before = fs.readFileSync(ws.file, 'utf8');
    const back = await importSources(ws, { tool: 'taskmaster', paths: [out], repo: 'web' }, root);
    expect(back.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
    expect(fs.readFileSync(ws.file, 'utf8')).toBe(before);
  });
});
