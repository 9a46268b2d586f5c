// A run whose branch got a pull request shows it: a todo run by the fake agent, its branch exported by a
// workflow's export step (linked to the todo), and `run show` / getRun listing the request.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { getRun } from '../../src/app/runs/queries.js';
import { poolsOf } from '../../src/app/runs/pools.js';
import { Workspace } from '../../src/app/workspace.js';
import { Worker } from '../../src/exec/worker.js';
import { runWorkflow } from '../../src/workflows/index.js';
import { branchesOf, startFakeHost } from '../helpers/githost-fake.js';
import { runEcosystem } from '../helpers/runs.js';

describe('a run and its pull request', () => {
  it('shows the pull request its branch got', async () => {
    const host = await startFakeHost('github');
    const e = runEcosystem({ repos: ['api'], todos: [{ id: 'TODO-1', task: 'Do it', repo: 'api', status: 'pending', description: 'Add the file [fake:success]' }], settings: { githosts: { gh: { kind: 'github', api_url: host.apiUrl } } } });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    const w = new Worker(e.ws, { pool: poolsOf(e.ws.settings)[0]!, env: e.env, drainMs: 5_000 });
    await w.run(new AbortController().signal, async () => (await e.ws.runs.counts()).queued + (await e.ws.runs.counts()).active === 0);
    const done = (await e.ws.runs.get(run.id))!;
    expect(done.status).toBe('succeeded');
    expect((await getRun(e.ws, { id: run.id })).pull_requests).toBeUndefined();
    fs.mkdirSync(path.join(e.dir, 'workflows'));
    fs.writeFileSync(path.join(e.dir, 'workflows', 'pr.yaml'), `inputs:\n  branch: { required: true }\nsteps:\n  - { id: pr, type: export, with: { repo: api, host: gh, project: octo/api, branch: "\${{ inputs.branch }}", title: Do it, todo: TODO-1 } }\n`);
    const ws = new Workspace({ cwd: e.dir, actor: 'tester', env: { ...e.env, GITHUB_TOKEN: host.token } });
    const wf = await runWorkflow(ws, { name: 'pr', inputs: { branch: done.branch! } }, { trigger: 'cli' });
    expect(wf.status, wf.error).toBe('succeeded');
    expect(branchesOf(host.repos.get('octo/api')!.bare)).toEqual([done.branch!, 'main'].sort());
    expect((await getRun(ws, { id: run.id })).pull_requests).toEqual([{ url: 'https://github.test/octo/api/pull/1', state: 'open' }]);
  });
});
