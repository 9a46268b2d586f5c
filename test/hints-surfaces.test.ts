// Errors and hints over MCP and HTTP name tools and routes, never the CLI's syntax (`concord run retry`,
// `--plan`): every hint and error message written outside the CLI is checked in the source, and the errors
// of the run family, sweeps, hook deliveries, history and edits are provoked over both surfaces and read.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { cliSyntax } from './helpers/cli-syntax.js';
import { SMALL } from './helpers/fixtures.js';
import { inProcessApi } from './helpers/http.js';
import { call, memoryClient } from './helpers/mcp.js';

/** Files whose errors only the CLI meets, and why (they are raised before or outside any server). */
const CLI_ONLY_FILES: Record<string, string> = {
  'src/app/init/index.ts': '`concord init` (src/ops/cli-only.ts)',
  'src/app/import/index.ts': '`concord import` (src/ops/cli-only.ts)',
  'src/app/import/export.ts': '`concord export` (src/ops/cli-only.ts)',
  'src/hooks/fire-test.ts': '`concord hooks test` (src/ops/cli-only.ts)',
  'src/http/server.ts': '`concord serve` failing to listen, before it serves anything',
  'src/fleet/coordinator.ts': '`concord serve --database-url` / `concord worker` starting up',
  'src/app/workspace.ts': 'no ecosystem.yaml to open: a command starting, before any server serves',
  'src/store/file.ts': 'no ecosystem.yaml to open: a command starting, before any server serves',
};

function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) return sources(p);
    return p.endsWith('.ts') && !p.endsWith('.test.ts') ? [p] : [];
  });
}

const root = path.resolve(import.meta.dirname, '..');

describe('errors and hints on MCP and HTTP', () => {
  it('the detector finds CLI syntax and lets tools, routes and the shell command of a process through', () => {
    expect(cliSyntax('resume it instead: concord run resume RUN-1')).toEqual(['concord run']);
    expect(cliSyntax('start one: `concord sweep --plan PLAN-1`')).toEqual(['`concord sweep', '--plan']);
    expect(cliSyntax('pass --force')).toEqual(['--force']);
    expect(cliSyntax('start one: coord_sweep_plan with {"plan":"PLAN-1"}; POST /api/runs/RUN-1/retry; the shell command `concord worker`; a-b --> c; x--y')).toEqual([]);
  });

  it('are written without CLI syntax in every source file a server runs (hints name operations: src/core/hints.ts)', () => {
    const found: string[] = [];
    for (const file of sources(path.join(root, 'src'))) {
      const rel = path.relative(root, file).split(path.sep).join('/');
      if (/^src\/(cli|bench)\//.test(rel) || rel in CLI_ONLY_FILES) continue;
      fs.readFileSync(file, 'utf8')
        .split('\n')
        .forEach((line, i) => {
          if (!/ConcordError\(|hint:|fix:/.test(line)) return;
          for (const literal of line.match(/'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|`(?:[^`\\]|\\.|\$\{[^}]*\})*`/g) ?? []) {
            if (cliSyntax(literal).length) found.push(`${rel}:${i + 1}: ${literal}`);
          }
        });
    }
    expect(found).toEqual([]);
    // The allowed files exist (a moved file must not leave its errors unchecked).
    for (const rel of Object.keys(CLI_ONLY_FILES)) expect(fs.existsSync(path.join(root, rel)), rel).toBe(true);
  });

  it('name tools over MCP and routes over HTTP for the errors of runs, sweeps, deliveries, history and edits', async () => {
    const api = inProcessApi(SMALL);
    const mcp = await memoryClient(api.file, { ws: api.ws, tools: 'all' });
    const seen: { surface: string; code: string; text: string }[] = [];
    const overMcp = async (tool: string, args: Record<string, unknown>, code: string) => {
      const r = await call(mcp, tool, args);
      expect(r.ok, `${tool}: ${JSON.stringify(r.value)}`).toBe(false);
      const error = r.value['error'] as { code: string; message: string; hint?: string };
      expect(error.code, tool).toBe(code);
      seen.push({ surface: 'mcp', code, text: `${error.message}\n${error.hint ?? ''}` });
      return error;
    };
    const overHttp = async (url: string, init: { method?: string; body?: unknown }, code: string) => {
      const r = await api.json(url, init);
      expect(r.status, `${url}: ${JSON.stringify(r.body)}`).toBeGreaterThanOrEqual(400);
      const error = r.body.error as { code: string; message: string; hint?: string };
      expect(error.code, url).toBe(code);
      seen.push({ surface: 'http', code, text: `${error.message}\n${error.hint ?? ''}` });
      return error;
    };
    try {
      // A blocked todo is not run: its blockers first, a sweep runs a plan in order.
      expect((await overMcp('coord_execute_todo', { todo: 'TODO-4' }, 'TODO_BLOCKED')).hint).toBe('run its blockers first (coord_sweep_plan runs a plan in order)');
      expect((await overHttp('/api/todos/TODO-4/execute', { method: 'POST', body: {} }, 'TODO_BLOCKED')).hint).toBe('run its blockers first (POST /api/plans/{plan}/sweep runs a plan in order)');

      // A sweep to resume that never started: start one.
      expect((await overMcp('coord_sweep_plan', { plan: 'PLAN-1', resume: true }, 'INVALID_INPUT')).hint).toBe('start one: coord_sweep_plan with {"plan":"PLAN-1"}');
      expect((await overHttp('/api/plans/PLAN-1/sweep', { method: 'POST', body: { resume: true } }, 'INVALID_INPUT')).hint).toBe('start one: POST /api/plans/PLAN-1/sweep');

      // A run retried while queued, resumed once cancelled: a retry makes a new run.
      const queued = await call(mcp, 'coord_execute_todo', { todo: 'TODO-2' });
      expect(queued.ok, JSON.stringify(queued.value)).toBe(true);
      const run = (queued.value['run'] as { id: string }).id;
      expect((await overHttp(`/api/runs/${run}/retry`, { method: 'POST', body: {} }, 'INVALID_TRANSITION')).hint).toBe('wait for it to end, or cancel it first');
      expect((await call(mcp, 'coord_cancel_run', { id: run })).value).toMatchObject({ cancelled: true });
      expect((await overHttp(`/api/runs/${run}/resume`, { method: 'POST', body: {} }, 'INVALID_TRANSITION')).hint).toBe(`cancelled is final: POST /api/runs/${run}/retry makes a new run`);

      // Deliveries that do not exist: list them.
      expect((await overMcp('coord_replay_deliveries', { ids: [4242] }, 'DELIVERY_NOT_FOUND')).hint).toBe('list them with coord_list_deliveries (tool set all)');
      expect((await overHttp('/api/hooks/deliveries/replay', { method: 'POST', body: { ids: [4242] } }, 'DELIVERY_NOT_FOUND')).hint).toBe('list them with GET /api/hooks/deliveries');

      // A type pattern the history cannot match: the argument by its name.
      expect((await overMcp('coord_get_history', { type: ['todo:created:x'] }, 'INVALID_INPUT')).message).toMatch(/^type: /);
      expect((await overHttp('/api/history?type=todo:created:x', {}, 'INVALID_INPUT')).message).toMatch(/^type: /);

      // An edit of a file with a merge conflict: resolve it, then lint.
      fs.writeFileSync(api.file, fs.readFileSync(api.file, 'utf8').replace('    - id: TODO-5\n', '<<<<<<< HEAD\n    - id: TODO-5\n=======\n    - id: TODO-6\n>>>>>>> other\n'));
      expect((await overMcp('coord_update_todo', { id: 'TODO-3', priority: 'low' }, 'MERGE_CONFLICT')).hint).toMatch(/then run coord_lint \(tool set all\) \(it lists every conflict\)$/);
      expect((await overHttp('/api/todos/TODO-3', { method: 'PATCH', body: { priority: 'low' } }, 'MERGE_CONFLICT')).hint).toMatch(/then run GET \/api\/lint \(it lists every conflict\)$/);
    } finally {
      await mcp.close();
      await api.close();
    }
    expect(seen).toHaveLength(12);
    for (const s of seen) expect(cliSyntax(s.text), `${s.surface} ${s.code}: ${s.text}`).toEqual([]);
  });
});
