// The built-in job `dependency-check`: seed 004's auto_dependency_check and dependency_check_interval_minutes.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { dependencyCheckHistory } from '../../src/app/checks/index.js';
import { listJobs } from '../../src/app/scheduling/index.js';
import { Workspace } from '../../src/app/workspace.js';
import { createScheduler } from '../../src/schedule/runtime.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { fakeClock, firesOf } from '../helpers/scheduler.js';
import { startHttpFixture } from '../helpers/servers.js';

describe('the built-in dependency-check job', () => {
  it('checks at the first start and then every dependency_check_interval_minutes, recording each check', async () => {
    const server = await startHttpFixture();
    const { dir } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', validation: { health_check: server.url('/ok') } }]);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'coordination:\n  dependency_check_interval_minutes: 15\n');
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const ws = new Workspace({ cwd: dir, env: {}, now: clock.now, actor: 'concord', surface: 'scheduler' });
    expect(listJobs(ws)).toMatchObject([{ name: 'dependency-check', builtin: true, enabled: true, triggers: ['every 15m'], misfire: 'fire_once' }]);
    const sched = createScheduler(ws);
    await sched.tick();
    await sched.idle();
    clock.set('2026-05-01T10:14:00Z');
    await sched.tick();
    clock.set('2026-05-01T10:15:20Z');
    await sched.tick();
    await sched.idle();
    expect(firesOf(ws, 'job:dependency-check').map((f) => [f.instant, f.status])).toEqual([
      ['2026-05-01T10:00:00.000Z', 'succeeded'],
      ['2026-05-01T10:15:00.000Z', 'succeeded'],
    ]);
    expect(server.hits.get('/ok')).toBe(2);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' })).toHaveLength(2);
  });

  it('stays off when auto_dependency_check is false (or CONCORD_AUTO_DEPENDENCY_CHECK=0), and a job of that name replaces it', async () => {
    const { dir } = ecosystemWithRepos({ web: {}, api: {} }, []);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'coordination:\n  auto_dependency_check: false\n');
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const off = new Workspace({ cwd: dir, env: {}, now: clock.now });
    expect(listJobs(off)[0]).toMatchObject({ name: 'dependency-check', enabled: false });
    await createScheduler(off).tick();
    expect(firesOf(off, 'job:dependency-check')).toEqual([]);
    expect(listJobs(new Workspace({ cwd: dir, env: { CONCORD_AUTO_DEPENDENCY_CHECK: '1' } }))[0]).toMatchObject({ enabled: true });
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'jobs:\n  - name: dependency-check\n    cron: "0 6 * * *"\n    operation: dependency-check\n');
    expect(listJobs(new Workspace({ cwd: dir, env: {} }))).toMatchObject([{ name: 'dependency-check', triggers: ['cron "0 6 * * *" UTC'] }]);
    expect(listJobs(new Workspace({ cwd: dir, env: {} }))[0]!.builtin).toBeUndefined();
  });

  it('records nothing for a check stopped half-way by the server stopping: cut-off probes say nothing', async () => {
    const server = await startHttpFixture();
    const { dir, file } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', status: 'satisfied', validation: { health_check: server.url('/hang'), timeout_ms: 60_000 } }]);
    const before = fs.readFileSync(file, 'utf8');
    const ws = new Workspace({ cwd: dir, env: {}, actor: 'concord', surface: 'scheduler' });
    const sched = createScheduler(ws);
    await sched.tick();
    await expect.poll(() => server.hits.get('/hang') ?? 0, { timeout: 20_000 }).toBe(1);
    await sched.stop();
    expect(firesOf(ws, 'job:dependency-check').map((f) => f.status)).toEqual(['cancelled']);
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    expect(dependencyCheckHistory(ws, { id: 'DEP-1' })).toEqual([]);
  });
});
