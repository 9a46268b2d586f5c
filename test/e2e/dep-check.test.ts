// The built CLI: `dep check` (and `check-deps`) gate CI by exit code; `repo validate`, `validate-repo`,
// `dep discover --apply`, `dep history`; bad input exits 1 with a clear message.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concordAsync as concord } from '../helpers/cli.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { startHttpFixture } from '../helpers/servers.js';

async function setup() {
  const server = await startHttpFixture();
  const made = ecosystemWithRepos(
    {
      sdk: { files: { 'package.json': { name: '@acme/sdk', version: '2.3.0' } } },
      web: { files: { 'package.json': { name: 'web', dependencies: { '@acme/sdk': '^2.0.0', '@acme/api-client': '^1.0.0' } } } },
      api: { files: { 'package.json': { name: '@acme/api-client', version: '1.2.0' } } },
    },
    [
      { id: 'DEP-1', consumer: 'web', provider: 'sdk', version_constraint: '>=2.1.0', status: 'unknown' },
      { id: 'DEP-2', consumer: 'sdk', provider: 'api', status: 'satisfied', validation: { health_check: server.url('/wrong'), expected_status: 200 } },
    ],
  );
  made.ws.close();
  return { ...made, server };
}

describe('concord dep check', () => {
  it('exits 0 when everything checked is satisfied and 1 when something is not, printing the report either way', async () => {
    const { dir, file } = await setup();
    const ok = await concord(['dep', 'check', '--consumer', 'web', '--json'], { cwd: dir });
    expect(ok.code).toBe(0);
    expect(ok.json()).toMatchObject({ ok: true, counts: { satisfied: 1 }, checks: [{ id: 'DEP-1', outcome: 'satisfied', status: 'satisfied', status_changed: true }] });
    expect(ok.stderr).toBe('');

    const bad = await concord(['check-deps', '--json'], { cwd: dir });
    expect(bad.code).toBe(1);
    expect(bad.json()).toMatchObject({ ok: false, counts: { satisfied: 1, unsatisfied: 1 } });
    expect(bad.stderr).toBe('dependency check failed: 1 unsatisfied, 0 failed\n');
    expect(fs.readFileSync(file, 'utf8')).toMatch(/id: DEP-2\n(.*\n)*?\s+status: unsatisfied/);

    const human = await concord(['dep', 'check', '--no-record', '--no-color'], { cwd: dir });
    expect(human.code).toBe(1);
    expect(human.stdout).toMatch(/DEP-2 unsatisfied: sdk needs api\n {2}http: HTTP 503, expected 200 from http:\/\/127\.0\.0\.1:\d+\/wrong/);
    expect(human.stdout).toContain('1 satisfied, 1 unsatisfied, 0 failed, 0 unknown in');
  });

  it('validates one repo with `repo validate` and the seed`s `validate-repo`', async () => {
    const { dir } = await setup();
    const r = await concord(['repo', 'validate', 'web', '--json'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.json()).toMatchObject({ repo: 'web', ok: true, checks: [{ id: 'DEP-1' }] });
    const seed = await concord(['validate-repo', 'sdk'], { cwd: dir });
    expect(seed.code).toBe(1);
    expect(seed.stdout).toContain('sdk needs 1 dependency');
  });

  it('refuses an unknown repo with exit 1 and a hint, writing nothing', async () => {
    const { dir, file } = await setup();
    const before = fs.readFileSync(file, 'utf8');
    const r = await concord(['dep', 'check', '--consumer', 'wbe'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('REPO_NOT_FOUND: repo "wbe" is not in the catalog\n  hint: did you mean "web"?\n');
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('discovers undeclared edges, applies them, and shows the check history', async () => {
    const { dir, file } = await setup();
    const report = await concord(['dep', 'discover', '--check', '--no-color'], { cwd: dir });
    expect(report.code).toBe(1);
    expect(report.stdout).toContain('web needs api: @acme/api-client ^1.0.0 in package.json → add as runtime, ^1.0.0');
    const applied = await concord(['dep', 'discover', '--apply', '--json'], { cwd: dir });
    expect(applied.code).toBe(0);
    const created = (applied.json() as { applied: { created: string[] } }).applied.created;
    expect(created).toHaveLength(1);
    expect(fs.readFileSync(file, 'utf8')).toContain(`id: ${created[0]}`);
    expect((await concord(['dep', 'discover', '--check'], { cwd: dir })).code).toBe(0);

    await concord(['dep', 'check', '--id', 'DEP-1'], { cwd: dir });
    const history = await concord(['dep', 'history', 'DEP-1', '--json'], { cwd: dir });
    expect(history.json()).toMatchObject([{ id: 'DEP-1', outcome: 'satisfied' }]);
  });
});
