// The scheduler's errors name what to do next in each surface's terms: commands on the command line, tools
// over MCP, routes over HTTP (core/hints.ts), never the CLI's syntax everywhere.
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/program.js';
import { createHttpApp } from '../../src/http/app.js';
import type { Answer } from '../helpers/http.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { fakeClock, scheduledWorkspace } from '../helpers/scheduler.js';

const node = (code: string) => `["${process.execPath}", "-e", ${JSON.stringify(code)}]`;

async function cli(args: string[], cwd: string): Promise<{ code: number; stderr: string }> {
  let stderr = '';
  const sink = (write: (s: string) => void) => ({ write: (s: string) => (write(s), true) }) as unknown as NodeJS.WritableStream;
  const code = await runCli(args, { stdout: sink(() => undefined), stderr: sink((s) => (stderr += s)), env: { PATH: process.env['PATH'] ?? '' }, cwd });
  return { code, stderr };
}

describe('hints of the scheduler', () => {
  it('an open breaker, a failed run and an unknown job: commands on the CLI, tools over MCP, routes over HTTP', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws, dir } = scheduledWorkspace(`jobs:\n  - name: broken\n    interval: 1h\n    breaker: 1\n    command: ${node('process.exit(3)')}\n`, clock);
    const http = createHttpApp(ws.as('tester', 'http'), { token: undefined, allowedOrigins: [], allowedHosts: [] });
    const post = async (path: string): Promise<Answer> => (await (await http.app.request(path, { method: 'POST' })).json()) as Answer;
    const mcp = await memoryClient(ws.file, { ws: ws.as('agent', 'mcp'), tools: 'all' });
    try {
      // The first run fails (JOB_FAILED) and opens the breaker (breaker: 1).
      expect((await post('/api/trigger/broken')).error).toMatchObject({ code: 'JOB_FAILED', hint: 'see GET /api/jobs/broken' });
      expect((await post('/api/trigger/broken')).error).toMatchObject({ code: 'BREAKER_OPEN', hint: 'reset it with POST /api/jobs/broken/reset, or run it anyway with force: true' });
      expect((await call(mcp, 'coord_trigger_job', { name: 'broken' })).value['error']).toMatchObject({ code: 'BREAKER_OPEN', hint: 'reset it with coord_reset_job (tool set all) with {"name":"broken"}, or run it anyway with force: true' });
      const refused = await cli(['job', 'trigger', 'broken'], dir);
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain('reset it with `concord job reset broken`, or run it anyway with --force');
      const failed = await cli(['job', 'trigger', 'broken', '--force'], dir);
      expect(failed.stderr).toContain('see `concord job show broken`');

      expect((await post('/api/trigger/nope')).error.hint).toBe('jobs are listed by GET /api/jobs (jobs: in concord.yaml)');
      expect((await call(mcp, 'coord_trigger_job', { name: 'nope' })).value['error']).toMatchObject({ hint: 'jobs are listed by coord_list_jobs (tool set all) (jobs: in concord.yaml)' });
      expect((await cli(['job', 'show', 'nope'], dir)).stderr).toContain('jobs are listed by `concord job list`');
      expect((await post('/api/hooks/in/nothing')).error).toMatchObject({ code: 'ACTIVITY_NOT_FOUND', hint: 'see GET /api/activities; enable it with POST /api/activities/{name}/enable' });
    } finally {
      await mcp.close();
      await http.close();
      ws.close();
    }
  });
});
