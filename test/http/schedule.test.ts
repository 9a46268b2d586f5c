// The scheduler over HTTP: POST /api/trigger/{job} runs a job now and wakes the scheduler; an inbound
// webhook is accepted only when signed with its secret, and queues its activity.
import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp } from '../../src/http/app.js';
import type { Answer } from '../helpers/http.js';
import { fakeClock, firesOf, scheduledWorkspace, schedulerOf } from '../helpers/scheduler.js';

const node = (code: string) => `["${process.execPath}", "-e", ${JSON.stringify(code)}]`;

function appFor(ws: Workspace) {
  const wakes: number[] = [];
  const http = createHttpApp(ws, { token: undefined, allowedOrigins: [], allowedHosts: [], api: { wake: () => wakes.push(Date.now()) } });
  const post = async (path: string, body?: string, headers: Record<string, string> = {}) => {
    const r = await http.app.request(path, { method: 'POST', headers, ...(body !== undefined ? { body } : {}) });
    return { status: r.status, retry: r.headers.get('retry-after'), body: (await r.json()) as Answer };
  };
  return { post, wakes, close: () => http.close() };
}

describe('jobs over HTTP', () => {
  it('POST /api/trigger/{job} runs the job, answers its result, and wakes the scheduler; a failed run is JOB_FAILED', async () => {
    const clock = fakeClock('2026-05-01T10:00:00Z');
    const { ws } = scheduledWorkspace(`jobs:\n  - name: hello\n    interval: 1h\n    command: ${node("console.log('hi from the job')")}\n  - name: broken\n    interval: 1h\n    breaker: 1\n    command: ${node('process.exit(3)')}\n`, clock);
    const api = appFor(ws.as('tester', 'http'));
    try {
      const ok = await api.post('/api/trigger/hello');
      expect(ok.status).toBe(200);
      expect(ok.body).toMatchObject({ kind: 'job', name: 'hello', status: 'succeeded', outcome: { output: expect.stringContaining('hi from the job') } });
      expect(api.wakes).toHaveLength(1);
      const failed = await api.post('/api/trigger/broken');
      expect(failed.status).toBe(503);
      expect(failed.body.error).toMatchObject({ code: 'JOB_FAILED', data: { status: 'failed', outcome: { summary: expect.stringContaining('exited with code 3') } } });
      // One failure opened its breaker (breaker: 1): refused until forced or reset.
      const open = await api.post('/api/trigger/broken');
      expect(open.status).toBe(409);
      expect(open.body.error.code).toBe('BREAKER_OPEN');
      expect((await api.post('/api/trigger/broken', JSON.stringify({ force: true }), { 'content-type': 'application/json' })).body.error.code).toBe('JOB_FAILED');
      expect((await api.post('/api/jobs/broken/reset')).body).toEqual({ kind: 'job', name: 'broken', was_open: true });
      expect((await api.post('/api/trigger/nope')).status).toBe(404);
      expect(firesOf(ws, 'job:hello').map((f) => [f.trigger, f.status])).toEqual([['manual', 'succeeded']]);
    } finally {
      await api.close();
      ws.close();
    }
  });
});

describe('inbound webhooks over HTTP', () => {
  it('POST /api/hooks/in/{name} queues the activity when signed (GitHub style), wakes the scheduler, and refuses a wrong signature', async () => {
    const clock = fakeClock(new Date().toISOString());
    const def = `---\nenabled: true\ntriggers:\n  - webhook: github-push\n    secret_env: PUSH_SECRET\nactions:\n  - command: ${node("console.log(process.env.CONCORD_FIRE_TRIGGER)")}\n---\nOn a push.\n`;
    const { dir } = scheduledWorkspace('', clock, { 'activities/on-push.md': def });
    const secret = 'a-webhook-secret-of-length';
    const ws = new Workspace({ cwd: dir, env: { PATH: process.env['PATH'] ?? '', PUSH_SECRET: secret }, now: clock.now, actor: 'concord', surface: 'http' });
    const api = appFor(ws);
    try {
      const body = JSON.stringify({ ref: 'refs/heads/main' });
      const sign = (key: string) => 'sha256=' + createHmac('sha256', key).update(body).digest('hex');
      const ok = await api.post('/api/hooks/in/github-push', body, { 'x-hub-signature-256': sign(secret), 'content-type': 'application/json' });
      expect(ok).toMatchObject({ status: 202, body: { activity: 'on-push', due_at: expect.any(String) } });
      expect(api.wakes).toHaveLength(1);
      const forged = await api.post('/api/hooks/in/github-push', body, { 'x-hub-signature-256': sign('not-the-secret-at-all') });
      expect(forged.status).toBe(422);
      expect(forged.body.error.code).toBe('WEBHOOK_SIGNATURE_INVALID');
      expect((await api.post('/api/hooks/in/unknown', body)).status).toBe(404);
      const sched = schedulerOf(ws);
      await sched.tick();
      await sched.idle();
      expect(firesOf(ws, 'activity:on-push').map((f) => [f.trigger, f.status])).toEqual([['webhook', 'succeeded']]);
    } finally {
      await api.close();
      ws.close();
    }
  });
});
