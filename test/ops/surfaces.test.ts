// The manifest walked surface by surface: every operation has its HTTP route and its CLI command, and every
// CLI command is an operation or says why it is not (src/ops/cli-only.ts).
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { OPERATIONS as HINTED } from '../../src/core/hints.js';
import { CLI_ONLY } from '../../src/ops/cli-only.js';
import { OPERATIONS } from '../../src/ops/index.js';
import { routeOf } from '../../src/ops/operation.js';
import { SMALL } from '../helpers/fixtures.js';
import { inProcessApi } from '../helpers/http.js';
import { ecosystemDir } from '../helpers/temp.js';

async function cli(args: string[], cwd: string): Promise<{ code: number; stdout: string }> {
  let stdout = '';
  const sink = (write: (s: string) => void) => ({ write: (s: string) => (write(s), true) }) as unknown as NodeJS.WritableStream;
  const code = await runCli(args, { stdout: sink((s) => (stdout += s)), stderr: sink(() => undefined), env: {}, cwd });
  return { code, stdout };
}

describe('every operation on every surface', () => {
  it('has an HTTP route (the router knows its method and path)', async () => {
    const api = inProcessApi(SMALL);
    const missing: string[] = [];
    for (const op of OPERATIONS) {
      const { method, path } = routeOf(op);
      const r = await api.request(path.replace(/\{\w+\}/g, 'X'), { method, ...(method === 'GET' || method === 'DELETE' ? {} : { body: {} }) });
      const code = ((await r.json()) as { error?: { code: string } }).error?.code;
      if (code === 'NOT_FOUND' || code === 'METHOD_NOT_ALLOWED') missing.push(`${op.id}: ${method} ${path}`);
    }
    expect(missing).toEqual([]);
  });

  it('has its CLI command, and every CLI command is an operation or is listed in CLI_ONLY with its reason', async () => {
    const { dir } = ecosystemDir(SMALL);
    const { code, stdout } = await cli(['help', '--json'], dir);
    expect(code).toBe(0);
    const commands = new Set((JSON.parse(stdout) as { command: string }[]).map((c) => c.command));
    const ofOperations = new Set(OPERATIONS.flatMap((op) => [op.cli.command, ...(op.cli.also ?? [])]));
    expect([...ofOperations].filter((c) => !commands.has(c)), 'operations whose CLI command does not exist').toEqual([]);
    const stray = [...commands].filter((c) => !ofOperations.has(c) && !(c in CLI_ONLY));
    expect(stray, 'CLI commands that are no operation: declare one in src/ops (AGENTS.md, "Add an operation"), or list the command in src/ops/cli-only.ts with why it is CLI-only').toEqual([]);
    expect(Object.keys(CLI_ONLY).filter((c) => !commands.has(c)), 'CLI_ONLY names commands that do not exist').toEqual([]);
  });

  it('has a unique id, route, command and MCP tool name', () => {
    const dupes = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) !== i);
    expect(dupes(OPERATIONS.map((o) => o.id))).toEqual([]);
    expect(dupes(OPERATIONS.map((o) => o.http))).toEqual([]);
    expect(dupes(OPERATIONS.map((o) => o.cli.command))).toEqual([]);
    // Operations share a tool only by kind (coord_delete: todo, issue, plan, dependency), each kind once.
    expect(dupes(OPERATIONS.flatMap((o) => (o.mcp ? [o.mcp.kind ? `${o.mcp.tool} ${o.mcp.kind}` : o.mcp.tool] : [])))).toEqual([]);
    const shared = OPERATIONS.filter((o) => o.mcp?.kind).map((o) => o.mcp!.tool);
    expect(OPERATIONS.filter((o) => o.mcp && !o.mcp.kind && shared.includes(o.mcp.tool)).map((o) => o.id)).toEqual([]);
    for (const op of OPERATIONS) for (const p of routeOf(op).params) expect(Object.keys(op.input.shape), `${op.id}: {${p}} of its route`).toContain(p);
  });

  it('knows every operation a hint refers to (core/hints.ts), so each surface can spell it', () => {
    const ids = new Set(OPERATIONS.map((o) => o.id));
    // A hint may also name a command that is CLI-only (it is spelt as that command on every surface).
    expect(HINTED.filter((id) => !ids.has(id) && !(id.replace(/\./g, ' ') in CLI_ONLY))).toEqual([]);
  });
});
