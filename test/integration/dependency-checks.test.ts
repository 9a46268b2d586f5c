// Dependency checks against real parts: local HTTP/TCP/MCP servers, real commands, real repos with
// manifests, lockfiles and git tags. Each dependency exercises one way a check can go.
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { checkDependencies, type CheckReport } from '../../src/app/checks/index.js';
import type { DependencyCheck } from '../../src/core/checks/result.js';
import { ecosystemWithRepos } from '../helpers/repos.js';
import { closedPort, startHttpFixture, startMcpHttpServer, startTcpListener } from '../helpers/servers.js';

const WORKERS = path.resolve(import.meta.dirname, 'workers');
const MCP_SERVER = path.join(WORKERS, 'mcp-server.mjs');
const node = JSON.stringify(process.execPath);

let report: CheckReport;
const check = (id: string): DependencyCheck => {
  const found = report.checks.find((c) => c.id === id);
  if (!found) throw new Error(`no check of ${id} in the report`);
  return found;
};
const probe = (id: string, kind: string) => check(id).probes.find((p) => p.kind === kind)!;

beforeAll(async () => {
  const httpFixture = await startHttpFixture();
  const tcp = await startTcpListener();
  const closed = await closedPort();
  const mcpUrl = await startMcpHttpServer();
  const dep = (id: string, consumer: string, provider: string, fields: Record<string, unknown> = {}) => ({ id, consumer, provider, status: 'unknown', ...fields });
  const { ws } = ecosystemWithRepos(
    {
      sdk: { files: { 'package.json': { name: '@acme/sdk', version: '2.3.0' } } },
      web: {
        files: {
          'package.json': { name: 'web', version: '1.0.0', dependencies: { '@acme/sdk': '^2.1.0' } },
          'package-lock.json': { name: 'web', lockfileVersion: 3, packages: { '': { name: 'web' }, 'node_modules/@acme/sdk': { version: '2.3.0' } } },
        },
      },
      oldweb: {
        files: {
          'package.json': { name: 'oldweb', dependencies: { '@acme/sdk': '^1.0.0' } },
          'package-lock.json': { lockfileVersion: 3, packages: { 'node_modules/@acme/sdk': { version: '1.9.0' } } },
        },
      },
      yarnweb: {
        files: {
          'package.json': { name: 'yarnweb', dependencies: { '@acme/sdk': '^1.0.0' } },
          'yarn.lock': '# yarn lockfile v1\n\n\n"@acme/sdk@^1.0.0":\n  version "1.9.0"\n',
        },
      },
      oneiric: { files: { 'pyproject.toml': '[project]\nname = "Oneiric"\nversion = "0.2.1"\n' } },
      fastblocks: {
        files: {
          'pyproject.toml': '[project]\nname = "fastblocks"\nversion = "1.0.0"\ndependencies = ["oneiric>=0.2,<1 ; python_version > \\"3.8\\""]\n',
          'uv.lock': 'version = 1\n\n[[package]]\nname = "oneiric"\nversion = "0.2.1"\n',
        },
      },
      engine: { files: { 'Cargo.toml': '[package]\nname = "engine"\nversion = "1.4.0"\n' } },
      cli: {
        files: {
          'Cargo.toml': '[package]\nname = "cli"\nversion = "0.1.0"\n\n[dependencies]\nengine = "1.2"\n',
          'Cargo.lock': 'version = 3\n\n[[package]]\nname = "engine"\nversion = "1.4.0"\n',
        },
      },
      tagged: { tags: ['v0.9.0', 'v1.10.0', 'v1.2.0', 'nightly'] },
      'session-buddy': {},
      services: {},
      ghost: { catalog: { path: './not-cloned-here' } },
    },
    [
      dep('DEP-NPM', 'web', 'sdk', { version_constraint: '>=2.1.0' }),
      dep('DEP-NPM-LOCK', 'oldweb', 'sdk', { version_constraint: '>=2.1.0' }),
      dep('DEP-YARN-LOCK', 'yarnweb', 'sdk', { version_constraint: '>=2.1.0' }),
      dep('DEP-PY', 'fastblocks', 'oneiric', {
        version_constraint: '>=0.2.0',
        validation: { command: `${node} -e "console.log('Name: oneiric'); console.log('Version: 0.2.1')" | grep Version`, expected_pattern: '^Version: 0\\.2\\.' },
      }),
      dep('DEP-PY-PATTERN', 'fastblocks', 'oneiric', { validation: { command: `${node} -e "console.log('Version: 0.1.9')"`, expected_pattern: '^Version: 0\\.2\\.' } }),
      dep('DEP-CARGO', 'cli', 'engine', { version_constraint: '1.2' }),
      dep('DEP-CARGO-OLD', 'cli', 'engine', { version_constraint: '>=2, <3' }),
      dep('DEP-TAG', 'web', 'tagged', { version_constraint: '>=1.5.0' }),
      dep('DEP-HTTP', 'web', 'services', { validation: { health_check: httpFixture.url('/ok'), expected_status: 200 } }),
      dep('DEP-SLOW', 'web', 'services', { validation: { health_check: httpFixture.url('/slow') } }),
      dep('DEP-WRONG', 'web', 'services', { validation: { health_check: httpFixture.url('/wrong'), expected_status: 200 } }),
      dep('DEP-HANG', 'web', 'services', { status: 'satisfied', validation: { health_check: httpFixture.url('/hang'), timeout_ms: 800 } }),
      dep('DEP-TCP', 'web', 'services', { validation: { health_check: `tcp://127.0.0.1:${tcp}` } }),
      dep('DEP-CLOSED', 'web', 'services', { validation: { health_check: `tcp://127.0.0.1:${closed}` } }),
      dep('DEP-MCP-STDIO', 'web', 'session-buddy', { type: 'mcp', version_constraint: '>=0.3.0', validation: { mcp: `${node} ${JSON.stringify(MCP_SERVER)} session-buddy 0.3.1` } }),
      dep('DEP-MCP-HTTP', 'web', 'services', { type: 'mcp', validation: { mcp: mcpUrl } }),
      dep('DEP-MCP-CRASH', 'web', 'session-buddy', { type: 'mcp', validation: { mcp: `${node} ${JSON.stringify(MCP_SERVER)} --crash` } }),
      dep('DEP-MCP-404', 'web', 'services', { type: 'mcp', validation: { mcp: httpFixture.url('/nothing-here') } }),
      dep('DEP-EXIT', 'web', 'services', { validation: { command: `${node} -e "process.exit(2)"` } }),
      dep('DEP-MISSING-CMD', 'web', 'services', { status: 'satisfied', validation: { command: 'concord-no-such-command --version' } }),
      dep('DEP-NOTHING', 'web', 'services', { status: 'satisfied' }),
      dep('DEP-UNCLONED', 'services', 'ghost', { status: 'satisfied', version_constraint: '>=1.0.0' }),
      dep('DEP-BAD-RANGE', 'web', 'sdk', { status: 'satisfied', version_constraint: 'newest please' }),
      dep('DEP-BOTH', 'web', 'sdk', { version_constraint: '>=2.0.0', validation: { health_check: httpFixture.url('/wrong') } }),
    ],
  );
  report = await checkDependencies(ws, {});
}, 60_000);

describe('dependency checks against real parts', () => {
  it('reads npm versions from package.json and package-lock.json and compares them with semver', () => {
    expect(check('DEP-NPM')).toMatchObject({ outcome: 'satisfied', status: 'satisfied', status_changed: true });
    expect(probe('DEP-NPM', 'version').versions).toEqual({
      constraint: '>=2.1.0',
      provider: { version: '2.3.0', source: 'package.json', scheme: 'semver', package: '@acme/sdk', satisfies: true },
      consumer: { package: '@acme/sdk', scheme: 'semver', declared: '^2.1.0', manifest: 'package.json', locked: '2.3.0', lockfile: 'package-lock.json', satisfies: true },
    });
  });

  it('is unsatisfied when the consumer locks a version outside the constraint, whatever the provider is at', () => {
    expect(check('DEP-NPM-LOCK').outcome).toBe('unsatisfied');
    expect(check('DEP-NPM-LOCK').summary).toContain('oldweb locks @acme/sdk 1.9.0 (package-lock.json), outside >=2.1.0');
    expect(probe('DEP-NPM-LOCK', 'version').versions?.provider?.satisfies).toBe(true);
    // The same from a yarn.lock (pnpm-lock.yaml too: test/integration/lockfiles.test.ts).
    expect(check('DEP-YARN-LOCK').outcome).toBe('unsatisfied');
    expect(check('DEP-YARN-LOCK').summary).toContain('yarnweb locks @acme/sdk 1.9.0 (yarn.lock), outside >=2.1.0');
  });

  it('runs a piped command without a shell and matches its output; reads PEP 440 versions from pyproject.toml and uv.lock', () => {
    expect(check('DEP-PY').outcome).toBe('satisfied');
    expect(probe('DEP-PY', 'command')).toMatchObject({ outcome: 'satisfied', exit_code: 0, output: 'Version: 0.2.1' });
    expect(probe('DEP-PY', 'version').versions).toMatchObject({
      provider: { version: '0.2.1', source: 'pyproject.toml', scheme: 'pep440', package: 'oneiric', satisfies: true },
      consumer: { package: 'oneiric', scheme: 'pep440', declared: '>=0.2,<1', locked: '0.2.1', lockfile: 'uv.lock', satisfies: true },
    });
  });

  it('is unsatisfied when the output does not match the expected pattern', () => {
    expect(check('DEP-PY-PATTERN')).toMatchObject({ outcome: 'unsatisfied' });
    expect(check('DEP-PY-PATTERN').summary).toBe('output "Version: 0.1.9" does not match /^Version: 0\\.2\\./');
  });

  it('reads Cargo requirements the Cargo way (a bare version is a caret range)', () => {
    expect(check('DEP-CARGO').outcome).toBe('satisfied');
    expect(probe('DEP-CARGO', 'version').versions).toMatchObject({ provider: { version: '1.4.0', source: 'Cargo.toml', scheme: 'cargo' }, consumer: { locked: '1.4.0', lockfile: 'Cargo.lock' } });
    expect(check('DEP-CARGO-OLD').outcome).toBe('unsatisfied');
    expect(check('DEP-CARGO-OLD').summary).toContain('engine is 1.4.0 (Cargo.toml), outside >=2, <3');
  });

  it('takes the newest git tag by version order, not by text', () => {
    expect(check('DEP-TAG').outcome).toBe('satisfied');
    expect(probe('DEP-TAG', 'version').versions?.provider).toMatchObject({ version: '1.10.0', source: 'git tag v1.10.0' });
  });

  it('records status and latency of HTTP health checks', () => {
    expect(check('DEP-HTTP')).toMatchObject({ outcome: 'satisfied', latency_ms: expect.any(Number) });
    expect(probe('DEP-HTTP', 'http')).toMatchObject({ http_status: 200 });
    expect(check('DEP-SLOW').outcome).toBe('satisfied');
    expect(check('DEP-WRONG')).toMatchObject({ outcome: 'unsatisfied', status: 'unsatisfied' });
    expect(probe('DEP-WRONG', 'http')).toMatchObject({ http_status: 503 });
    expect(check('DEP-WRONG').summary).toMatch(/^HTTP 503, expected 200 from http:\/\/127\.0\.0\.1:\d+\/wrong/);
  });

  it('reports a hanging endpoint as a timeout (failed), never as satisfied, and the rest of the report is complete', () => {
    expect(check('DEP-HANG')).toMatchObject({ outcome: 'failed', status: 'failed', status_changed: true });
    expect(probe('DEP-HANG', 'http')).toMatchObject({ timed_out: true, outcome: 'failed' });
    expect(report.checks).toHaveLength(24);
  });

  it('checks that a TCP port accepts connections', () => {
    expect(check('DEP-TCP').outcome).toBe('satisfied');
    expect(check('DEP-CLOSED')).toMatchObject({ outcome: 'unsatisfied' });
    expect(check('DEP-CLOSED').summary).toMatch(/^connection refused: nothing listens at tcp:\/\/127\.0\.0\.1:\d+$/);
  });

  it('shakes hands with a real MCP server on stdio and records its name, version and tools', () => {
    expect(check('DEP-MCP-STDIO').outcome).toBe('satisfied');
    expect(probe('DEP-MCP-STDIO', 'mcp').server).toEqual({ name: 'session-buddy', version: '0.3.1', tools: 3 });
    // The provider repo has no manifest: the version the server reports is compared with the constraint.
    expect(probe('DEP-MCP-STDIO', 'version').versions?.provider).toMatchObject({ version: '0.3.1', source: 'MCP handshake', satisfies: true });
  });

  it('shakes hands with a real MCP server over Streamable HTTP', () => {
    expect(check('DEP-MCP-HTTP').outcome).toBe('satisfied');
    expect(probe('DEP-MCP-HTTP', 'mcp').server).toEqual({ name: 'fixture-mcp', version: '2.4.1', tools: 2 });
  });

  it('is unsatisfied when the MCP server dies before the handshake or the URL is not an MCP endpoint', () => {
    expect(check('DEP-MCP-CRASH').outcome).toBe('unsatisfied');
    expect(check('DEP-MCP-CRASH').summary).toContain('exited with 3 before completing the handshake: fixture: cannot open the database');
    expect(check('DEP-MCP-404').outcome).toBe('unsatisfied');
    expect(check('DEP-MCP-404').summary).toContain('answered HTTP 404');
  });

  it('tells a command that fails (unsatisfied) from one that cannot run (failed)', () => {
    expect(check('DEP-EXIT')).toMatchObject({ outcome: 'unsatisfied', summary: expect.stringMatching(/exited with 2$/) });
    expect(check('DEP-MISSING-CMD')).toMatchObject({ outcome: 'failed', status: 'failed', summary: 'command not found: concord-no-such-command' });
  });

  it('leaves the status alone when there is nothing to check, and says so', () => {
    expect(check('DEP-NOTHING')).toMatchObject({ outcome: 'unknown', status: 'satisfied', status_changed: false, probes: [] });
    expect(check('DEP-NOTHING').summary).toContain('has nothing to check');
  });

  it('says unknown, without touching the status, when the provider is not cloned on this machine', () => {
    expect(check('DEP-UNCLONED')).toMatchObject({ outcome: 'unknown', status: 'satisfied', status_changed: false });
    expect(check('DEP-UNCLONED').summary).toMatch(/^no version of ghost to compare with >=1\.0\.0 .*: the folder of repo ghost \(.*not-cloned-here\) does not exist$/);
  });

  it('fails a constraint the library cannot read, naming the dependency', () => {
    expect(check('DEP-BAD-RANGE')).toMatchObject({ outcome: 'failed', status: 'failed', summary: 'DEP-BAD-RANGE: version_constraint "newest please" is not a valid semver (npm) range; fix the constraint' });
  });

  it('never reports satisfied when one probe failed, even if another passed', () => {
    expect(probe('DEP-BOTH', 'version').outcome).toBe('satisfied');
    expect(check('DEP-BOTH').outcome).toBe('unsatisfied');
  });

  it('counts the outcomes and fails the report', () => {
    expect(report.ok).toBe(false);
    expect(report.counts).toEqual({ satisfied: 9, unsatisfied: 10, unknown: 2, failed: 3 });
    expect(report.invalid).toEqual([]);
  });
});
