// Workflow files are checked before anything runs: every problem names the file, the line and the field.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runWorkflow, validateWorkflows } from '../../src/workflows/index.js';
import { ecosystemWithRepos } from '../helpers/repos.js';

function withWorkflow(text: string) {
  const eco = ecosystemWithRepos({ app: {} }, []);
  fs.mkdirSync(path.join(eco.dir, 'workflows'));
  const file = path.join(eco.dir, 'workflows', 'broken.yaml');
  fs.writeFileSync(file, text);
  return { ...eco, wfFile: file };
}

describe('workflow validation', () => {
  it('names file, line and field of each problem, with the fix, and runs nothing', async () => {
    const { ws, dir, wfFile } = withWorkflow(`description: broken on purpose
inputs:
  service: { default: billing }
steps:
  - id: first
    type: shel
    with: { run: [echo, hi] }
  - id: second
    type: shell
    with: { run: [echo], timeout_ms: -5 }
  - id: second
    type: file_generation
    with: { repo: app, files: [{ path: a.txt, template: "\${{ steps.later.outputs.x }}" }] }
  - id: third
    type: shell
    if: "inputs.servce == 'x' &&"
    with: { run: [echo, "\${{ input.service }}"] }
  - id: fourth
    type: concord
    with: { operation: todo.creat }
  - id: fifth
    type: shell
    with: { run: [echo] }
    contine_on_error: true
  - id: later
    type: shell
    with: { run: [touch, ran] }
`);
    const r = await validateWorkflows(ws, {});
    expect(r.valid).toBe(false);
    const problems = r.problems[0]!.problems;
    const at = (line: number, re: RegExp) => expect(problems.some((p) => p.startsWith(`${wfFile}:${line}: `) && re.test(p)), `line ${line} ${re}: ${problems.join('\n')}`).toBe(true);
    at(6, /steps\.0\.type: no step type "shel" \(did you mean "shell"\?\)/);
    at(10, /steps\.1\.with\.timeout_ms: /);
    at(11, /steps\.2\.id: step id "second" is used twice/);
    at(13, /steps\.2\.with\.files\.0\.template: .*"steps\.later" is not a step before this one/);
    at(16, /steps\.3\.if: .*the expression ends too early/);
    at(17, /steps\.3\.with\.run\.1: .*"input\.service" is neither inputs/);
    at(20, /steps\.4\.with\.operation: no operation "todo\.creat" \(did you mean "todo\.create"\?\)/);
    at(24, /steps\.5\.contine_on_error: unknown key "contine_on_error" \(did you mean "continue_on_error"\?\)/);
    await expect(runWorkflow(ws, { name: 'broken' }, { trigger: 'cli' })).rejects.toMatchObject({ code: 'INVALID_WORKFLOW' });
    expect(fs.existsSync(path.join(dir, 'ran'))).toBe(false);
    expect(ws.events.list({ types: ['workflow:started'] })).toHaveLength(0);
  });

  it('refuses unknown and missing inputs before anything runs', async () => {
    const { ws } = withWorkflow(`inputs:\n  service: { required: true }\nsteps:\n  - { id: a, type: shell, with: { run: [echo, "\${{ inputs.service }}"] } }\n`);
    await expect(runWorkflow(ws, { name: 'broken' }, { trigger: 'cli' })).rejects.toThrow(/needs input "service"/);
    await expect(runWorkflow(ws, { name: 'broken', inputs: { servce: 'x' } }, { trigger: 'cli' })).rejects.toThrow(/no input "servce" \(did you mean "service"\?\)/);
    await expect(runWorkflow(ws, { name: 'nope' }, { trigger: 'cli' })).rejects.toMatchObject({ code: 'WORKFLOW_NOT_FOUND' });
  });

  it('reports a YAML syntax error with its line', async () => {
    const { ws, wfFile } = withWorkflow('steps:\n  - id: a\n    type: shell\n   with: [\n');
    const r = await validateWorkflows(ws, { name: 'broken' });
    expect(r.problems[0]!.problems[0]).toMatch(new RegExp(`^${wfFile.replace(/[.]/g, '\\.')}:4: `));
  });
});
