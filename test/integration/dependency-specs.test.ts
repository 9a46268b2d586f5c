// Bad validation specs and unreadable dependency records: clear errors naming the dependency, in checks
// and at write time; and timed-out probes that leave no process behind.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkDependencies } from '../../src/app/checks/index.js';
import { createDependency, updateDependency } from '../../src/app/dependencies.js';
import type { ConcordError } from '../../src/core/errors.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { tempDir } from '../helpers/temp.js';

const WORKERS = path.resolve(import.meta.dirname, 'workers');
const node = JSON.stringify(process.execPath);

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('bad validation specs', () => {
  it('are reported by the check as failed, each problem naming the dependency and the fix', async () => {
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [
      { id: 'DEP-REGEX', consumer: 'web', provider: 'api', status: 'satisfied', validation: { command: 'true', expected_pattern: 'Version: (0\\.2' } },
      { id: 'DEP-URL', consumer: 'web', provider: 'api', validation: { health_check: 'http//localhost:80/health' } },
      { id: 'DEP-SCHEME', consumer: 'web', provider: 'api', validation: { health_check: 'ftp://127.0.0.1/health' } },
      { id: 'DEP-KEY', consumer: 'web', provider: 'api', validation: { helth_check: 'http://127.0.0.1:1/health', expected_status: 200 } },
      { id: 'DEP-SHELL', consumer: 'web', provider: 'api', validation: { command: 'make check && echo ok' } },
      { id: 'DEP-MCP', consumer: 'web', provider: 'api', type: 'mcp', validation: { mcp: 'ws://127.0.0.1:9/mcp' } },
      { id: 'DEP-TYPE', consumer: 'web', provider: 'api', type: 'runtiem', validation: { command: 'true' } },
    ]);
    const report = await checkDependencies(ws, {});
    const summary = (id: string) => report.checks.find((c) => c.id === id)?.summary;
    expect(report.checks.every((c) => c.outcome === 'failed')).toBe(true);
    expect(report.checks.find((c) => c.id === 'DEP-REGEX')).toMatchObject({ status: 'failed', probes: [{ kind: 'spec', outcome: 'failed' }] });
    expect(summary('DEP-REGEX')).toMatch(/^DEP-REGEX \(web needs api\): validation\.expected_pattern "Version: \(0\\\.2" is not a valid regular expression \(.*Unterminated group\); fix the pattern/);
    expect(summary('DEP-URL')).toBe('DEP-URL (web needs api): validation.health_check "http//localhost:80/health" is not a valid URL; write http://host:port/path, https://... or tcp://host:port');
    expect(summary('DEP-SCHEME')).toBe('DEP-SCHEME (web needs api): validation.health_check "ftp://127.0.0.1/health" has an unknown check type "ftp"; use http://, https:// or tcp://host:port');
    expect(summary('DEP-KEY')).toBe(
      'DEP-KEY (web needs api): validation has an unknown key "helth_check"; did you mean "health_check"?; DEP-KEY (web needs api): validation.expected_status is set but there is no validation.health_check URL; add the URL or remove the status',
    );
    expect(summary('DEP-SHELL')).toContain('DEP-SHELL (web needs api): validation.command "make check && echo ok" cannot run without a shell: a background `&` or `&&` needs a shell');
    expect(summary('DEP-MCP')).toContain('has an unknown transport "ws"');
    // A record Concord cannot read at all (an unknown dependency type) is reported, and fails the report.
    expect(report.checks.find((c) => c.id === 'DEP-TYPE')).toBeUndefined();
    expect(report.invalid).toEqual([{ id: 'DEP-TYPE', problems: [expect.stringContaining('type: ')] }]);
    expect(report.invalid[0]!.problems[0]).toContain('runtiem');
    expect(report.ok).toBe(false);
  });

  it('are refused when a dependency is created or updated, and nothing is written', async () => {
    const { ws, file } = ecosystemWithRepos({ web: {}, api: {} }, [{ id: 'DEP-1', consumer: 'web', provider: 'api', validation: { command: 'true' } }]);
    const before = fs.readFileSync(file, 'utf8');
    const refused = async (fn: () => Promise<unknown>) => fn().then(() => undefined, (e: ConcordError) => e);
    const created = await refused(() => createDependency(ws, { consumer: 'web', provider: 'api', validation: { health_check: 'localhost:8080' } }));
    expect(created).toMatchObject({ code: 'INVALID_INPUT' });
    expect(created!.message).toMatch(/^DEP-\w+ \(web needs api\): validation\.health_check "localhost:8080" has an unknown check type "localhost"/);
    const updated = await refused(() => updateDependency(ws, 'DEP-1', { validation: { command: 'true', expected_pattern: '[' } }));
    expect(updated).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('DEP-1 (web needs api): validation.expected_pattern "[" is not a valid regular expression') });
    expect(fs.readFileSync(file, 'utf8')).toBe(before);
    await updateDependency(ws, 'DEP-1', { validation: { command: 'true', expected_pattern: '^ok$', timeout_ms: 2000 } });
    expect(fs.readFileSync(file, 'utf8')).toContain("expected_pattern: ^ok$");
  });
});

describe('timed-out probes', () => {
  it('kill the whole process tree of a command, or of an MCP server that never answers, and report a timeout', async () => {
    const dir = tempDir();
    const [commandPid, serverPid] = [path.join(dir, 'command.pid'), path.join(dir, 'server.pid')];
    // The deadline leaves a slow, busy machine the time to start node and write the pid files.
    const { ws } = ecosystemWithRepos({ web: {}, api: {} }, [
      { id: 'DEP-HANG', consumer: 'web', provider: 'api', validation: { command: `${node} ${JSON.stringify(path.join(WORKERS, 'spawn-and-hang.mjs'))} ${JSON.stringify(commandPid)}`, timeout_ms: 4000 } },
      { id: 'DEP-MUTE', consumer: 'web', provider: 'api', type: 'mcp', validation: { mcp: `${node} ${JSON.stringify(path.join(WORKERS, 'mcp-server.mjs'))} --mute --child --pid-file=${serverPid}`, timeout_ms: 4000 } },
    ]);
    const report = await checkDependencies(ws, {});
    expect(report.checks).toMatchObject([
      { id: 'DEP-HANG', outcome: 'failed', status: 'failed', probes: [{ kind: 'command', timed_out: true }] },
      { id: 'DEP-MUTE', outcome: 'failed', probes: [{ kind: 'mcp', timed_out: true }] },
    ]);
    for (const file of [commandPid, serverPid]) {
      const pid = Number(fs.readFileSync(file, 'utf8'));
      await expect.poll(() => alive(pid), { timeout: 10_000 }).toBe(false);
    }
  });
});
