// Every operation of the manifest is an MCP tool: the hand-written ones, and one made from the manifest for
// each other operation (`--tools all`; the default set stays in its token budget). A made tool answers what
// HTTP answers for the same input, and an operation's failure is its error result.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OPERATIONS } from '../../src/ops/index.js';
import { routeOf } from '../../src/ops/operation.js';
import { TOOLS } from '../../src/mcp/registry.js';
import { SMALL } from '../helpers/fixtures.js';
import { inProcessApi } from '../helpers/http.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { fakeClock, scheduledWorkspace } from '../helpers/scheduler.js';

const node = (code: string) => `["${process.execPath}", "-e", ${JSON.stringify(code)}]`;
const written = new Set(TOOLS.map((t) => t.name));
const required = (op: (typeof OPERATIONS)[number]) => Object.entries(op.input.shape as Record<string, z.ZodType>).filter(([, s]) => !s.safeParse(undefined).success);

describe('the operations as MCP tools', () => {
  it('--tools all lists a tool for every operation of the manifest, beyond the default set', async () => {
    const api = inProcessApi(SMALL);
    const all = await memoryClient(api.file, { ws: api.ws, tools: 'all' });
    const full = await memoryClient(api.file, { ws: api.ws });
    try {
      const listed = new Set((await all.listTools()).tools.map((t) => t.name));
      expect(OPERATIONS.map((op) => op.mcp.tool).filter((t) => !listed.has(t))).toEqual([]);
      const defaults = (await full.listTools()).tools.map((t) => t.name);
      expect(defaults.every((t) => listed.has(t))).toBe(true);
      expect(defaults).not.toContain('coord_trigger_job');
    } finally {
      await all.close();
      await full.close();
    }
  });

  it('a made tool answers what HTTP answers, for every read that needs no argument', async () => {
    // One clock for both (a job's next fire is computed from it).
    const at = new Date('2026-12-02T10:00:00Z');
    const api = inProcessApi(SMALL, {}, { now: () => at });
    const client = await memoryClient(api.file, { ws: api.ws, tools: 'all' });
    const compared: string[] = [];
    try {
      for (const op of OPERATIONS.filter((o) => o.effect === 'read' && !written.has(o.mcp.tool) && required(o).length === 0)) {
        const { path } = routeOf(op);
        const http = await api.json(path);
        expect(http.status, `${op.id} over HTTP`).toBe(200);
        const mcp = await call(client, op.mcp.tool);
        expect(mcp.ok, `${op.mcp.tool}: ${JSON.stringify(mcp.value)}`).toBe(true);
        expect(Array.isArray(http.body) ? mcp.value['items'] : mcp.value, op.id).toEqual(http.body);
        compared.push(op.id);
      }
    } finally {
      await client.close();
    }
    // The comparison ran over the reads it is meant for (lint, roadmap, milestones, stale work, jobs...).
    expect(compared).toEqual(expect.arrayContaining(['lint', 'todo.stale', 'todo.blocked', 'milestone.list', 'job.list', 'activity.list', 'hook.list']));
  });

  it('coord_trigger_job runs a job now and wakes the scheduler; a failed run is an error result JOB_FAILED with the run in its data', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: hello\n    interval: 1h\n    command: ${node("console.log('hi from the job')")}\n  - name: broken\n    interval: 1h\n    command: ${node('process.exit(3)')}\n`, clock);
    const wakes: number[] = [];
    const client = await memoryClient(ws.file, { ws: ws.as('agent', 'mcp'), tools: 'all', wake: () => wakes.push(1) });
    try {
      const ok = await call(client, 'coord_trigger_job', { name: 'hello' });
      expect(ok).toMatchObject({ ok: true, value: { kind: 'job', name: 'hello', status: 'succeeded', outcome: { output: expect.stringContaining('hi from the job') } } });
      expect(wakes).toHaveLength(1);
      const failed = await call(client, 'coord_trigger_job', { name: 'broken' });
      expect(failed).toMatchObject({ ok: false, value: { error: { code: 'JOB_FAILED', data: { status: 'failed' } } } });
      const missing = await call(client, 'coord_trigger_job', { name: 'nope' });
      expect(missing).toMatchObject({ ok: false, value: { error: { code: 'JOB_NOT_FOUND' } } });
    } finally {
      await client.close();
      ws.close();
    }
  });
});
