// The agent step runs an executor profile (the fake claude CLI replaying a recorded stream) with a prompt,
// through the same attempt code as todo runs; its result is the step's outputs.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { runWorkflow } from '../../src/workflows/index.js';
import { agentEnv } from '../helpers/agents.js';
import { ecosystemWithRepos } from '../helpers/repos.js';

describe('the agent step', () => {
  it('runs the agent with the prompt and passes its result on; a failing agent fails the step', async () => {
    const eco = ecosystemWithRepos({ app: { files: { 'README.md': '# app\n' }, tags: ['v1.0.0'] } }, []);
    fs.writeFileSync(path.join(eco.dir, 'concord.yaml'), 'executors:\n  claude: { pass_env: [FAKE_*] }\n');
    fs.mkdirSync(path.join(eco.dir, 'workflows'));
    fs.writeFileSync(path.join(eco.dir, 'workflows', 'ask.yaml'), `inputs:\n  mode: { default: success }\nsteps:\n  - id: ask\n    type: agent\n    with: { prompt: "Summarise the repo [fake:\${{ inputs.mode }}]", repo: app, limits: { wall_seconds: 30, after_result_seconds: 0.3 } }\n  - id: after\n    type: shell\n    if: "steps.ask.outputs.status == 'succeeded'"\n    with: { run: [${JSON.stringify(process.execPath)}, -e, "console.log(process.argv[1])", "\${{ steps.ask.outputs.status }}"] }\n`);
    const ws = new Workspace({ cwd: eco.dir, actor: 'tester', env: agentEnv() });
    const ok = await runWorkflow(ws, { name: 'ask' }, { trigger: 'cli' });
    expect(ok.status, ok.error).toBe('succeeded');
    expect(ok.steps[0]!.outputs).toMatchObject({ status: 'succeeded' });
    expect((ok.steps[1]!.outputs as { stdout: string }).stdout).toBe('succeeded\n');
    const bad = await runWorkflow(ws, { name: 'ask', inputs: { mode: 'api-error' } }, { trigger: 'cli' });
    expect(bad.status).toBe('failed');
    expect(bad.steps[0]!.status).toBe('failed');
    expect(bad.steps[1]!.status).toBe('skipped');
  });
});
