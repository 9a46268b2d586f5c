// Dependency checks have a bounded cost whatever the file says: a pattern that backtracks forever, a command
// that leaves children behind, a health check that redirects to another host.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from '../../src/app/checks/index.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { isRunning, pidFrom } from '../helpers/processes.js';
import { startHttpFixture } from '../helpers/servers.js';
import { tempDir } from '../helpers/temp.js';

const WORKERS = path.resolve(import.meta.dirname, 'workers');
const node = JSON.stringify(process.execPath);
const leaveChild = (pidFile: string, mode = '') => `${node} ${JSON.stringify(path.join(WORKERS, 'leave-child.mjs'))} ${JSON.stringify(pidFile)} ${mode}`.trim();

describe('expected_pattern', () => {
  it('a catastrophically backtracking pattern ends at the check deadline as unknown, and never blocks the process', async () => {
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [
      // 37 a's and a "!": about 2^37 steps for a backtracking engine. The deadline leaves a loaded machine time
      // to start the command, so that it is the match, not the command, that runs into it.
      { id: 'DEP-REDOS', consumer: 'web', provider: 'api', validation: { command: `${node} -e "console.log('a'.repeat(37) + '!')"`, expected_pattern: '^(a+)+$', timeout_ms: 5000 } },
      { id: 'DEP-FINE', consumer: 'web', provider: 'api', validation: { command: `${node} -e "console.log('v20.1.0')"`, expected_pattern: '^v(\\d+)\\.(?=\\d)', timeout_ms: 2000 } },
    ]);
    // The main thread stays free while the pattern runs: a timer keeps firing.
    let ticks = 0;
    const ticker = setInterval(() => ticks++, 20);
    const report = await checkDependencies(ws, {}).finally(() => clearInterval(ticker));
    expect(ticks).toBeGreaterThan(10);
    expect(report.checks.find((c) => c.id === 'DEP-REDOS')).toMatchObject({
      outcome: 'unknown',
      probes: [{ kind: 'command', outcome: 'unknown', timed_out: true, exit_code: 0, summary: expect.stringContaining('matching the output against /^(a+)+$/ did not finish before the deadline') }],
    });
    expect(report.checks.find((c) => c.id === 'DEP-FINE')).toMatchObject({ outcome: 'satisfied', summary: expect.stringContaining('output matches') });
    ws.close();
  });
});

describe('process groups of validation commands', () => {
  it('a timed-out command whose grandchild holds its output open: both are killed, though the command itself had exited', async () => {
    const pidFile = path.join(tempDir(), 'grandchild.pid');
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-ORPHAN', consumer: 'web', provider: 'api', validation: { command: leaveChild(pidFile, 'holds-output'), timeout_ms: 3000 } }]);
    const report = await checkDependencies(ws, {});
    expect(report.checks[0]).toMatchObject({ outcome: 'failed', probes: [{ kind: 'command', timed_out: true }] });
    const pid = await pidFrom(pidFile);
    await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
    ws.close();
  });

  it('a command that exits 0 leaving a child in the background: the check passes and the child is killed', async () => {
    const pidFile = path.join(tempDir(), 'background.pid');
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-BG', consumer: 'web', provider: 'api', validation: { command: leaveChild(pidFile), timeout_ms: 10_000 } }]);
    const report = await checkDependencies(ws, {});
    expect(report.checks[0]).toMatchObject({ outcome: 'satisfied' });
    const pid = await pidFrom(pidFile);
    await expect.poll(() => isRunning(pid), { timeout: 10_000 }).toBe(false);
    expect(fs.existsSync(pidFile)).toBe(true);
    ws.close();
  });
});

describe('health checks that redirect', () => {
  it('follow a redirect on the same host and say where they ended up; report one to another host without following it', async () => {
    const server = await startHttpFixture();
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [
      { id: 'DEP-MOVED', consumer: 'web', provider: 'api', validation: { health_check: server.url('/moved') } },
      { id: 'DEP-AWAY', consumer: 'web', provider: 'api', validation: { health_check: server.url('/away') } },
    ]);
    const report = await checkDependencies(ws, {});
    const moved = report.checks.find((c) => c.id === 'DEP-MOVED')!;
    expect(moved).toMatchObject({ outcome: 'satisfied', probes: [{ http_status: 200, redirected_to: server.url('/ok') }] });
    expect(moved.summary).toMatch(new RegExp(`^HTTP 200 from ${server.url('/ok')} \\(redirected from ${server.url('/moved')}\\) in `));
    const away = report.checks.find((c) => c.id === 'DEP-AWAY')!;
    const elsewhere = `http://localhost:${server.port}/ok`;
    expect(away).toMatchObject({ outcome: 'unsatisfied', probes: [{ http_status: 302, redirected_to: elsewhere }] });
    expect(away.summary).toBe(`HTTP 302 from ${server.url('/away')} redirects to another host (${elsewhere}), which a health check does not follow; point health_check at the URL that answers`);
    // Only the redirect was requested: the other host was never asked.
    expect(server.hits.get('/ok')).toBe(1);
    ws.close();
  });
});
