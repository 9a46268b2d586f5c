// Workflows over real temp repos: parallel and conditional steps, outputs passed on, a failing step and the
// generated files cleaned up, a path traversal refused, runs recorded with their log and history events.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runWorkflow, showWorkflow } from '../../src/workflows/index.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { git } from '../helpers/temp.js';

function withWorkflows(files: Record<string, string>) {
  const eco = ecosystemWithRepos({ app: { files: { 'README.md': '# app\n' }, tags: ['v1.0.0'] } }, []);
  fs.mkdirSync(path.join(eco.dir, 'workflows'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(eco.dir, 'workflows', name), text);
  return eco;
}

const NODE = JSON.stringify(process.execPath);

describe('workflow runs', () => {
  it('creates a repo, generates files in parallel, skips a false if:, fails a step, and removes the generated files', async () => {
    const { ws, dir } = withWorkflows({
      'scaffold.yaml': `
description: a new service
inputs:
  service: { default: billing }
steps:
  - id: make
    type: repo_creation
    with: { name: "\${{ inputs.service }}", path: "./repos/\${{ inputs.service }}", description: generated }
  - parallel:
      - id: readme
        type: file_generation
        with:
          repo: "\${{ steps.make.outputs.name }}"
          files: [{ path: docs/README.md, template: "# \${{ inputs.service }}\\n" }]
      - id: config
        type: file_generation
        with:
          repo: "\${{ steps.make.outputs.name }}"
          files: [{ path: config/app.json, template: '{"name": "\${{ inputs.service }}"}' }]
    limit: 2
  - id: gitlab-only
    type: shell
    if: "inputs.service == 'payments'"
    with: { run: [${NODE}, -e, "require('fs').writeFileSync('ran-gitlab', '')"] }
  - id: check
    type: shell
    with:
      repo: "\${{ steps.make.outputs.name }}"
      run: [${NODE}, -e, "const fs = require('fs'); console.log(fs.readFileSync('config/app.json', 'utf8')); process.exit(fs.existsSync('docs/README.md') ? 3 : 0)"]
  - id: after
    type: shell
    with: { run: [${NODE}, -e, "require('fs').writeFileSync('ran-after', '')"] }
`,
    });
    const run = await runWorkflow(ws, { name: 'scaffold' }, { trigger: 'cli' });
    expect(run.status).toBe('failed');
    const by = Object.fromEntries(run.steps.map((s) => [s.id, s]));
    expect(Object.fromEntries(run.steps.map((s) => [s.id, s.status]))).toEqual({ make: 'succeeded', readme: 'succeeded', config: 'succeeded', 'gitlab-only': 'skipped', check: 'failed', after: 'skipped' });
    expect(by['gitlab-only']!.reason).toBe("if: inputs.service == 'payments' is false");
    expect(by['after']!.reason).toBe('step check failed');
    expect(by['check']!.error).toMatch(/exited with 3/);
    // The step saw what the parallel steps generated (outputs and files passed on)...
    expect((by['check']!.outputs as { stdout: string }).stdout).toBe('{"name": "billing"}\n');
    expect(by['readme']!.outputs).toMatchObject({ files: ['docs/README.md'] });
    // ...and after the failure every generated file and the folders made for them are gone.
    const repo = path.join(dir, 'repos', 'billing');
    expect(fs.existsSync(path.join(repo, 'docs'))).toBe(false);
    expect(fs.existsSync(path.join(repo, 'config'))).toBe(false);
    expect(run.cleanup).toHaveLength(2);
    expect(fs.existsSync(path.join(dir, 'ran-gitlab'))).toBe(false);
    expect(fs.existsSync(path.join(dir, 'ran-after'))).toBe(false);
    // The repo itself stays: a real git repo with one commit, in the catalog through the write pipeline.
    expect(git(repo, 'log', '--format=%s').trim()).toBe('Create billing');
    const catalog = (parse(fs.readFileSync(ws.file, 'utf8')) as { repos: { name: string; path: string }[] }).repos;
    expect(catalog.find((r) => r.name === 'billing')).toMatchObject({ path: './repos/billing' });
    // Recorded: the row, the log, and the history.
    const shown = await showWorkflow(ws, { name: run.id });
    expect(shown.run!.status).toBe('failed');
    expect(shown.run!.log_tail).toMatch(/\[check\] failed: .*exited with 3/);
    expect(shown.run!.log_tail).toMatch(/cleanup: removed docs\/README.md/);
    const events = ws.events.list({ types: ['workflow:started', 'workflow:failed'], ascending: true });
    expect(events.map((e) => e.type)).toEqual(['workflow:started', 'workflow:failed']);
    expect(events[1]!.data).toMatchObject({ run: run.id, failed_step: 'check', steps: { make: 'succeeded', check: 'failed' } });
    const list = await showWorkflow(ws, { name: 'scaffold' });
    expect(list.runs.map((r) => r.id)).toEqual([run.id]);
  });

  it('runs a parallel group at most `limit` steps at a time', async () => {
    const sleeper = (id: string) => `      - id: ${id}
        type: shell
        with: { run: [${NODE}, -e, "const fs=require('fs'); fs.appendFileSync('times', 's ' + Date.now() + '\\\\n'); setTimeout(() => fs.appendFileSync('times', 'e ' + Date.now() + '\\\\n'), 300)"] }`;
    const wf = (limit: number) => `steps:\n  - parallel:\n${['a', 'b', 'c'].map(sleeper).join('\n')}\n    limit: ${limit}\n`;
    const { ws, dir } = withWorkflows({ 'one.yaml': wf(1), 'three.yaml': wf(3) });
    const overlap = async (name: string) => {
      fs.rmSync(path.join(dir, 'times'), { force: true });
      expect((await runWorkflow(ws, { name }, { trigger: 'cli' })).status).toBe('succeeded');
      // The most steps running at once, from the start and end times they wrote.
      const marks = fs.readFileSync(path.join(dir, 'times'), 'utf8').trim().split('\n').map((l) => l.split(' ')).map(([k, t]) => [Number(t), k === 's' ? 1 : -1] as const).sort((x, y) => x[0] - y[0] || x[1] - y[1]);
      let now = 0;
      let most = 0;
      for (const [, d] of marks) most = Math.max(most, (now += d));
      return most;
    };
    expect(await overlap('one')).toBe(1);
    expect(await overlap('three')).toBeGreaterThan(1);
  });

  it('refuses a file_generation path that leaves the repo, writing nothing (.., an absolute path, a symlink out)', async () => {
    const { ws, dir } = withWorkflows({
      'escape.yaml': `
inputs:
  target: { required: true }
steps:
  - id: gen
    type: file_generation
    with:
      repo: app
      files:
        - { path: ok.txt, template: fine }
        - { path: "\${{ inputs.target }}", template: pwned }
`,
    });
    const appDir = path.join(dir, 'repos', 'app');
    fs.symlinkSync(path.dirname(dir), path.join(appDir, 'out'));
    for (const target of ['../../escaped.txt', path.join(dir, 'escaped.txt'), 'out/escaped.txt', 'sub/../../../escaped.txt']) {
      const run = await runWorkflow(ws, { name: 'escape', inputs: { target } }, { trigger: 'cli' });
      expect(run.status, target).toBe('failed');
      expect(run.steps[0]!.error, target).toMatch(/must stay inside/);
      expect(fs.existsSync(path.join(appDir, 'ok.txt')), `${target}: nothing written before the check`).toBe(false);
    }
    expect(fs.existsSync(path.join(dir, 'escaped.txt'))).toBe(false);
    expect(fs.existsSync(path.join(dir, '..', 'escaped.txt'))).toBe(false);
    expect(fs.existsSync(path.join(path.dirname(dir), 'escaped.txt'))).toBe(false);
  });

  it('passes a concord operation\'s answer on: a todo created, then updated by id', async () => {
    const { ws } = withWorkflows({
      'todos.yaml': `
steps:
  - id: create
    type: concord
    with: { operation: todo.create, input: { task: Write the changelog, repo: app } }
  - id: start
    type: concord
    if: "steps.create.status == 'succeeded' && steps.create.outputs.id != null"
    with: { operation: todo.update, input: { id: "\${{ steps.create.outputs.id }}", status: in_progress } }
`,
    });
    const run = await runWorkflow(ws, { name: 'todos' }, { trigger: 'cli' });
    expect(run.status).toBe('succeeded');
    const id = (run.steps[0]!.outputs as { id: string }).id;
    expect(id).toMatch(/^TODO-/);
    const todos = (parse(fs.readFileSync(ws.file, 'utf8')) as { coordination: { todos: { id: string; task: string; status: string }[] } }).coordination.todos;
    expect(todos.find((t) => t.id === id)).toMatchObject({ task: 'Write the changelog', status: 'in_progress' });
  });
});
