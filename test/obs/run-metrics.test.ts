// Run metrics on /metrics: read from the run queue when scraped (workers are other processes), by pool and
// status, the queue depth, and the time, tokens and cost of ended runs; a pool with nothing left reads 0.
import { beforeAll, describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../src/core/runs/outcome.js';
import type { ClaimRequest, EnqueueRequest } from '../../src/core/runs/queue.js';
import { createHttpApp } from '../../src/http/app.js';
import { enableMetrics } from '../../src/obs/registry.js';
import { SMALL } from '../helpers/fixtures.js';
import { workspaceWith } from '../helpers/workspace.js';
import { parseExposition, sampleValue } from './exposition.js';

const GUARD = { token: undefined, allowedOrigins: [], allowedHosts: [] };
const now = new Date('2026-12-02T10:00:00Z');
const job = (todo: string, repo: string, pool: string): EnqueueRequest => ({ todo, repo, pool, executor: 'claude', requested_by: 'tester', capacity: 50 });
const claimer = (pool: string): ClaimRequest => ({ worker: 'w1', pools: [pool], selector: 'least_loaded', per_repo: 5, repo_limits: {}, max_running: 100, lease_ms: 30_000 });
const outcome = (status: RunOutcome['status'], seconds: number, cost: number): RunOutcome => ({ status, reason: status, turns: 3, tokens: { input: 1000, output: 200 }, cost_usd: cost, duration_ms: seconds * 1000 });

beforeAll(() => {
  enableMetrics();
});

describe('run metrics', () => {
  it('count runs by pool and status, the queue depth, and the time, tokens and cost of ended runs', async () => {
    const { ws } = workspaceWith(SMALL);
    const { app, close } = createHttpApp(ws, GUARD);
    const scrape = async () => parseExposition(await (await app.request('/metrics')).text());
    try {
      const q = ws.runs;
      for (const [todo, repo] of [['TODO-2', 'web'], ['TODO-4', 'web'], ['TODO-5', 'api']] as const) await q.enqueue(job(todo, repo, 'backend'), now);
      await q.enqueue(job('TODO-3', 'api', 'docs'), now);
      // Two of backend's runs end: one succeeded (60 s, $0.5), one failed (30 s, $0.25).
      for (const [status, seconds, cost] of [['succeeded', 60, 0.5], ['failed', 30, 0.25]] as const) {
        const c = (await q.claim(claimer('backend'), now))!;
        await q.start(c.run.id, c.lease.token, {}, now);
        await q.finish(c.run.id, c.lease.token, { outcome: outcome(status, seconds, cost) }, now);
      }
      const m = await scrape();
      const v = (name: string, labels: Record<string, string>) => sampleValue(m, name, labels);
      expect({
        succeeded: v('concord_runs', { pool: 'backend', status: 'succeeded' }),
        failed: v('concord_runs', { pool: 'backend', status: 'failed' }),
        queued: v('concord_runs', { pool: 'backend', status: 'queued' }),
        depth: v('concord_run_queue_depth', { pool: 'backend' }),
        docsDepth: v('concord_run_queue_depth', { pool: 'docs' }),
        seconds: v('concord_run_seconds', { pool: 'backend' }),
        input: v('concord_run_tokens', { pool: 'backend', direction: 'input' }),
        output: v('concord_run_tokens', { pool: 'backend', direction: 'output' }),
        cost: v('concord_run_cost_usd', { pool: 'backend' }),
      }).toEqual({ succeeded: 1, failed: 1, queued: 1, depth: 1, docsDepth: 1, seconds: 90, input: 2000, output: 400, cost: 0.75 });
      expect(m.types.get('concord_run_queue_depth')).toBe('gauge');

      // The docs run is taken: its pool's depth reads 0, not its last value.
      const c = (await q.claim(claimer('docs'), now))!;
      expect(c.run.todo).toBe('TODO-3');
      const after = await scrape();
      expect(sampleValue(after, 'concord_run_queue_depth', { pool: 'docs' })).toBe(0);
      expect(sampleValue(after, 'concord_runs', { pool: 'docs', status: 'queued' })).toBeUndefined();
      expect(sampleValue(after, 'concord_runs', { pool: 'docs', status: 'dispatching' })).toBe(1);
    } finally {
      await close();
      ws.close();
    }
  });
});
