import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importSources } from '../../src/app/import/index.js';
import { getTodo, listRepos, listTodos } from '../../src/app/queries.js';
import { Workspace } from '../../src/app/workspace.js';
import type { Todo } from '../../src/core/model.js';
import { beadsLine, writeBeads } from '../helpers/peer-tools.js';
import { tempDir } from '../helpers/temp.js';
import { expectIndexMatchesFile } from '../helpers/workspace.js';

function setup(): { root: string; ws: Workspace } {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'ecosystem.yaml'), 'repos: []\n');
  writeBeads(path.join(root, 'auth'), [
    { id: 'au-1', title: 'Ship the auth API', labels: ['export:auth-api'], priority: 1 },
    { id: 'au-2', title: 'Sessions epic', issue_type: 'epic' },
    { id: 'au-2.1', title: 'Session store', dependencies: [{ depends_on_id: 'au-2', type: 'parent-child' }] },
    { id: 'au-3', title: 'Rotate keys', status: 'closed', dependencies: [{ depends_on_id: 'au-2.1', type: 'blocks' }, { depends_on_id: 'au-404', type: 'blocks' }] },
    JSON.stringify({ id: 'au-9', title: 'Gone', status: 'tombstone', priority: 2 }),
    JSON.stringify({ _type: 'memory', key: 'build', value: 'use make' }),
    '{"id": "au-10", "title": ',
    beadsLine({ id: 'au-2', title: 'Sessions epic (renamed)', issue_type: 'epic' }),
  ]);
  writeBeads(
    path.join(root, 'app'),
    [
      { id: 'ap-1', title: 'Log in with the new API', dependencies: [{ depends_on_id: 'external:auth-service:auth-api', type: 'blocks' }, { depends_on_id: 'external:nowhere:thing', type: 'blocks' }] },
      { id: 'ap-2', title: 'Polish', status: 'deferred', priority: 4, estimated_minutes: 90, notes: 'Wait for design.', comments: [{ author: 'kim', text: 'Mockups next week', created_at: '2026-04-19T08:00:00Z' }], dependencies: [{ depends_on_id: 'ap-1', type: 'discovered-from' }] },
      { id: 'ap-3', title: 'Odd', status: 'hooked', priority: 0, acceptance_criteria: '- fast\n- small' },
    ],
    'external_projects:\n  auth-service: ../auth\n',
  );
  return { root, ws: new Workspace({ file: path.join(root, 'ecosystem.yaml'), actor: 'tester', env: {} }) };
}

async function bySource(ws: Workspace): Promise<Map<string, Todo>> {
  const out = new Map<string, Todo>();
  for (const row of (await listTodos(ws, { limit: 1000 })).items) {
    const t = (await getTodo(ws, row.id)).todo;
    out.set(t.source_id!, t);
  }
  return out;
}

describe('concord import beads', () => {
  it('imports several repos at once, with a cross-repo edge where an external ref names the other repo', async () => {
    const { root, ws } = setup();
    const r = await importSources(ws, { tool: 'beads', paths: ['auth', 'app'] }, root);
    expect(r.sources.map((s) => [s.repo, s.items])).toEqual([['auth', 4], ['app', 3]]);
    expect((await listRepos(ws)).repos.map((x) => [x.name, x.path])).toEqual([['auth', 'auth'], ['app', 'app']]);
    const t = await bySource(ws);
    const [a1, a2, a21, a3, p1, p2, p3] = ['au-1', 'au-2', 'au-2.1', 'au-3', 'ap-1', 'ap-2', 'ap-3'].map((k) => t.get(`beads:${k}`)!);
    // external:auth-service:auth-api -> the issue of repo auth labelled export:auth-api (via external_projects).
    expect(p1!.blocked_by).toEqual([a1!.id]);
    expect(a1!.blocking).toEqual([p1!.id]);
    expect(a1!.repo).toBe('auth');
    // parent-child: the epic waits on its child; blocks: a blocker.
    expect(a2).toMatchObject({ task: 'Sessions epic (renamed)', blocked_by: [a21!.id] });
    expect(a3).toMatchObject({ status: 'completed', blocked_by: [a21!.id], metadata: { beads: { missing_dependencies: ['au-404'] } } });
    expect(p2).toMatchObject({ status: 'pending', priority: 'low', estimated_hours: 1.5, metadata: { beads: { status: 'deferred', priority: 4, links: [{ type: 'discovered-from', id: 'ap-1' }] } } });
    expect(p2!.notes).toEqual([{ text: 'Wait for design.' }, { author: 'kim', at: '2026-04-19T08:00:00Z', text: 'Mockups next week' }]);
    expect(p2!.updated).toBe('2026-04-18T23:30:16Z');
    expect(p3).toMatchObject({ status: 'in_progress', priority: 'critical', acceptance_criteria: ['fast', 'small'] });
    const why = [...r.report.skipped, ...r.report.partial].map((p) => `${p.where} ${p.item ?? ''}: ${p.reason}`).join('\n');
    expect(why).toMatch(/issues\.jsonl:5 beads:au-9: deleted in beads \(a tombstone\)/);
    expect(why).toMatch(/issues\.jsonl:6 : a beads memory record, not an issue/);
    expect(why).toMatch(/issues\.jsonl:7 : not a JSON object/);
    expect(why).toMatch(/issues\.jsonl:2 beads:au-2: au-2 appears again at .*issues\.jsonl:8; the later line was imported/);
    expect(why).toMatch(/beads:ap-1: external:nowhere:thing: no repo "nowhere" in the catalog or among the imported folders/);
    expectIndexMatchesFile(ws);

    const again = await importSources(ws, { tool: 'beads', paths: ['auth', 'app'] }, root);
    expect(again.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 7 });
  });

  it('resolves an external ref into a repo imported earlier, and keeps edges made in Concord on re-import', async () => {
    const { root, ws } = setup();
    await importSources(ws, { tool: 'beads', paths: ['auth'] }, root);
    const { createTodo } = await import('../../src/app/todos.js');
    const a1 = (await bySource(ws)).get('beads:au-1')!;
    const mine = (await createTodo(ws, { task: 'Review the API', repo: 'auth', blocking: [a1.id] })).todo;
    const r = await importSources(ws, { tool: 'beads', paths: ['app', 'auth'] }, root);
    const t = await bySource(ws);
    expect(t.get('beads:ap-1')!.blocked_by).toEqual([t.get('beads:au-1')!.id]);
    expect(t.get('beads:au-1')!.blocked_by).toEqual([mine.id]);
    expect(new Set(t.get('beads:au-1')!.blocking)).toEqual(new Set([t.get('beads:ap-1')!.id]));
    expect(r.report.counts.created).toBe(1 + 3);
  });
});
