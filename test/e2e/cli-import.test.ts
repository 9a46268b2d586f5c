// `concord import` and `concord export` through the built CLI: dry run, summary, errors, round trip.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, concordInProcess as concord } from '../helpers/cli.js';
import { writeBacklogConfig, writeBacklogTask, writeTaskmaster } from '../helpers/peer-tools.js';
import { tempDir } from '../helpers/temp.js';

function setup(): string {
  const root = tempDir();
  fs.writeFileSync(path.join(root, 'ecosystem.yaml'), 'repos: []\n');
  const backlog = path.join(root, 'api', 'backlog');
  writeBacklogConfig(backlog);
  writeBacklogTask(backlog, { id: 'TASK-1', title: 'Design the API', priority: 'high' });
  writeBacklogTask(backlog, { id: 'TASK-2', title: 'Build it', status: 'In Progress', dependencies: ['TASK-1', 'TASK-9'] });
  return root;
}

describe('concord import / export', () => {
  it('--dry-run lists what would be created and what could not be mapped, and writes nothing', () => {
    const root = setup();
    const r = concord(['import', 'backlog', 'api', '--dry-run'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('backlog api -> repo api (2 item(s))');
    expect(r.stdout).toMatch(/Would create 3, would update 0, unchanged 0, skipped 0, partly mapped 1\./);
    expect(r.stdout).toMatch(/todo\s+TODO-\w+ \(backlog:TASK-1\) {2}Design the API/);
    expect(r.stdout).toContain('backlog:TASK-2 (api/backlog/tasks/task-2 - Build-it.md): it depends on TASK-9, not in api');
    expect(r.stdout).toContain('Dry run: nothing was written.');
    expect(fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8')).toBe('repos: []\n');
  });

  it('imports, then a second run changes nothing; --json carries the counts; export writes the files back', () => {
    const root = setup();
    const first = concord(['import', 'backlog', 'api', '--json'], { cwd: root });
    expect(first.code).toBe(0);
    expect(first.json()).toMatchObject({ dry_run: false, changed: true, report: { counts: { created: 3, updated: 0, skipped: 0, partial: 1 } } });
    const text = fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8');
    expect(text).toContain('source_id: backlog:TASK-1');
    const again = concord(['import', 'backlog', './api/'], { cwd: root });
    expect(again.stdout).toContain('Nothing to change: the ecosystem already matches the source.');
    expect(fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8')).toBe(text);
    const ready = concord(['ready', '--json'], { cwd: root }).json() as { todo: { task: string } }[];
    expect(ready.map((r) => r.todo.task)).toEqual(['Design the API']);

    const out = path.join(root, 'out');
    const exported = concord(['export', 'backlog', '--repo', 'api', '--to', out], { cwd: root });
    expect(exported.code).toBe(0);
    expect(exported.stdout).toMatch(/backlog export of repo api into .*out\/backlog: 2 todo\(s\), 3 file\(s\) new/);
    const task2 = fs.readFileSync(path.join(out, 'backlog', 'tasks', 'task-2 - Build-it.md'), 'utf8');
    expect(task2).toMatch(/^---\nid: TASK-2\ntitle: Build it\nstatus: In Progress\n/);
    expect(task2).toContain('dependencies:\n  - TASK-1\n  - TASK-9\n');
    const back = concord(['import', 'backlog', out, '--repo', 'api', '--json'], { cwd: root });
    expect(back.json()).toMatchObject({ changed: false, report: { counts: { created: 0, updated: 0, unchanged: 2 } } });

    const tm = concord(['export', 'taskmaster', '--repo', 'api', '--to', out, '--dry-run', '--json'], { cwd: root });
    expect(tm.json()).toMatchObject({ dry_run: true, todos: 2, files: [{ path: path.join(out, '.taskmaster', 'tasks', 'tasks.json'), action: 'create' }] });
    expect(fs.existsSync(path.join(out, '.taskmaster'))).toBe(false);
  });

  it('fails with a clear error and exit 1 for a folder without the tool, or --repo with several folders', () => {
    const root = setup();
    writeTaskmaster(path.join(root, 'web'), { master: [{ id: 1, title: 'x' }] });
    const missing = concord(['import', 'taskmaster', 'api'], { cwd: root });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/SOURCE_NOT_FOUND: api has no \.taskmaster\/tasks\/tasks\.json \(Taskmaster\)/);
    const two = concord(['import', 'taskmaster', 'web', 'api', '--repo', 'web'], { cwd: root });
    expect(two.code).toBe(1);
    expect(two.stderr).toMatch(/INVALID_INPUT: --repo names one repo, but 2 folders were given/);
    const noRepo = concord(['export', 'backlog', '--repo', 'nope'], { cwd: root });
    expect(noRepo.code).toBe(1);
    expect(noRepo.stderr).toMatch(/REPO_NOT_FOUND: repo nope not found/);
    expect(fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8')).toBe('repos: []\n');
  });
  it('`concord import backlog ../*/` builds one ecosystem from every Backlog.md folder, with cross-repo edges, and a re-run updates instead of duplicating', () => {
    const root = tempDir();
    const eco = path.join(root, 'eco');
    fs.mkdirSync(eco);
    fs.writeFileSync(path.join(eco, 'ecosystem.yaml'), 'repos: []\n');
    // Each repo's own Backlog.md project; web's and mobile's tasks depend on tasks of api's.
    const api = path.join(root, 'api', 'backlog');
    writeBacklogConfig(api, { project: 'API', prefix: 'api' });
    writeBacklogTask(api, { id: 'API-1', title: 'Auth endpoint', priority: 'high' });
    writeBacklogTask(api, { id: 'API-2', title: 'Share endpoint', dependencies: ['API-1'] });
    writeBacklogTask(api, { id: 'TASK-5', title: 'API changelog' });
    const web = path.join(root, 'web', 'backlog');
    writeBacklogConfig(web, { project: 'Web', prefix: 'web' });
    writeBacklogTask(web, { id: 'WEB-1', title: 'Share button', dependencies: ['API-2'] });
    writeBacklogTask(web, { id: 'WEB-2', title: 'Share page', dependencies: ['WEB-1', 'NOPE-7', 'TASK-5'] });
    const mobile = path.join(root, 'mobile', 'backlog');
    writeBacklogConfig(mobile, { project: 'Mobile' });
    writeBacklogTask(mobile, { id: 'TASK-1', title: 'Login screen', dependencies: ['api-001'] });
    writeBacklogTask(mobile, { id: 'TASK-5', title: 'Mobile changelog' });
    fs.mkdirSync(path.join(root, 'docs'));
    // The shell expands the glob, as a user's does: eco/ and docs/ have no backlog/ and are skipped.
    const sh = (args: string) => spawnSync('sh', ['-c', `"${process.execPath}" "${CLI}" import backlog ../*/ ${args}`], { cwd: eco, encoding: 'utf8', env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', CONCORD_ACTOR: 'tester' } });
    const first = sh('--json');
    expect(first.stderr).toBe('');
    expect(first.status).toBe(0);
    const report = JSON.parse(first.stdout) as { sources: { path: string; repo: string; items: number }[]; report: { counts: Record<string, number>; skipped: { where: string; reason: string }[]; partial: { item?: string; reason: string }[] } };
    expect(report.sources.map((x) => [x.path, x.repo, x.items])).toEqual([['../api/', 'api', 3], ['../mobile/', 'mobile', 2], ['../web/', 'web', 2]]);
    expect(report.report.counts).toMatchObject({ created: 10, updated: 0, unchanged: 0 });
    expect(report.report.skipped.map((x) => `${x.where}: ${x.reason}`).sort()).toEqual(['../docs/: no backlog/ folder (Backlog.md) in it; nothing imported from it', '../eco/: no backlog/ folder (Backlog.md) in it; nothing imported from it']);
    expect(report.report.partial.map((x) => `${x.item}: ${x.reason}`)).toEqual([
      "backlog:WEB-2: it depends on NOPE-7, not in web nor in another repo's folder; kept in metadata.backlog.missing_dependencies, not as an edge",
      expect.stringMatching(/^backlog:WEB-2: it depends on TASK-5, not in web, and repos api \(TODO-\w+\) and mobile \(TODO-\w+\) each have one; kept in metadata\.backlog\.missing_dependencies, not as an edge$/),
    ]);

    const todos = (concord(['todo', 'list', '--json', '--limit', '100'], { cwd: eco }).json() as { items: { id: string }[] }).items;
    expect(todos).toHaveLength(7);
    const show = (id: string) => (concord(['todo', 'show', id, '--json'], { cwd: eco }).json() as { todo: { id: string; repo: string; source_id: string; blocked_by: string[]; blocking: string[] } }).todo;
    const all = todos.map((t) => show(t.id));
    const of = (repo: string, sourceId: string) => all.find((t) => t.repo === repo && t.source_id === sourceId)!;
    const [api1, api2, web1, web2, mob1] = [of('api', 'backlog:API-1'), of('api', 'backlog:API-2'), of('web', 'backlog:WEB-1'), of('web', 'backlog:WEB-2'), of('mobile', 'backlog:TASK-1')];
    // Cross-repo edges, both sides written.
    expect(web1.blocked_by).toEqual([api2.id]);
    expect(api2.blocking).toEqual([web1.id]);
    expect(mob1.blocked_by).toEqual([api1.id]);
    expect(api1.blocking.sort()).toEqual([api2.id, mob1.id].sort());
    expect(web2.blocked_by).toEqual([web1.id]);
    const repos = concord(['repo', 'list', '--json'], { cwd: eco }).json() as { repos: { name: string; path: string }[] };
    expect(repos.repos.map((r) => [r.name, r.path])).toEqual([['api', '../api'], ['mobile', '../mobile'], ['web', '../web']]);
    const text = fs.readFileSync(path.join(eco, 'ecosystem.yaml'), 'utf8');

    // Again, unchanged: nothing written. A task renamed in web: that todo updated, nothing duplicated.
    const again = sh('');
    expect(again.status).toBe(0);
    expect(again.stdout).toContain('Nothing to change: the ecosystem already matches the source.');
    expect(fs.readFileSync(path.join(eco, 'ecosystem.yaml'), 'utf8')).toBe(text);
    fs.rmSync(path.join(web, 'tasks', 'web-1 - Share-button.md'));
    writeBacklogTask(web, { id: 'WEB-1', title: 'Share button (renamed)', dependencies: ['API-2'] });
    const third = JSON.parse(sh('--json').stdout) as { report: { counts: Record<string, number>; updated: { id: string; fields: string[] }[] } };
    expect(third.report.counts).toMatchObject({ created: 0, updated: 1, unchanged: 6 });
    expect(third.report.updated).toEqual([expect.objectContaining({ id: web1.id, fields: ['task'] })]);
    expect((concord(['todo', 'list', '--json', '--limit', '100'], { cwd: eco }).json() as { items: unknown[] }).items).toHaveLength(7);
    expect(show(web1.id)).toMatchObject({ blocked_by: [api2.id] });
  });
});
