// Jobs and activities start workflows: `operation: workflow` with the workflow's name and inputs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { operation } from '../../src/ops/index.js';
import { ecosystemWithRepos } from '../helpers/repos.js';

describe('the workflow job action', () => {
  it('runs the workflow when the job is triggered, and the fire fails when the run does', async () => {
    const eco = ecosystemWithRepos({ app: {} }, []);
    fs.writeFileSync(path.join(eco.dir, 'concord.yaml'), `jobs:
  - { name: greet, interval: 1d, operation: workflow, args: { name: greet, inputs: { who: jobs } } }
  - { name: broken, interval: 1d, operation: workflow, args: { name: greet, inputs: { who: fail } } }
`);
    fs.mkdirSync(path.join(eco.dir, 'workflows'));
    fs.writeFileSync(path.join(eco.dir, 'workflows', 'greet.yaml'), `inputs:\n  who: { required: true }\nsteps:\n  - id: write\n    type: file_generation\n    with: { dir: out, files: [{ path: "hello-\${{ inputs.who }}.txt", template: "hello \${{ inputs.who }}" }] }\n  - id: gate\n    type: shell\n    if: "inputs.who == 'fail'"\n    with: { run: [${JSON.stringify(process.execPath)}, -e, "process.exit(1)"] }\n`);
    fs.mkdirSync(path.join(eco.dir, 'out'));
    const ws = new Workspace({ cwd: eco.dir, actor: 'tester', env: {} });
    const ok = (await operation('job.trigger').run(ws, { name: 'greet' }, {})) as { status: string; outcome?: { summary: string } };
    expect(ok.status).toBe('succeeded');
    expect(ok.outcome?.summary).toMatch(/workflow greet run WF-\w+ succeeded/);
    expect(fs.readFileSync(path.join(eco.dir, 'out', 'hello-jobs.txt'), 'utf8')).toBe('hello jobs');
    const bad = (await operation('job.trigger').run(ws, { name: 'broken' }, {})) as { status: string; outcome?: { summary: string; error?: string } };
    expect(bad.status).toBe('failed');
    expect(fs.existsSync(path.join(eco.dir, 'out', 'hello-fail.txt'))).toBe(false);
    const runs = ws.events.list({ types: ['workflow:started'] }).map((e) => (e.data as { trigger: string }).trigger);
    expect(runs).toEqual(['scheduler:manual', 'scheduler:manual']);
  });
});
