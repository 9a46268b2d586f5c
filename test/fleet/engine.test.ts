// The engine a database URL selects, for every surface: the CLI with CONCORD_DATABASE_URL or concord.yaml's
// queue.database_url, MCP connected to the coordinator (its claims share the runs' leases), and a fleet
// worker draining on SIGTERM (the run handed back, nothing left locked). The coordinator and the worker
// run in this process here; the chaos test runs them as processes.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { readRunLog } from '../../src/app/runs/queries.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { Workspace } from '../../src/app/workspace.js';
import { startCoordinator } from '../../src/fleet/coordinator.js';
import { attachFleet } from '../../src/fleet/engine.js';
import { openPool } from '../../src/fleet/pg.js';
import { PgRunQueue } from '../../src/fleet/pg-queue.js';
import { FleetWorker } from '../../src/fleet/worker.js';
import { openRunQueue } from '../../src/state/run-queue.js';
import { concordAsync } from '../helpers/cli.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { waitFor } from '../helpers/fleet.js';
import { freshDatabase } from '../helpers/postgres.js';
import { runEcosystem } from '../helpers/runs.js';

const closers: (() => Promise<void> | void)[] = [];
afterAll(async () => {
  for (const c of closers.reverse()) await c();
});

const slowAgent = { executors: { slow: { command: 'sh', args: ['-c', 'echo "$CONCORD_RUN" > "$MARK"; sleep 30'], pass_env: ['MARK'] } } };

describe('the fleet engine on every surface', () => {
  it('CONCORD_DATABASE_URL and queue.database_url put the CLI’s runs in PostgreSQL, not in state.db', async () => {
    const url = await freshDatabase('engine');
    const e = runEcosystem({ repos: ['api'], todos: [{ id: 'TODO-1', task: 'one', repo: 'api', status: 'pending' }, { id: 'TODO-2', task: 'two', repo: 'api', status: 'pending' }] });
    const q = new PgRunQueue(openPool(url, 2), (n) => randomBytes(n));
    closers.push(() => q.close());
    const byEnv = await concordAsync(['execute', 'TODO-1', '--json'], { cwd: e.dir, env: { ...e.env, CONCORD_DATABASE_URL: url } });
    expect(byEnv.code, byEnv.stderr).toBe(0);
    const run = (JSON.parse(byEnv.stdout) as { run: { id: string } }).run;
    expect(await q.get(run.id)).toMatchObject({ todo: 'TODO-1', status: 'queued' });
    // concord.yaml names the database: the same engine, for `run list` too.
    const settings = path.join(e.dir, 'concord.yaml');
    const text = fs.readFileSync(settings, 'utf8').replace(/^queue:\n/m, `queue:\n  database_url: "${url}"\n`);
    fs.writeFileSync(settings, text);
    const listed = await concordAsync(['run', 'list', '--json'], { cwd: e.dir, env: e.env });
    expect(listed.code, listed.stderr).toBe(0);
    expect(JSON.stringify(JSON.parse(listed.stdout))).toContain(run.id);
    // Nothing went to the embedded queue.
    const local = openRunQueue(e.ws.stateFile, (n) => randomBytes(n));
    expect(await local.list()).toEqual([]);
    local.close();
  });

  it('an agent connected to the coordinator cannot claim a todo its run holds; SIGTERM hands the run back and leaves nothing locked', async () => {
    const url = await freshDatabase('drain');
    const mark = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'concord-mark-')), 'started');
    const e = runEcosystem({
      repos: ['api'],
      todos: [{ id: 'TODO-1', task: 'slow one', repo: 'api', status: 'pending', labels: ['no-code'] }],
      settings: { ...slowAgent, queue: { heartbeat_seconds: 0.2, lease_seconds: 3, poll_ms: 20 }, pools: [{ name: 'default', executor: 'slow', isolation: 'in_place', limits: { wall_seconds: 60, idle_seconds: 60, after_result_seconds: 5, kill_grace_seconds: 0.2 } }] },
    });
    const ws = new Workspace({ cwd: e.dir, actor: 'coordinator', env: { CONCORD_DATABASE_URL: url } });
    const q = attachFleet(ws)!;
    const coordinator = await startCoordinator(ws, { pollMs: 20 });
    closers.push(() => ws.close(), () => coordinator.stop());
    const { run } = await executeTodo(ws, { todo: 'TODO-1' });
    // The coordinator takes the todo for the run: in progress in the file, under a run lease.
    await waitFor('the run to be prepared', async () => (await q.query("SELECT 1 FROM concord.runs WHERE id = $1 AND context IS NOT NULL", [run.id])).length > 0);
    const client = await memoryClient(e.file, { ws: ws.as('claude', 'mcp', 'agent-session') });
    closers.push(() => client.close());
    const claim = await call(client, 'coord_claim_todo', { id: 'TODO-1' });
    expect(claim).toMatchObject({ ok: false, value: { error: { code: 'ALREADY_CLAIMED' } } });

    const worker = new FleetWorker({ url, repos: ['api'], concurrency: 1, env: { ...e.env, MARK: mark }, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'concord-w-')), random: (n) => randomBytes(n), drainMs: 300, pollMs: 50 });
    await worker.start();
    await waitFor('the agent to start', async () => fs.existsSync(mark));
    expect((await q.get(run.id))!.status).toBe('running');
    await worker.drain();
    // Handed back (the attempt given back too), its row gone, no job or queue left locked; the todo waits again.
    const t = await q.query<{ op: string; to_status: string }>("SELECT op, to_status FROM concord.transitions WHERE run_id = $1 AND op = 'release'", [run.id]);
    expect(t).toEqual([{ op: 'release', to_status: 'queued' }]);
    expect(await q.query('SELECT id FROM concord.workers')).toEqual([]);
    expect(await q.query('SELECT id FROM graphile_worker.jobs WHERE locked_at IS NOT NULL')).toEqual([]);
    expect(await q.query('SELECT id FROM graphile_worker._private_job_queues WHERE locked_at IS NOT NULL')).toEqual([]);
    expect((await q.get(run.id))!).toMatchObject({ status: 'queued', attempt: 0 });
    await waitFor('the hand-back note in the file', async () => {
      const todo = (await loadSnapshot(ws)).graph.todos.get('TODO-1');
      return JSON.stringify(ws.index.record('todos', 'TODO-1')?.record ?? {}).includes('handed back') && todo;
    });
  });

  it('a run PostgreSQL lost after its todo was taken (a crash with asynchronous commit): the coordinator gives the todo back once its lease ran out', async () => {
    const url = await freshDatabase('lost');
    const e = runEcosystem({
      repos: ['api'],
      todos: [{ id: 'TODO-1', task: 'lost one', repo: 'api', status: 'pending', labels: ['no-code'] }, { id: 'TODO-2', task: 'kept one', repo: 'api', status: 'pending', labels: ['no-code'] }],
      settings: { ...slowAgent, queue: { heartbeat_seconds: 0.2, lease_seconds: 1, poll_ms: 20 }, pools: [{ name: 'default', executor: 'slow', isolation: 'in_place', limits: { wall_seconds: 60, idle_seconds: 60, after_result_seconds: 5, kill_grace_seconds: 0.2 } }] },
    });
    const ws = new Workspace({ cwd: e.dir, actor: 'coordinator', env: { CONCORD_DATABASE_URL: url } });
    const q = attachFleet(ws)!;
    const coordinator = await startCoordinator(ws, { pollMs: 20 });
    closers.push(() => ws.close(), () => coordinator.stop());
    const lost = (await executeTodo(ws, { todo: 'TODO-1' })).run;
    const kept = (await executeTodo(ws, { todo: 'TODO-2' })).run;
    await waitFor('both runs to be prepared', async () => (await q.query('SELECT 1 FROM concord.runs WHERE context IS NOT NULL')).length === 2);
    const status = async (id: string) => (await loadSnapshot(ws)).graph.todos.get(id)!.status;
    expect([await status('TODO-1'), await status('TODO-2')]).toEqual(['in_progress', 'in_progress']);
    // What the crash leaves: no row, no transition, no job of the run.
    await q.query("WITH t AS (DELETE FROM concord.transitions WHERE run_id = $1), j AS (SELECT graphile_worker.remove_job('run:' || $1)) DELETE FROM concord.runs WHERE id = $1 AND (SELECT COUNT(*) FROM j) = 1", [lost.id]);
    await waitFor('the lost run’s todo to be given back', async () => (await status('TODO-1')) === 'pending', 15_000);
    const todo = ws.index.record('todos', 'TODO-1')!.record as { assignee?: string; notes?: { text: string }[] };
    expect(todo.assignee).toBeUndefined();
    expect(todo.notes!.at(-1)!.text).toContain(`run ${lost.id} was lost by PostgreSQL`);
    // The run PostgreSQL kept keeps its todo, its lease renewed past several lease periods.
    await new Promise((r) => setTimeout(r, 1_500));
    expect(await status('TODO-2')).toBe('in_progress');
    expect(ws.leases.get('TODO-2')).toMatchObject({ run_id: kept.id });
    expect(ws.leases.get('TODO-1')).toBeUndefined();
  });

  it('queue.per_repo 2 on the fleet: a repo runs two runs at once, never three, every run ends once, and its log reaches the coordinator', async () => {
    const url = await freshDatabase('per_repo');
    const spans = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'concord-spans-')), 'spans.log');
    const todos = Array.from({ length: 6 }, (_, i) => ({ id: `TODO-${i}`, task: `item ${i}`, repo: 'api', status: 'pending', labels: ['no-code'] }));
    const e = runEcosystem({
      repos: ['api'],
      todos,
      settings: {
        queue: { per_repo: 2, max_running: 10, heartbeat_seconds: 0.3, lease_seconds: 5, poll_ms: 20 },
        executors: { span: { command: 'sh', args: ['-c', 'echo "start $CONCORD_RUN" >> "$SPANS"; sleep 0.6; echo "end $CONCORD_RUN" >> "$SPANS"; echo done'], pass_env: ['SPANS'] } },
        pools: [{ name: 'default', executor: 'span', isolation: 'in_place', limits: { wall_seconds: 60, idle_seconds: 60, after_result_seconds: 5, kill_grace_seconds: 0.2 } }],
      },
    });
    const ws = new Workspace({ cwd: e.dir, actor: 'coordinator', env: { CONCORD_DATABASE_URL: url } });
    const q = attachFleet(ws)!;
    const coordinator = await startCoordinator(ws, { pollMs: 20 });
    closers.push(() => ws.close(), () => coordinator.stop());
    for (const t of todos) await executeTodo(ws, { todo: t.id });
    const worker = new FleetWorker({ url, repos: ['api'], concurrency: 4, env: { ...e.env, SPANS: spans }, stateDir: fs.mkdtempSync(path.join(os.tmpdir(), 'concord-w-')), random: (n) => randomBytes(n), drainMs: 300, pollMs: 50 });
    await worker.start();
    closers.push(() => worker.stop());
    await waitFor('every run to succeed', async () => (await q.query("SELECT id FROM concord.runs WHERE status = 'succeeded'")).length === 6, 60_000);
    // Two named queues for the repo: at most two of its runs at once, and two did run at once.
    let now = 0;
    let most = 0;
    const lines = fs.readFileSync(spans, 'utf8').trim().split('\n');
    for (const line of lines) {
      now += line.startsWith('start') ? 1 : -1;
      most = Math.max(most, now);
    }
    expect(lines).toHaveLength(12);
    expect(most).toBe(2);
    const ends = await q.query<{ run_id: string; n: string }>("SELECT run_id, COUNT(*) AS n FROM concord.transitions WHERE to_status = 'succeeded' GROUP BY run_id");
    expect(ends.map((x) => x.n)).toEqual(['1', '1', '1', '1', '1', '1']);
    // The worker's logs came back through PostgreSQL: the coordinator's host reads them (its own folder has none).
    const [first] = await q.list({ todo: 'TODO-0' });
    expect(fs.existsSync(path.join(path.dirname(ws.stateFile), 'runs', first!.id))).toBe(false);
    const log = await readRunLog(ws, { id: first!.id });
    expect(log).toMatchObject({ attempt: 1, offset: 0, size: log.text.length });
    expect(log.text).toContain('done');
    const tail = await readRunLog(ws, { id: first!.id, offset: 1, limit: 3 });
    expect(tail).toMatchObject({ offset: 1, text: log.text.slice(1, 4), next_offset: 4 });
  });
});
