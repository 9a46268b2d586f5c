// Strict on write and in lint: impossible dates, version ranges that do not read, bad URLs, runtime repo cycles,
// and requirements*.txt pins compared with the constraint.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from '../../src/app/checks/index.js';
import { createDependency, updateDependency } from '../../src/app/dependencies.js';
import { createIssue } from '../../src/app/issues.js';
import { lintEcosystem } from '../../src/app/lint.js';
import { ConcordError } from '../../src/core/errors.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { workspaceWith } from '../helpers/workspace.js';

const BASE = `repos:
  - name: api
    path: ./api
  - name: web
    path: ./web
  - name: sdk
    path: ./sdk
coordination:
  issues:
    - id: ISSUE-1
      title: Upgrade
      target: "2026-02-30"
  dependencies:
    - id: DEP-1
      consumer: web
      provider: api
      type: runtime
      version_constraint: ">=banana"
    - id: DEP-2
      consumer: api
      provider: sdk
      type: runtime
      validation:
        health_check: http://127.0.0.1:80a/health
    - id: DEP-3
      consumer: sdk
      provider: web
      type: runtime
`;

async function refusal(work: Promise<unknown>): Promise<ConcordError> {
  const e = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'the write should have been refused').toBeInstanceOf(ConcordError);
  return e as ConcordError;
}

describe('strict on write', () => {
  it('refuses an impossible date, a range that does not read and a URL with a non-numeric port, writing nothing', async () => {
    const text = 'repos:\n  - name: api\n  - name: web\n';
    const { ws, file } = workspaceWith(text);
    const date = await refusal(createIssue(ws, { title: 'X', target: '2026-13-45' }));
    expect(date.message).toContain('target: 2026-13-45 has no month 13');
    const leap = await refusal(createIssue(ws, { title: 'X', target: '2026-02-29' }));
    expect(leap.message).toContain('2026-02-29 has no day 29 (2026-02 has 28 days)');
    expect((await createIssue(ws, { title: 'Leap day', target: '2028-02-29' })).issue.target).toBe('2028-02-29');
    const range = await refusal(createDependency(ws, { consumer: 'web', provider: 'api', version_constraint: '>=banana' }));
    expect(range.message).toBe('version_constraint ">=banana" is not a version range in npm (semver), Cargo or Python (PEP 440) syntax; write one such as ">=1.2.0 <2" or ">=1.2,<2"');
    const url = await refusal(createDependency(ws, { consumer: 'web', provider: 'api', validation: { health_check: 'http://127.0.0.1:80a/health' } }));
    expect(url.message).toContain('validation.health_check "http://127.0.0.1:80a/health" is not a valid URL');
    expect(fs.readFileSync(file, 'utf8')).not.toContain('DEP-');
    ws.close();
  });

  it('checks a range in the scheme of the provider ecosystem when its manifests are here', async () => {
    const { ws } = ecosystemWithRepos({ core: { files: { 'pyproject.toml': '[project]\nname = "acme-core"\nversion = "1.5.0"\n' } }, app: {} }, []);
    const npmOnly = await refusal(createDependency(ws, { consumer: 'app', provider: 'core', version_constraint: '^1.2.0' }));
    expect(npmOnly.message).toBe('version_constraint "^1.2.0" is not a version range (core is Python (PEP 440)); write one such as ">=1.2,<2"');
    const ok = await createDependency(ws, { consumer: 'app', provider: 'core', version_constraint: '>=1.2,<2' });
    expect(ok.dependency.version_constraint).toBe('>=1.2,<2');
    expect((await refusal(updateDependency(ws, ok.dependency.id, { version_constraint: '>=x' }))).code).toBe('INVALID_INPUT');
    ws.close();
  });

  it('refuses a runtime dependency that closes a cycle between repos, but not a test one', async () => {
    const text = 'repos:\n  - name: a\n  - name: b\n  - name: c\ncoordination:\n  dependencies:\n    - id: DEP-1\n      consumer: a\n      provider: b\n    - id: DEP-2\n      consumer: b\n      provider: c\n';
    const { ws } = workspaceWith(text);
    const e = await refusal(createDependency(ws, { consumer: 'c', provider: 'a', type: 'runtime' }));
    expect(e.code).toBe('DEPENDENCY_CYCLE');
    expect(e.message).toBe('c needing a at run time closes a cycle: a → b → c → a');
    expect((await createDependency(ws, { consumer: 'c', provider: 'a', type: 'test' })).dependency.type).toBe('test');
    ws.close();
  });
});

describe('strict in lint', () => {
  it('reports an impossible date, a bad range, a bad URL and a runtime cycle, each at its record', async () => {
    const { ws } = workspaceWith(BASE);
    const report = await lintEcosystem(ws);
    const found = report.diagnostics.map((d) => [d.line, d.id, d.field, d.code, d.message]);
    expect(found).toEqual(
      expect.arrayContaining([
        [12, 'ISSUE-1', 'target', 'INVALID_FIELD', expect.stringContaining('2026-02-30 has no day 30 (2026-02 has 28 days)')],
        [14, 'DEP-1', 'version_constraint', 'INVALID_FIELD', 'version_constraint ">=banana" is not a version range in npm (semver), Cargo or Python (PEP 440) syntax; write one such as ">=1.2.0 <2" or ">=1.2,<2"'],
        [19, 'DEP-2', 'validation', 'INVALID_FIELD', expect.stringContaining('validation.health_check "http://127.0.0.1:80a/health" is not a valid URL')],
        [19, 'DEP-2', 'provider', 'DEPENDENCY_CYCLE', 'repos need each other at run time in a cycle: api → sdk → web → api; none of them can start or be released first'],
      ]),
    );
    ws.close();
  });
});

describe('requirements*.txt pins', () => {
  it('compares a pinned version with the constraint: acme-core==0.9.0 against >=1.2,<2 is unsatisfied', async () => {
    const dep = (id: string, consumer: string) => ({ id, consumer, provider: 'core', type: 'runtime', version_constraint: '>=1.2,<2', status: 'unknown' });
    const { ws } = ecosystemWithRepos(
      {
        core: { files: { 'pyproject.toml': '[project]\nname = "acme-core"\nversion = "1.5.0"\n' }, catalog: { package: 'acme-core' } },
        old: { files: { 'requirements.txt': 'requests>=2\nacme-core==0.9.0\n' } },
        prod: { files: { 'requirements-prod.txt': 'Acme_Core==0.9.1  # pinned by ops\n' } },
        fresh: { files: { 'requirements/base.txt': 'acme-core==1.4.2\n' } },
      },
      [dep('DEP-OLD', 'old'), dep('DEP-PROD', 'prod'), dep('DEP-FRESH', 'fresh')],
    );
    const report = await checkDependencies(ws, { record: false });
    const byId = new Map(report.checks.map((c) => [c.id, c]));
    expect(byId.get('DEP-OLD')).toMatchObject({ outcome: 'unsatisfied' });
    expect(byId.get('DEP-OLD')!.summary).toContain('old locks acme-core 0.9.0 (requirements.txt), outside >=1.2,<2');
    expect(byId.get('DEP-PROD')).toMatchObject({ outcome: 'unsatisfied' });
    expect(byId.get('DEP-PROD')!.summary).toContain('prod locks acme-core 0.9.1 (requirements-prod.txt), outside >=1.2,<2');
    expect(byId.get('DEP-FRESH')).toMatchObject({ outcome: 'satisfied' });
    expect(byId.get('DEP-FRESH')!.summary).toContain('fresh locks acme-core 1.4.2 (requirements/base.txt), within >=1.2,<2');
    ws.close();
  });
});
