import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { getHistory } from '../../src/app/history.js';
import { exportRepo } from '../../src/app/import/export.js';
import { importSources } from '../../src/app/import/index.js';
import { getPlan, getTodo, listTodos } from '../../src/app/queries.js';
import { Workspace } from '../../src/app/workspace.js';
import type { ConcordError } from '../../src/core/errors.js';
import type { Todo } from '../../src/core/model.js';
import { writeBacklogConfig, writeBacklogMilestone, writeBacklogTask } from '../helpers/peer-tools.js';
import { tempDir } from '../helpers/temp.js';
import { expectIndexMatchesFile } from '../helpers/workspace.js';

/** An ecosystem folder with one repo folder `api` holding a Backlog.md project with the odd cases. */
function setup(): { root: string; ws: Workspace; backlog: string } {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'ecosystem.yaml'), '# the ecosystem\nrepos:\n  - name: web\n    path: ./web\ncoordination:\n  todos: []\n');
  const backlog = path.join(root, 'api', 'backlog');
  writeBacklogConfig(backlog, { project: 'API', statuses: ['To Do', 'In Progress', 'QA', 'Done'] });
  writeBacklogMilestone(backlog, { id: 'm-1', title: 'Beta', due: '2026-09-01 12:00' });
  writeBacklogMilestone(backlog, { id: 'm-0', title: 'Setup', archived: true });
  writeBacklogTask(backlog, {
    id: 'TASK-1', title: 'Design the API', status: 'In Progress', assignee: ['@alice', '@bob'], labels: ['api', 'design'], milestone: 'm-1', priority: 'high', ordinal: 1000,
    description: 'Write the OpenAPI document.\n\nTwo paragraphs.', acceptance: [{ text: 'spec reviewed', checked: true }, { text: 'examples added' }],
    plan: '1. Draft\n2. Review', notes: 'Chose REST over gRPC.', comments: [{ author: '@alice', created: '2025-06-02 09:30', body: 'First draft is up.' }],
  });
  writeBacklogTask(backlog, { id: 'TASK-2', title: 'Implement endpoints', status: 'QA', dependencies: ['task-1', 'TASK-99'], milestone: 'Launch', created: '2025-06-03' });
  writeBacklogTask(backlog, { id: 'TASK-2.1', title: 'Implement GET', status: 'Done', parent: 'TASK-2', priority: 'low' });
  writeBacklogTask(backlog, { id: 'TASK-3', title: 'Ship v0', status: 'Done', folder: 'completed' });
  writeBacklogTask(backlog, { id: 'TASK-4', title: 'Old idea', status: 'To Do', folder: 'archive/tasks' });
  writeBacklogTask(backlog, { id: 'DRAFT-1', title: 'Maybe GraphQL', folder: 'drafts' });
  writeBacklogTask(backlog, { id: 'TASK-5', title: 'First copy' });
  writeBacklogTask(backlog, { id: 'task-05', title: 'Second copy' });
  writeBacklogTask(backlog, { id: 'TASK-6', title: 'Odd status', status: 'Someday' });
  // Latin-1 bytes in a UTF-8 world: "café" written by an old editor.
  const latin1 = Buffer.concat([Buffer.from('---\nid: TASK-7\ntitle: Menu\nstatus: To Do\nassignee: []\ncreated_date: \'2025-06-01 10:00\'\nlabels: []\ndependencies: []\n---\n\n## Description\n\n<!-- SECTION:DESCRIPTION:BEGIN -->\ncaf'), Buffer.from([0xe9]), Buffer.from('\n<!-- SECTION:DESCRIPTION:END -->\n')]);
  fs.writeFileSync(path.join(backlog, 'tasks', 'task-7 - Menu.md'), latin1);
  fs.writeFileSync(path.join(backlog, 'tasks', 'task-8 - Broken.md'), '---\nid: TASK-8\ntitle: [unclosed\n---\n');
  const ws = new Workspace({ file: path.join(root, 'ecosystem.yaml'), actor: 'tester', env: {}, now: () => new Date('2026-11-21T10:00:00Z') });
  return { root, ws, backlog };
}

async function bySource(ws: Workspace, repo = 'api'): Promise<Map<string, Todo>> {
  const out = new Map<string, Todo>();
  for (const row of (await listTodos(ws, { repo: [repo], limit: 1000 })).items) {
    const t = (await getTodo(ws, row.id)).todo;
    out.set(t.source_id ?? t.id, t);
  }
  return out;
}

describe('concord import backlog', () => {
  it('maps tasks, drafts, completed and archived tasks, milestones, subtasks and the odd cases in one write', async () => {
    const { root, ws } = setup();
    const r = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    expect(r.sources).toEqual([expect.objectContaining({ repo: 'api', tool: 'backlog', items: 9 })]);
    expect(r.report.created.filter((e) => e.kind === 'repo')).toEqual([expect.objectContaining({ id: 'api' })]);
    expect(r.report.counts).toMatchObject({ created: 1 + 1 + 3 + 9, updated: 0, unchanged: 0 });
    const todos = await bySource(ws);
    const t1 = todos.get('backlog:TASK-1')!;
    const t2 = todos.get('backlog:TASK-2')!;
    const sub = todos.get('backlog:TASK-2.1')!;
    expect(t1).toMatchObject({ task: 'Design the API', repo: 'api', status: 'in_progress', priority: 'high', assignee: '@alice', labels: ['api', 'design'], description: 'Write the OpenAPI document.\n\nTwo paragraphs.', acceptance_criteria: ['spec reviewed', 'examples added'], created: '2025-06-01T10:00:00Z' });
    expect(t1.notes).toEqual([{ text: 'Chose REST over gRPC.' }, { author: '@alice', at: '2025-06-02T09:30:00Z', text: 'First draft is up.' }]);
    expect(t1.metadata?.['backlog']).toMatchObject({ assignee: ['@alice', '@bob'], ordinal: 1000, acceptance_checked: [1], implementation_plan: '1. Draft\n2. Review' });
    // Dependencies become blocked_by; a subtask blocks its parent; the edge is symmetric.
    expect(new Set(t2.blocked_by)).toEqual(new Set([t1.id, sub.id]));
    expect(t1.blocking).toEqual([t2.id]);
    expect(sub.blocking).toEqual([t2.id]);
    expect(t2.status).toBe('in_progress');
    expect(todos.get('backlog:TASK-3')!.status).toBe('completed');
    expect(todos.get('backlog:TASK-4')).toMatchObject({ status: 'cancelled', metadata: { backlog: { folder: 'archive/tasks', status: 'To Do' } } });
    expect(todos.get('backlog:DRAFT-1')).toMatchObject({ status: 'pending', labels: ['draft'] });
    expect(todos.get('backlog:TASK-7')!.description).toBe('caf\uFFFD');
    // Milestones: the two files and the name only a task uses, in one plan of the repo.
    const plan = (await getPlan(ws, t1.plan!)).plan;
    expect(plan).toMatchObject({ repos: ['api'], source_id: 'backlog:milestones' });
    expect(plan.milestones.map((m) => [m.name, m.status, m.due])).toEqual([['Setup', 'completed', undefined], ['Beta', 'pending', '2026-09-01T12:00:00Z'], ['Launch', 'pending', undefined]]);
    expect(t1.milestone).toBe(plan.milestones[1]!.id);
    expect(t2.milestone).toBe(plan.milestones[2]!.id);
    // Every item that could not be mapped, with the reason.
    const reasons = (list: { item?: string | undefined; reason: string; where: string }[]) => list.map((p) => `${p.item ?? p.where}: ${p.reason}`).join('\n');
    expect(reasons(r.report.skipped)).toMatch(/backlog:TASK-5: backlog:TASK-5 is also the id of .*task-05 - Second-copy\.md; only that file was imported/);
    expect(reasons(r.report.skipped)).toMatch(/task-8 - Broken\.md: not a Backlog.md task/);
    expect(reasons(r.report.partial)).toMatch(/backlog:TASK-2: it depends on TASK-99, not in api/);
    expect(reasons(r.report.partial)).toMatch(/backlog:TASK-2: status "QA" is not one Concord knows; read as in_progress from its place in config.yml statuses/);
    expect(reasons(r.report.partial)).toMatch(/backlog:TASK-6: status "Someday" is not one Concord knows; read as pending/);
    expect(reasons(r.report.partial)).toMatch(/task-7 - Menu\.md: the file has bytes that are not UTF-8 \(the first on line 14\)/);
    // One write: history has the events, the index matches the file, comments in the file survive.
    const history = await getHistory(ws, { id: t1.id });
    expect(history.events.map((e) => e.type)).toContain('todo:created');
    expectIndexMatchesFile(ws);
    expect(fs.readFileSync(ws.file, 'utf8')).toMatch(/^# the ecosystem\n/);
  });

  it('updates instead of duplicating when run again, and changes nothing when the source did not change', async () => {
    const { root, ws, backlog } = setup();
    await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const before = fs.readFileSync(ws.file, 'utf8');
    const again = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    expect(again.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    expect(again.changed).toBe(false);
    expect(fs.readFileSync(ws.file, 'utf8')).toBe(before);

    writeBacklogTask(backlog, { id: 'TASK-3', title: 'Ship v0', status: 'To Do', folder: 'completed', updated: '2026-01-02 08:00' });
    const third = await importSources(ws, { tool: 'backlog', paths: [path.join(root, 'api')] }, '/');
    expect(third.report.updated).toEqual([expect.objectContaining({ source_id: 'backlog:TASK-3', fields: ['status'] })]);
    const todos = await bySource(ws);
    expect(todos.size).toBe(9);
    // A completed todo reopened in the source follows it (the source's statuses are mirrored).
    expect(todos.get('backlog:TASK-3')).toMatchObject({ status: 'pending', updated: '2026-01-02T08:00:00Z' });
  });

  it('with --dry-run reports what would be created and writes nothing', async () => {
    const { root, ws } = setup();
    const before = fs.readFileSync(ws.file, 'utf8');
    const r = await importSources(ws, { tool: 'backlog', paths: ['api'], dry_run: true }, root);
    expect(r.dry_run).toBe(true);
    expect(r.report.created.filter((e) => e.kind === 'todo').map((e) => e.source_id).sort()).toEqual(['backlog:DRAFT-1', 'backlog:TASK-1', 'backlog:TASK-2', 'backlog:TASK-2.1', 'backlog:TASK-3', 'backlog:TASK-4', 'backlog:TASK-5', 'backlog:TASK-6', 'backlog:TASK-7']);
    expect(fs.readFileSync(ws.file, 'utf8')).toBe(before);
    expect((await listTodos(ws)).items).toEqual([]);
  });

  it('leaves out one dependency of a loop in the source, and says so', async () => {
    const { root, ws, backlog } = setup();
    writeBacklogTask(backlog, { id: 'TASK-20', title: 'Chicken', dependencies: ['TASK-21'] });
    writeBacklogTask(backlog, { id: 'TASK-21', title: 'Egg', dependencies: ['TASK-20'] });
    const r = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const todos = await bySource(ws);
    const [chicken, egg] = [todos.get('backlog:TASK-20')!, todos.get('backlog:TASK-21')!];
    expect([chicken.blocked_by.length, egg.blocked_by.length].sort()).toEqual([0, 1]);
    expect(r.report.partial.map((p) => p.reason).join('\n')).toMatch(/its dependencies go round in a loop \(backlog:TASK-2[01] -> backlog:TASK-2[01] -> backlog:TASK-2[01]\); the last one, on backlog:TASK-2[01], was left out/);
  });

  it('writes nothing when the import would break an invariant (a loop through an edge made in Concord)', async () => {
    const { root, ws, backlog } = setup();
    await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const { createTodo } = await import('../../src/app/todos.js');
    const t = await bySource(ws);
    // Concord: TASK-1 -> mine -> TASK-3. The source now says TASK-1 waits on TASK-3: a loop through mine.
    await createTodo(ws, { task: 'Mine', repo: 'api', blocked_by: [t.get('backlog:TASK-1')!.id], blocking: [t.get('backlog:TASK-3')!.id] });
    writeBacklogTask(backlog, { id: 'TASK-1', title: 'Design the API', dependencies: ['TASK-3'] });
    const before = fs.readFileSync(ws.file, 'utf8');
    const err = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root).then(() => undefined, (e: ConcordError) => e);
    expect(err?.code).toBe('DEPENDENCY_CYCLE');
    expect(fs.readFileSync(ws.file, 'utf8')).toBe(before);
  });

  it('a subtask that waits on its parent keeps that dependency, and the parent does not also wait on it', async () => {
    const { root, ws, backlog } = setup();
    writeBacklogTask(backlog, { id: 'TASK-30', title: 'Parent' });
    writeBacklogTask(backlog, { id: 'TASK-30.1', title: 'Child', parent: 'TASK-30', dependencies: ['TASK-30'] });
    const r = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const todos = await bySource(ws);
    expect(todos.get('backlog:TASK-30.1')!.blocked_by).toEqual([todos.get('backlog:TASK-30')!.id]);
    expect(todos.get('backlog:TASK-30')!.blocked_by).toEqual([]);
    expect(r.report.partial.map((p) => p.reason)).toContain('it waits on its parent backlog:TASK-30, so the parent is not also made to wait on it (that would be a loop)');
  });

  it('round trip: import -> export -> import changes nothing', async () => {
    const { root, ws } = setup();
    await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const out = tempDir();
    const exported = await exportRepo(ws, { tool: 'backlog', repo: 'api', to: out });
    expect(exported.files.filter((f) => f.action === 'create').length).toBeGreaterThan(9);
    const before = fs.readFileSync(ws.file, 'utf8');
    const back = await importSources(ws, { tool: 'backlog', paths: [out], repo: 'api' }, root);
    expect(back.report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 9 });
    expect(fs.readFileSync(ws.file, 'utf8')).toBe(before);
    // A second export of the same todos writes the same files.
    const twice = await exportRepo(ws, { tool: 'backlog', repo: 'api', to: out });
    expect(twice.files.every((f) => f.action === 'unchanged')).toBe(true);
  });

  it('exports todos made in Concord with new ids, and finds them again on import', async () => {
    const { root, ws } = setup();
    await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const { createTodo } = await import('../../src/app/todos.js');
    const made = (await createTodo(ws, { task: 'Made in Concord', repo: 'api', note: 'context for later' })).todo;
    const out = tempDir();
    await exportRepo(ws, { tool: 'backlog', repo: 'api', to: out });
    const file = fs.readdirSync(path.join(out, 'backlog', 'tasks')).find((f) => f.includes('Made-in-Concord'))!;
    expect(file).toMatch(/^task-8 - /);
    expect(fs.readFileSync(path.join(out, 'backlog', 'tasks', file), 'utf8')).toContain(`concord_id: ${made.id}`);
    const back = await importSources(ws, { tool: 'backlog', paths: [out], repo: 'api' }, root);
    expect(back.report.counts.created).toBe(0);
    expect(back.report.updated).toEqual([expect.objectContaining({ id: made.id, fields: ['source_id'] })]);
    expect((await getTodo(ws, made.id)).todo.notes).toEqual([expect.objectContaining({ text: 'context for later' })]);
  });
  it('a dependency on a task of a repo imported earlier becomes a cross-repo edge, both sides written', async () => {
    const root = tempDir();
    fs.writeFileSync(path.join(root, 'ecosystem.yaml'), 'repos: []\n');
    const api = path.join(root, 'api', 'backlog');
    writeBacklogConfig(api, { project: 'API', prefix: 'api' });
    writeBacklogTask(api, { id: 'API-1', title: 'Share endpoint' });
    const web = path.join(root, 'web', 'backlog');
    writeBacklogConfig(web, { project: 'Web', prefix: 'web' });
    writeBacklogTask(web, { id: 'WEB-1', title: 'Share button', dependencies: ['API-1'] });
    const ws = new Workspace({ file: path.join(root, 'ecosystem.yaml'), actor: 'tester', env: {} });
    await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    const r = await importSources(ws, { tool: 'backlog', paths: ['web'] }, root);
    expect(r.report.partial).toEqual([]);
    const [api1] = [...(await bySource(ws, 'api')).values()];
    const [web1] = [...(await bySource(ws, 'web')).values()];
    expect(web1).toMatchObject({ blocked_by: [api1!.id], metadata: { backlog: { missing_dependencies: ['API-1'] } } });
    expect((await getTodo(ws, api1!.id)).todo.blocking).toEqual([web1!.id]);
    expectIndexMatchesFile(ws);
    // Exported, web's task keeps its dependency as written; imported again, nothing changes.
    const out = tempDir();
    await exportRepo(ws, { tool: 'backlog', repo: 'web', to: out });
    expect(fs.readFileSync(path.join(out, 'backlog', 'tasks', fs.readdirSync(path.join(out, 'backlog', 'tasks'))[0]!), 'utf8')).toContain('dependencies:\n  - API-1\n');
    expect((await importSources(ws, { tool: 'backlog', paths: [out], repo: 'web' }, root)).report.counts).toMatchObject({ created: 0, updated: 0, unchanged: 1 });
    ws.close();
  });

  it('never gives an imported todo the id of an invalid record or one issued before, also when it issues many ids in one write', async () => {
    const root = tempDir();
    // TODO-0000018 is in the file but invalid (not served): its id is still taken.
    const invalid = '  - id: TODO-0000018\n    task: Broken by hand\n    repo: api\n    status: inprogres\n';
    fs.writeFileSync(path.join(root, 'ecosystem.yaml'), `repos:\n  - name: api\n    path: ./api\ncoordination:\n  todos:\n${invalid}`);
    const backlog = path.join(root, 'api', 'backlog');
    writeBacklogConfig(backlog);
    for (let i = 1; i <= 50; i++) writeBacklogTask(backlog, { id: `TASK-${i}`, title: `Part ${i}` });
    // A random source that counts: call n gives the id whose suffix is n in base 32 (call 40: TODO-0000018).
    let n = 0;
    const random = (len: number) => {
      const out = new Uint8Array(len);
      for (let i = len - 1, v = n++; i >= 0; i--, v = Math.floor(v / 32)) out[i] = v % 32;
      return out;
    };
    const ws = new Workspace({ file: path.join(root, 'ecosystem.yaml'), actor: 'tester', env: {}, random });
    // TODO-0000019 (call 41) was issued by this clone before, and its todo is gone from the file since.
    const text = fs.readFileSync(ws.file, 'utf8');
    n = 41;
    const { createTodo } = await import('../../src/app/todos.js');
    expect((await createTodo(ws, { task: 'Gone since', repo: 'api' })).todo.id).toBe('TODO-0000019');
    fs.writeFileSync(ws.file, text);
    n = 0;
    const r = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
    expect(r.report.counts.created).toBe(50);
    const ids = r.report.created.filter((c) => c.kind === 'todo').map((c) => c.id);
    expect(ids).toContain('TODO-0000017');
    expect(ids).toContain('TODO-000001A');
    expect(ids).not.toContain('TODO-0000018');
    expect(ids).not.toContain('TODO-0000019');
    expect(fs.readFileSync(ws.file, 'utf8')).toContain(invalid);
    ws.close();
  });
});
