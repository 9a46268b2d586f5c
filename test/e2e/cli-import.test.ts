// `concord import` and `concord export` through the built CLI: dry run, summary, errors, round trip.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
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
});
