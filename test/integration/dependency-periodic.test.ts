// Periodic dependency checks, as `concord serve` runs them from the settings.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CheckReport, dependencyCheckHistory, startPeriodicDependencyChecks } from '../../src/app/checks/index.js';
import { Workspace } from '../../src/app/workspace.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { startHttpFixture } from '../helpers/servers.js';

describe('periodic dependency checks', () => {
  it('run at start and again on every interval, recording each run, until stopped', async () => {
    const server = await startHttpFixture();
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', validation: { health_check: server.url('/ok') } }]);
    const reports: CheckReport[] = [];
    let second!: () => void;
    const twoRuns = new Promise<void>((r) => (second = r));
    const periodic = startPeriodicDependencyChecks(ws, {
      intervalMs: 20,
      onReport: (r) => {
        reports.push(r);
        if (reports.length === 2) second();
      },
    });
    expect(periodic).toMatchObject({ enabled: true, intervalMs: 20 });
    await twoRuns;
    await periodic.stop();
    expect(await periodic.runNow()).toBeUndefined();
    expect(reports.slice(0, 2).map((r) => r.checks[0]?.outcome)).toEqual(['satisfied', 'satisfied']);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' }).length).toBe(reports.filter((r) => r.recorded).length);
  });

  it('take the interval from dependency_check_interval_minutes and stay off when auto_dependency_check is false', async () => {
    const { dir } = ecosystemWithRepos({ web: {}, api: {} }, []);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'coordination:\n  auto_dependency_check: false\n  dependency_check_interval_minutes: 15\n');
    const off = startPeriodicDependencyChecks(new Workspace({ cwd: dir, env: {} }));
    expect(off).toMatchObject({ enabled: false, intervalMs: 15 * 60_000 });
    await off.stop();
    const on = startPeriodicDependencyChecks(new Workspace({ cwd: dir, env: { CONCORD_AUTO_DEPENDENCY_CHECK: '1' } }), { runAtStart: false });
    expect(on.enabled).toBe(true);
    await on.stop();
  });

  it('record nothing for a run stopped half-way: cut-off probes say nothing about the dependency', async () => {
    const server = await startHttpFixture();
    const { ws, file } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', status: 'satisfied', validation: { health_check: server.url('/hang'), timeout_ms: 60_000 } }]);
    const before = fs.readFileSync(file, 'utf8');
    const reports: CheckReport[] = [];
    const periodic = startPeriodicDependencyChecks(ws, { onReport: (r) => reports.push(r) });
    await expect.poll(() => server.hits.get('/hang') ?? 0, { timeout: 20_000 }).toBe(1);
    await periodic.stop();
    expect(reports).toMatchObject([{ recorded: false, checks: [{ outcome: 'failed', status: 'satisfied', status_changed: false }] }]);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' })).toEqual([]);
  });
});
