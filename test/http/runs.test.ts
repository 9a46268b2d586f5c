// Execution over HTTP, in-process: execute, runs (list, show, log, cancel, retry, resume), a full queue as
// 503 + Retry-After, a plan's sweep (dry run and a real one with a tiny agent) and its validation; the live
// log of a run over real HTTP (SSE).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp } from '../../src/http/app.js';
import { startHttpServer } from '../../src/http/server.js';
import { concordInProcess } from '../helpers/cli.js';
import { drainQueue, runEcosystem } from '../helpers/runs.js';
import { openSse, takeUntilEnd } from '../helpers/sse.js';

const TICK = { tick: { command: 'sh', args: ['-c', 'echo "$CONCORD_RUN" >> "work-$CONCORD_TODO.txt" && git add -A && git commit -qm "$CONCORD_RUN" && echo "done $CONCORD_TODO"'] } };

function api(settings: Record<string, unknown> = {}) {
  const e = runEcosystem({
    repos: ['api', 'web'],
    todos: [
      { id: 'TODO-1', task: 'First', repo: 'api', status: 'pending', plan: 'PLAN-1', estimated_hours: 2 },
      { id: 'TODO-2', task: 'Second', repo: 'web', status: 'pending', plan: 'PLAN-1', blocked_by: ['TODO-1'] },
      { id: 'TODO-3', task: 'Elsewhere', repo: 'web', status: 'pending' },
    ],
    plans: [{ id: 'PLAN-1', name: 'Ship it', status: 'active' }],
    settings: { executors: TICK, pools: [{ name: 'default', executor: 'tick', limits: { after_result_seconds: 5, wall_seconds: 30 } }], ...settings },
  });
  const http = createHttpApp(e.ws.as('dashboard', 'http'), { token: undefined, allowedOrigins: [], allowedHosts: [] });
  const call = async (path: string, method = 'GET', body?: unknown) => {
    const r = await http.app.request(path, { method, ...(body !== undefined ? { body: JSON.stringify(body), headers: { 'content-type': 'application/json' } } : {}) });
    return { status: r.status, headers: r.headers, body: (await r.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
  };
  return { e, call };
}

describe('execution over HTTP', () => {
  it('queues a todo once, lists, shows and reads its run, cancels, retries and refuses a resume of a cancelled run', async () => {
    const { call } = api();
    const first = await call('/api/todos/TODO-1/execute', 'POST', {});
    expect(first).toMatchObject({ status: 200, body: { created: true, run: { todo: 'TODO-1', repo: 'api', status: 'queued', executor: 'tick', requested_by: 'dashboard' } } });
    const id = first.body.run.id as string;
    expect((await call('/api/todos/TODO-1/execute', 'POST', {})).body).toMatchObject({ created: false, run: { id } });
    expect((await call('/api/todos/TODO-2/execute', 'POST', {})).body.error).toMatchObject({ code: 'TODO_BLOCKED' });
    const listed = await call('/api/runs?status=queued');
    expect(listed.body.map((r: { id: string }) => r.id)).toEqual([id]);
    expect((await call(`/api/runs/${id}`)).body).toMatchObject({ run: { id, status: 'queued' }, attempts: [], log: { attempt: 1, size: 0, text: '' } });
    expect((await call(`/api/runs/${id}/log?offset=0`)).body).toEqual({ attempt: 1, offset: 0, text: '', next_offset: 0, size: 0 });
    expect((await call(`/api/runs/${id}/cancel`, 'POST', {})).body).toMatchObject({ cancelled: true, run: { id, status: 'cancelled' } });
    const resumed = await call(`/api/runs/${id}/resume`, 'POST', { answer: 'go on' });
    expect(resumed.status).toBe(409);
    expect(resumed.body.error).toMatchObject({ code: 'INVALID_TRANSITION' });
    const retried = await call(`/api/runs/${id}/retry`, 'POST', {});
    expect(retried).toMatchObject({ status: 201, body: { created: true, run: { todo: 'TODO-1', retry_of: id, status: 'queued' } } });
    expect((await call('/api/runs/RUN-NOPE')).status).toBe(404);
    const events = await call('/api/history?type=run:*');
    expect(events.body.events.map((x: { type: string }) => x.type).sort()).toEqual(['run:cancelled', 'run:queued', 'run:queued']);
  });

  it('answers a full queue with 503 and Retry-After, and queues nothing', async () => {
    const { call } = api({ queue: { capacity: 1 } });
    const queued = await call('/api/todos/TODO-1/execute', 'POST', {});
    expect(queued.status).toBe(200);
    const full = await call('/api/todos/TODO-3/execute', 'POST', {});
    expect(full.status).toBe(503);
    expect(Number(full.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(full.body.error).toMatchObject({ code: 'QUEUE_FULL' });
    expect(full.body.error.hint).toContain('the shell command `concord worker`');
    expect((await call('/api/runs')).body.map((r: { id: string }) => r.id)).toEqual([queued.body.run.id]);
  });

  it('is the work queue of seed 002 at POST /api/queue/task: FIFO tasks, a full queue answers 503 + Retry-After, in OpenAPI', async () => {
    const { e, call } = api({ queue: { capacity: 2 } });
    const first = await call('/api/queue/task', 'POST', { todo: 'TODO-1' });
    expect(first).toMatchObject({ status: 200, body: { created: true, task: { todo: 'TODO-1', state: 'pending' }, run: { todo: 'TODO-1', status: 'queued', requested_by: 'dashboard' }, queue: { queued: 1, capacity: 2 } } });
    expect(first.body.task.id).toBe(first.body.run.id);
    // The same todo again: its task is already waiting (one live run per todo).
    expect((await call('/api/queue/task', 'POST', { todo: 'TODO-1' })).body).toMatchObject({ created: false, task: { id: first.body.task.id }, queue: { queued: 1 } });
    expect((await call('/api/queue/task', 'POST', { todo: 'TODO-3' })).body).toMatchObject({ created: true, queue: { queued: 2, capacity: 2 } });
    expect((await call('/api/queue/task', 'POST', { todo: 'TODO-NOPE' })).body.error).toMatchObject({ code: 'TODO_NOT_FOUND' });
    // The same from the CLI: `concord queue task`.
    const again = concordInProcess(['queue', 'task', 'TODO-1', '--json'], { cwd: e.dir });
    expect(again.code).toBe(0);
    expect(again.json()).toMatchObject({ created: false, task: { id: first.body.task.id, todo: 'TODO-1', state: 'pending' }, queue: { queued: 2, capacity: 2 } });
    const e2 = api({ queue: { capacity: 1 } });
    expect((await e2.call('/api/queue/task', 'POST', { todo: 'TODO-1' })).status).toBe(200);
    const over = await e2.call('/api/queue/task', 'POST', { todo: 'TODO-3' });
    expect(over.status).toBe(503);
    expect(Number(over.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(over.body.error).toMatchObject({ code: 'QUEUE_FULL' });
    expect((await e2.call('/api/runs')).body.map((r: { todo: string }) => r.todo)).toEqual(['TODO-1']);
    // A full queue on the command line: exit 75 (try again later) and the same code.
    const cliFull = concordInProcess(['queue', 'task', 'TODO-3', '--json'], { cwd: e2.e.dir });
    expect(cliFull.code).toBe(75);
    expect(cliFull.json()).toMatchObject({ error: { code: 'QUEUE_FULL' } });
    // The body is the task: a todo (and optionally its pool and executor); anything else is refused, naming the field.
    const bad = await e2.call('/api/queue/task', 'POST', { todo: 'TODO-3', prompt: 'do it' });
    expect(bad.status).toBe(422);
    expect(bad.body.error.message).toContain('prompt');
    const spec = (await e2.call('/api/openapi.json')).body;
    const post = spec.paths['/api/queue/task'].post;
    expect(Object.keys(post.requestBody.content['application/json'].schema.properties)).toEqual(['todo', 'pool', 'executor']);
    expect(post.responses['503']).toEqual({ $ref: '#/components/responses/E503' });
    expect(spec.components.responses.E503.headers['Retry-After']).toMatchObject({ schema: { type: 'integer' } });
  });

  it("plans a sweep (dry run), runs it to the end with a tiny agent, and validates the plan", async () => {
    const { e, call } = api();
    const dry = await call('/api/plans/PLAN-1/sweep', 'POST', { dry_run: true });
    expect(dry.body).toMatchObject({ plan: 'PLAN-1', waves: [{ wave: 1, todos: [{ id: 'TODO-1', estimated_hours: 2 }] }, { wave: 2, todos: [{ id: 'TODO-2' }] }] });
    expect((await call('/api/runs')).body).toEqual([]);
    const before = await call('/api/plans/PLAN-1/validate', 'POST', {});
    expect(before.body).toMatchObject({ plan: 'PLAN-1', complete: false, todos: { total: 2, done: 0 } });
    const swept = await call('/api/plans/PLAN-1/sweep', 'POST', {});
    expect(swept.status).toBe(200);
    expect(swept.body).toMatchObject({ plan: 'PLAN-1', status: 'completed', waves: [['TODO-1'], ['TODO-2']], succeeded: ['TODO-1', 'TODO-2'], failed: [], left: [], runs: 2 });
    const runs = (await call('/api/runs')).body as { status: string; branch: string }[];
    expect(runs.map((r) => r.status)).toEqual(['succeeded', 'succeeded']);
    expect(fs.readFileSync(e.file, 'utf8').match(/status: completed/g)).toHaveLength(2);
    expect((await call('/api/plans/PLAN-1/validate', 'POST', {})).body).toMatchObject({ complete: true, todos: { total: 2, done: 2 } });
  });
});

describe('the live log of a run', () => {
  it('streams the agent output as it comes, the status changes, and the end; a reconnect with Last-Event-ID goes on from where it stopped', async () => {
    const slow = { slow: { command: 'sh', args: ['-c', 'echo one; sleep 0.4; echo two; sleep 0.4; echo x >> f.txt && git add -A && git commit -qm x && echo "done $CONCORD_TODO"'] } };
    const e = runEcosystem({ repos: ['api'], todos: [{ id: 'TODO-1', task: 'Slowly', repo: 'api', status: 'pending' }], settings: { executors: slow, pools: [{ name: 'default', executor: 'slow', limits: { after_result_seconds: 5, wall_seconds: 30 } }] } });
    const ws = new Workspace({ cwd: e.dir, actor: 'tester', env: {}, flags: { port: 0 } });
    const server = await startHttpServer(ws.as('dashboard', 'http'));
    try {
      const { run } = await executeTodo(ws, { todo: 'TODO-1' });
      const stream = await openSse(`${server.url}/api/runs/${run.id}/log/stream`);
      expect(stream.status).toBe(200);
      expect(JSON.parse((await stream.take(1))[0]!.data)).toEqual({ id: run.id, status: 'queued', attempt: 0 });
      const working = drainQueue(ws, e.env);
      const seen = await takeUntilEnd(stream, 20_000);
      await working;
      stream.close();
      const logs = seen.filter((x) => x.event === 'log');
      const text = logs.map((x) => JSON.parse(x.data).text as string).join('');
      expect(text).toContain('one\ntwo\n');
      expect(text).toContain('done TODO-1');
      // Output came while the agent ran: more than one chunk.
      expect(logs.length).toBeGreaterThan(1);
      expect(seen.filter((x) => x.event === 'run').map((x) => JSON.parse(x.data).status)).toEqual(expect.arrayContaining(['running', 'succeeded']));
      expect(JSON.parse(seen.at(-1)!.data)).toEqual({ id: run.id, status: 'succeeded', attempt: 1 });
      // From the first chunk on: the rest of the text, then the end.
      const again = await openSse(`${server.url}/api/runs/${run.id}/log/stream`, { 'last-event-id': logs[0]!.id! });
      const rest = await takeUntilEnd(again);
      again.close();
      expect(JSON.parse(logs[0]!.data).text + rest.filter((x) => x.event === 'log').map((x) => JSON.parse(x.data).text as string).join('')).toBe(text);
      expect((await fetch(`${server.url}/api/runs/RUN-NOPE/log/stream`)).status).toBe(404);
      expect((await fetch(`${server.url}/api/runs/${run.id}/log/stream?offset=-1`)).status).toBe(422);
    } finally {
      await server.close();
      ws.close();
    }
  });
});
