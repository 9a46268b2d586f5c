// What a check leaves behind: status in ecosystem.yaml only when the outcome changes (no git churn), every
// check in the history, an event per change; and what it must not touch (bad input, --no-record, people's statuses).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkDependencies, dependencyCheckHistory, validateRepo } from '../../src/app/checks/index.js';
import type { ConcordError } from '../../src/core/errors.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { startHttpFixture } from '../helpers/servers.js';
import { git, gitInit } from '../helpers/temp.js';

const changedLines = (dir: string) => git(dir, 'diff', '-U0', '--no-color').split('\n').filter((l) => /^[-+] /.test(l));

describe('recording dependency checks', () => {
  it('writes status only when the outcome changes, keeps every check, and records an event per change', async () => {
    const server = await startHttpFixture();
    const { ws, dir } = ecosystemWithRepos({ web: {}, api: {} }, [
      { id: 'DEP-1', consumer: 'web', provider: 'api', status: 'satisfied', validation: { health_check: server.url('/toggle'), expected_status: 200 } },
      { id: 'DEP-2', consumer: 'web', provider: 'api', status: 'pending', validation: { health_check: server.url('/ok') } },
    ], { now: () => new Date('2026-11-21T10:00:00Z') });
    gitInit(dir);

    // DEP-1 is already satisfied: only DEP-2 (pending -> satisfied) changes the file.
    const first = await checkDependencies(ws, {});
    expect(first.status_changes).toBe(1);
    expect(changedLines(dir)).toEqual(['-      status: pending', '+      status: satisfied', '+      updated: "2026-11-21T10:00:00Z"']);
    git(dir, 'commit', '-qam', 'checked');

    // Nothing changed: nothing written, no event, but the check is in the history.
    const second = await checkDependencies(ws, {});
    expect(second).toMatchObject({ ok: true, status_changes: 0 });
    expect(second.checks.map((c) => c.previous_outcome)).toEqual(['satisfied', 'satisfied']);
    expect(changedLines(dir)).toEqual([]);
    expect(ws.events.list({ types: ['dependency:checked'] })).toHaveLength(2);

    server.setToggle(500);
    const third = await checkDependencies(ws, {});
    expect(third.checks[0]).toMatchObject({ id: 'DEP-1', outcome: 'unsatisfied', previous_outcome: 'satisfied', status: 'unsatisfied', status_changed: true });
    expect(changedLines(dir)).toEqual(['-      status: satisfied', '+      status: unsatisfied', '+      updated: "2026-11-21T10:00:00Z"']);
    const checked = ws.events.list({ types: ['dependency:checked'], entity: 'DEP-1' });
    expect(checked.map((e) => e.data)).toEqual([
      { outcome: 'unsatisfied', previous: 'satisfied', details: expect.stringMatching(/^HTTP 500, expected 200/), latency_ms: expect.any(Number) },
      { outcome: 'satisfied', details: expect.stringMatching(/^HTTP 200/), latency_ms: expect.any(Number) },
    ]);
    expect(ws.events.list({ types: ['dependency:status_changed'], entity: 'DEP-1' }).map((e) => e.data)).toEqual([{ from: 'satisfied', to: 'unsatisfied' }]);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' }).map((c) => c.outcome)).toEqual(['unsatisfied', 'satisfied', 'satisfied']);
  });

  it('leaves statuses people set (deprecated) alone and skips cancelled dependencies', async () => {
    const server = await startHttpFixture();
    const { ws, file } = ecosystemWithRepos({ web: {}, api: {} }, [
      { id: 'DEP-OLD', consumer: 'web', provider: 'api', status: 'deprecated', validation: { health_check: server.url('/wrong') } },
      { id: 'DEP-GONE', consumer: 'web', provider: 'api', status: 'cancelled', validation: { health_check: server.url('/ok') } },
    ]);
    const before = fs.readFileSync(file, 'utf8');
    const report = await checkDependencies(ws, {});
    expect(report.checks).toMatchObject([{ id: 'DEP-OLD', outcome: 'unsatisfied', status: 'deprecated', status_changed: false }]);
    expect(report.skipped).toEqual([{ id: 'DEP-GONE', reason: 'cancelled: no longer a contract to check' }]);
    expect(server.hits.get('/ok')).toBeUndefined();
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
  });

  it('with record: false reports the truth but changes neither the file nor the history', async () => {
    const server = await startHttpFixture();
    const { ws, file } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', status: 'satisfied', validation: { health_check: server.url('/wrong') } }]);
    const before = fs.readFileSync(file, 'utf8');
    const report = await checkDependencies(ws, { record: false });
    expect(report).toMatchObject({ ok: false, recorded: false, status_changes: 0, checks: [{ outcome: 'unsatisfied', status: 'satisfied', status_changed: false }] });
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' })).toEqual([]);
    expect(ws.events.list({ types: ['dependency:checked'] })).toEqual([]);
  });

  it('refuses an unknown consumer or dependency with a clear error, and changes nothing', async () => {
    const { ws, file } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', status: 'unknown', validation: { command: 'true' } }]);
    const before = fs.readFileSync(file, 'utf8');
    const refused = async (fn: () => Promise<unknown>) => fn().then(() => undefined, (e: ConcordError) => e);
    expect(await refused(() => checkDependencies(ws, { consumer: 'wbe' }))).toMatchObject({ code: 'REPO_NOT_FOUND', message: 'repo "wbe" is not in the catalog', hint: 'did you mean "web"?' });
    expect(await refused(() => checkDependencies(ws, { ids: ['DEP-9'] }))).toMatchObject({ code: 'DEPENDENCY_NOT_FOUND' });
    expect(await refused(() => checkDependencies(ws, { concurrency: 0 }))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(await refused(() => validateRepo(ws, {}))).toMatchObject({ code: 'INVALID_INPUT' });
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' })).toEqual([]);
  });

  it('validates one repo: the dependencies it consumes, filtered by name or nickname', async () => {
    const server = await startHttpFixture();
    const { ws } = ecosystemWithRepos({ web: { catalog: { nickname: 'w' } }, api: {}, lib: {} }, [
      { id: 'DEP-1', consumer: 'web', provider: 'api', validation: { health_check: server.url('/ok') } },
      { id: 'DEP-2', consumer: 'api', provider: 'lib', validation: { health_check: server.url('/wrong') } },
      { id: 'DEP-3', consumer: 'web', provider: 'lib', validation: { health_check: server.url('/ok') } },
    ]);
    const report = await validateRepo(ws, { repo: 'w' });
    expect(report).toMatchObject({ repo: 'web', ok: true, counts: { satisfied: 2, unsatisfied: 0 } });
    expect(report.checks.map((c) => c.id)).toEqual(['DEP-1', 'DEP-3']);
    expect((await checkDependencies(ws, { provider: 'lib' })).checks.map((c) => c.id)).toEqual(['DEP-2', 'DEP-3']);
  });
});
