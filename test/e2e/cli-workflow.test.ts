// `concord workflow list|validate|run|show` through the built CLI, on a copy of the example workflow.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { ecosystemDir } from '../helpers/temp.js';

const EXAMPLE = path.resolve(import.meta.dirname, '../../examples/workflows/scaffold-service.yaml');

describe('concord workflow', () => {
  it('validates, runs the example with inputs, shows the run, and refuses an invalid file naming its line', () => {
    const { dir, file } = ecosystemDir("version: '1.0'\nrepos: []\n");
    fs.mkdirSync(path.join(dir, 'workflows'));
    fs.copyFileSync(EXAMPLE, path.join(dir, 'workflows', 'scaffold-service.yaml'));
    const valid = concord(['workflow', 'validate'], { cwd: dir });
    expect(valid.code, valid.stderr).toBe(0);
    expect(valid.stdout).toBe('1 workflow file(s) valid\n');

    const run = concord(['workflow', 'run', 'scaffold-service', '--input', 'service=billing', '--json'], { cwd: dir });
    expect(run.code, run.stderr).toBe(0);
    const r = run.json() as { id: string; status: string; steps: { id: string; status: string }[] };
    expect(r.status).toBe('succeeded');
    expect(r.steps.map((s) => `${s.id}:${s.status}`)).toEqual(['repo:succeeded', 'readme:succeeded', 'config:succeeded', 'check:succeeded', 'review:succeeded']);
    expect(fs.readFileSync(path.join(dir, 'services', 'billing', 'README.md'), 'utf8')).toBe('# billing\n\nOwned by platform.\n');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/Review the new billing service/);

    const shown = concord(['workflow', 'show', r.id], { cwd: dir });
    expect(shown.stdout).toMatch(new RegExp(`^workflow scaffold-service run ${r.id}: succeeded\\n  succeeded repo \\(repo_creation\\)`));
    const list = concord(['workflow', 'list', '--json'], { cwd: dir });
    expect((list.json() as { workflows: { name: string; last?: { id: string } }[] }).workflows).toMatchObject([{ name: 'scaffold-service', last: { id: r.id } }]);

    fs.writeFileSync(path.join(dir, 'workflows', 'bad.yaml'), 'steps:\n  - id: a\n    type: shell\n    with: { run: echo }\n');
    const bad = concord(['workflow', 'run', 'bad'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.stderr).toMatch(/INVALID_WORKFLOW: workflow bad is invalid, nothing ran:\n.*bad\.yaml:4: steps\.0\.with\.run: /);
    const missing = concord(['workflow', 'run', 'scaffold-service'], { cwd: dir });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/needs input "service"/);
  });
});
