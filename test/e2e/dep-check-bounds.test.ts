// The built CLI: a dependency check's processes never outlive Concord (Ctrl-C, SIGTERM, kill -9), and a
// pattern that backtracks forever neither hangs `dep check` nor freezes `concord serve` at start-up.
import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, concordAsync } from '../helpers/cli.js';
import { serve } from '../helpers/mcp.js';
import { isRunning, pidFrom } from '../helpers/processes.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { tempDir } from '../helpers/temp.js';

const WORKERS = path.resolve(import.meta.dirname, '../integration/workers');
const node = JSON.stringify(process.execPath);
const REDOS = { command: `${node} -e "console.log('a'.repeat(37) + '!')"`, expected_pattern: '^(a+)+$', timeout_ms: 5000 };

describe('dep check under a signal', () => {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGKILL'] as const) {
    it(`${signal} to concord while a command runs: the command and its grandchild die with it`, async () => {
      const pidFile = path.join(tempDir(), 'grandchild.pid');
      const command = `${node} ${JSON.stringify(path.join(WORKERS, 'spawn-and-hang.mjs'))} ${JSON.stringify(pidFile)}`;
      const { dir, ws } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-HANG', consumer: 'web', provider: 'api', validation: { command, timeout_ms: 120_000 } }]);
      ws.close();
      const child = spawn(process.execPath, [CLI, 'dep', 'check', '--no-record'], { cwd: dir, env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' }, stdio: ['ignore', 'pipe', 'pipe'] });
      const exited = new Promise((r) => child.once('exit', r));
      const grandchild = await pidFrom(pidFile);
      expect(isRunning(grandchild)).toBe(true);
      child.kill(signal);
      await exited;
      await expect.poll(() => isRunning(grandchild), { timeout: 10_000 }).toBe(false);
    });
  }
});

describe('a pattern that backtracks forever', () => {
  it('dep check ends at the deadline and reports it as unknown, not satisfied', async () => {
    const { dir, ws } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-REDOS', consumer: 'web', provider: 'api', status: 'unknown', validation: REDOS }]);
    ws.close();
    const r = await concordAsync(['dep', 'check', '--json'], { cwd: dir });
    expect(r.json()).toMatchObject({ counts: { satisfied: 0, unknown: 1 }, checks: [{ id: 'DEP-REDOS', outcome: 'unknown', probes: [{ timed_out: true }] }] });
  });

  it('concord serve answers /health while the start-up check runs the pattern', async () => {
    const { file, ws } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-REDOS', consumer: 'web', provider: 'api', status: 'unknown', validation: { ...REDOS, timeout_ms: 20_000 } }]);
    ws.close();
    const server = await serve(file);
    try {
      // The command has run and the match has started once its output is there; the check takes 20 s.
      await expect.poll(() => server.stderr(), { timeout: 10_000 }).toMatch(/checks: dependencies/);
      await new Promise((r) => setTimeout(r, 1000));
      const health = await fetch(`${server.url}/health`, { signal: AbortSignal.timeout(5000) });
      expect(await health.json()).toMatchObject({ ok: true });
      expect(server.stderr()).not.toMatch(/dependency check: /);
    } finally {
      await server.stop();
    }
  });
});
