// PostgreSQL restarted in the middle of a sweep: the coordinator, the workers and the sweep itself ride it
// out (they reconnect), and the sweep finishes with every todo done and every run ended once.
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { type LocalPostgres, startLocalPostgres } from '../../src/fleet/local-postgres.js';
import { openPool } from '../../src/fleet/pg.js';
import { PgRunQueue } from '../../src/fleet/pg-queue.js';
import { CLI } from '../helpers/cli.js';
import { type FleetProcess, killGroup, startCoordinator, startWorker, waitFor, workerHost } from '../helpers/fleet.js';
import { postgresUrl } from '../helpers/postgres.js';
import { runEcosystem } from '../helpers/runs.js';

const REPOS = ['api', 'web', 'docs', 'cli'];
const procs: FleetProcess[] = [];
let pg: LocalPostgres | undefined;
afterAll(async () => {
  procs.forEach(killGroup);
  await pg?.destroy();
});

describe('the fleet when PostgreSQL restarts', () => {
  // The server is stopped with an immediate shutdown (a crash) and runs with PostgreSQL's default
  // synchronous_commit, as in production: what it acknowledged survives. (With synchronous_commit off it may
  // lose acknowledged commits; the coordinator also recovers from most of those: a result it applied whose
  // end was lost, a prepared run whose job was lost.)
  it('a sweep across a PostgreSQL restart: everyone reconnects and the sweep completes', async () => {
    postgresUrl(); // fails the test when this machine has no PostgreSQL
    pg = await startLocalPostgres(process.env, { durable: true });
    const url = pg.url;
    const todos: { id: string; task: string; repo: string; status: string; plan: string; labels: string[]; blocked_by?: string[] }[] = [];
    for (let i = 0; i < 24; i++) todos.push({ id: `TODO-${i}`, task: `item ${i}`, repo: REPOS[i % REPOS.length]!, status: 'pending', plan: 'PLAN-1', labels: ['no-code'], ...(i >= 12 ? { blocked_by: [`TODO-${i - 12}`] } : {}) });
    const e = runEcosystem({
      repos: REPOS,
      todos,
      plans: [{ id: 'PLAN-1', title: 'Ride it out', status: 'active' }],
      settings: {
        queue: { capacity: 1000, max_running: 100, heartbeat_seconds: 0.3, lease_seconds: 6, poll_ms: 50, retry: { infra_attempts: 25, backoff_base_ms: 10, backoff_max_ms: 200 } },
        executors: { tick: { command: 'sh', args: ['-c', 'sleep 0.2; echo "done $CONCORD_TODO"'] } },
        pools: [{ name: 'default', executor: 'tick', isolation: 'in_place', concurrency: 4, limits: { after_result_seconds: 5, idle_seconds: 30, wall_seconds: 60, kill_grace_seconds: 0.2 } }],
      },
    });
    const env = { ...e.env, CONCORD_DATABASE_URL: url };
    procs.push(await startCoordinator(e.dir, url, env));
    for (let i = 0; i < 2; i++) procs.push(await startWorker(workerHost(Object.fromEntries(REPOS.map((r) => [r, e.repoDir(r)]))), url, env));
    const q = new PgRunQueue(openPool(url, 2), (n) => randomBytes(n), { retryMs: 120_000 });
    const sweep = spawn(process.execPath, [CLI, 'sweep', '--plan', 'PLAN-1', '--json'], { cwd: e.dir, env: { ...env, CONCORD_ACTOR: 'sweeper' }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    sweep.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    sweep.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const swept = new Promise<number | null>((r) => sweep.once('exit', (code) => r(code)));

    await waitFor('a few runs to end', async () => Number((await q.query<{ n: string }>("SELECT COUNT(*) AS n FROM concord.runs WHERE status = 'succeeded'"))[0]!.n) >= 5, 120_000, 50);
    await pg.stop();
    await new Promise((r) => setTimeout(r, 1_500));
    await pg.start();

    const logs = () => `${stdout}\n${stderr}\n${procs.map((p) => p.log.join('')).join('\n---\n')}`;
    const code = await Promise.race([swept, new Promise<string>((r) => setTimeout(() => r('timed out'), 60_000))]);
    const state = async () => {
      const runs = await q.query<Record<string, unknown>>('SELECT id, todo_id, status, attempt, worker, context IS NOT NULL AS prepared, outcome FROM concord.runs ORDER BY seq');
      const jobs = await q.query<Record<string, unknown>>('SELECT id, task_id, payload::text AS payload, locked_by, attempts, last_error FROM graphile_worker._private_jobs');
      return `${logs()}\n${JSON.stringify({ runs, jobs }, null, 1)}`;
    };
    if (code !== 0) expect(code, await state()).toBe(0);
    const report = JSON.parse(stdout) as { status: string; succeeded: string[] };
    expect({ status: report.status, succeeded: report.succeeded.sort() }, await state()).toEqual({ status: 'completed', succeeded: todos.map((t) => t.id).sort() });
    const { graph } = await loadSnapshot(e.ws);
    await waitFor('the file to have every result', async () => todos.every((t) => graph.todos.get(t.id)?.status === 'completed') || (await loadSnapshot(e.ws)).graph.todos.get('TODO-23')?.status === 'completed', 30_000);
    const ends = await q.query<{ run_id: string; n: string }>("SELECT run_id, COUNT(*) AS n FROM concord.transitions WHERE to_status IN ('succeeded', 'failed', 'no_op', 'cancelled', 'infra_error') GROUP BY run_id");
    expect(ends.filter((x) => x.n !== '1')).toEqual([]);
    // The coordinator and both workers are still up: they reconnected rather than died.
    for (const p of procs) expect(p.child.exitCode, p.log.join('')).toBeNull();
    await q.close();
  }, 300_000);
});
