import { describe, expect, it } from 'vitest';
import { planDependencyCheck } from './spec.js';

const dep = (fields: Record<string, unknown> = {}) => ({ id: 'DEP-1', consumer: 'web', provider: 'api', type: 'runtime' as const, ...fields });

describe('planDependencyCheck', () => {
  it('plans one probe per part of the validation, plus the version constraint', () => {
    const planned = planDependencyCheck(dep({ version_constraint: '>=1', validation: { command: 'pip show x | grep Version', expected_pattern: '^Version', cwd: 'provider', health_check: 'https://api.example.com/health', expected_status: 204, mcp: 'http://127.0.0.1:9/mcp', timeout_ms: 500 } }), 10_000);
    expect(planned).toEqual({
      ok: true,
      spec: {
        timeout_ms: 500,
        notes: [],
        probes: [
          { kind: 'command', command: 'pip show x | grep Version', stages: [['pip', 'show', 'x'], ['grep', 'Version']], pattern: '^Version', in: 'provider' },
          { kind: 'http', url: 'https://api.example.com/health', expected_status: 204 },
          { kind: 'mcp', target: 'http://127.0.0.1:9/mcp', url: 'http://127.0.0.1:9/mcp' },
          { kind: 'version', constraint: '>=1' },
        ],
      },
    });
    expect(planDependencyCheck(dep({ validation: { health_check: 'tcp://[::1]:5432' } }), 1)).toMatchObject({ ok: true, spec: { probes: [{ kind: 'tcp', host: '::1', port: 5432 }] } });
    expect(planDependencyCheck(dep({ type: 'mcp', validation: { mcp: 'npx -y server-x --stdio' } }), 1)).toMatchObject({ ok: true, spec: { probes: [{ kind: 'mcp', stages: [['npx', '-y', 'server-x', '--stdio']] }] } });
  });

  it('has nothing to probe without validation or constraint, and says so', () => {
    expect(planDependencyCheck(dep(), 1)).toEqual({ ok: true, spec: { probes: [], timeout_ms: 1, notes: ['DEP-1 has nothing to check: add a validation (command, health_check, mcp) or a version_constraint'] } });
    expect(planDependencyCheck(dep({ type: 'mcp', validation: { health_check: 'http://x/health' } }), 1)).toMatchObject({ ok: true, spec: { notes: [expect.stringContaining('without validation.mcp')] } });
  });

  it('collects every problem, each naming the dependency', () => {
    const planned = planDependencyCheck(dep({ validation: { command: 'ok', expected_pattern: '(', health_check: 'tcp://host', expected_status: 200, mcp: 'a | b', comand: 'x' } }), 1);
    expect(planned.ok).toBe(false);
    expect(!planned.ok && planned.problems).toEqual([
      'DEP-1 (web needs api): validation has an unknown key "comand"; did you mean "command"?',
      expect.stringMatching(/^DEP-1 \(web needs api\): validation\.expected_pattern "\(" is not a valid regular expression/),
      'DEP-1 (web needs api): validation.health_check "tcp://host" needs a host and a port: tcp://host:port',
      'DEP-1 (web needs api): validation.mcp "a | b" is a pipeline; an MCP server on stdio is one command',
    ]);
    expect(planDependencyCheck(dep({ validation: { expected_pattern: 'x' } }), 1)).toEqual({ ok: false, problems: ['DEP-1 (web needs api): validation.expected_pattern is set but there is no validation.command whose output it would match; add the command or remove the pattern'] });
    expect(planDependencyCheck(dep({ validation: { health_check: 'tcp://h:1', expected_status: 200 } }), 1)).toMatchObject({ ok: false, problems: [expect.stringContaining('expected_status applies to http(s) health checks')] });
  });
});
