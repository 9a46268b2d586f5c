// npm run bench, the fleet (issue 17): no-op dispatch throughput through the embedded queue and through the
// fleet (PostgreSQL + graphile-worker) in the same run, as a ratio; the latency from enqueue to start on an
// idle fleet worker; and how long the reaper takes to give a dead worker's run to a live one. A throwaway
// PostgreSQL server is started for it (src/fleet/local-postgres.ts).
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { run as runGraphile, type Task } from 'graphile-worker';
import { readEnvironment } from '../app/environment.js';
import { asTodoId } from '../core/ids.js';
import type { RunOutcome } from '../core/runs/outcome.js';
import type { ClaimRequest } from '../core/runs/queue.js';
import { addRunJob, migrateJobs, quietLogger, type RunJobContext, takeRuns, taskFor } from '../fleet/jobs.js';
import { startLocalPostgres } from '../fleet/local-postgres.js';
import { openPool } from '../fleet/pg.js';
import { PgRunQueue } from '../fleet/pg-queue.js';
import { openRunQueue } from '../state/run-queue.js';
import type { Measurement } from './measure.js';

const DONE: RunOutcome = { status: 'succeeded', reason: 'no-op', turns: 1, tokens: { input: 0, output: 0 } };
const REPOS = 10;
const random = (n: number) => randomBytes(n);
const claimFor = (worker: string, runs?: string[]): ClaimRequest => ({ worker, pools: ['default'], selector: 'least_loaded', per_repo: 1, repo_limits: {}, max_running: 10_000, lease_ms: 30_000, ...(runs ? { runs } : {}) });
const CONTEXT: RunJobContext = { prompt: '', acceptance: [], code_work: false, repo_dir: '/nonexistent', todo: { id: asTodoId('TODO-0'), task: 'no-op' }, executors: {}, isolation: 'in_place', limits: { wall_seconds: 60, idle_seconds: 60, after_result_seconds: 1, kill_grace_seconds: 1 }, command_dir: '/', ecosystem: '/ecosystem.yaml' };
const enqueueReq = (i: number, n: number) => ({ todo: `TODO-${i}`, repo: `repo-${i % REPOS}`, pool: 'default', executor: 'noop', requested_by: 'bench', capacity: n + 10 });

/** The embedded queue: N no-op runs claimed, started and finished by one worker, 10 repos. */
async function embedded(n: number): Promise<number> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-embedded-'));
  const q = openRunQueue(path.join(dir, 'state.db'), random);
  try {
    for (let i = 0; i < n; i++) await q.enqueue(enqueueReq(i, n), new Date());
    const t = performance.now();
    for (let done = 0; done < n; ) {
      for (let c = await q.claim(claimFor('bench'), new Date()); c; c = await q.claim(claimFor('bench'), new Date())) {
        await q.start(c.run.id, c.lease.token, {}, new Date());
        await q.finish(c.run.id, c.lease.token, { outcome: DONE }, new Date());
        done++;
      }
    }
    return n / ((performance.now() - t) / 1000);
  } finally {
    q.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A graphile-worker runner whose task is a no-op run: the run's lease taken, started and finished. */
async function fleetRunner(q: PgRunQueue, concurrency: number, on: { start?: (id: string) => void; end?: () => void } = {}) {
  // The fleet worker's task (takeRuns), with a no-op run: the run's lease taken, started and finished.
  const task: Task = async (payload) => {
    const { run: id, pool } = payload as { run: string; pool: string };
    const took = await takeRuns(q, { run: id, pool }, {
      request: claimFor('bench-worker'),
      run: async (c, then) => {
        on.start?.(c.run.id);
        await q.start(c.run.id, c.lease.token, {}, new Date());
        const ended = await q.finish(c.run.id, c.lease.token, { outcome: DONE }, new Date(), then());
        on.end?.();
        return ended;
      },
      more: () => true,
    });
    if (!took) throw new Error(`run ${id} could not be claimed`);
  };
  return runGraphile({ pgPool: q.db, concurrency, noHandleSignals: true, pollInterval: 1_000, useNodeTime: true, logger: quietLogger, taskList: Object.fromEntries(Array.from({ length: REPOS }, (_, r) => [taskFor(`repo-${r}`), task])) });
}

async function prepared(q: PgRunQueue, from: number, n: number, total: number): Promise<string[]> {
  const ids: string[] = [];
  for (let i = from; i < from + n; i++) {
    const { run } = await q.enqueue(enqueueReq(i, total), new Date());
    await addRunJob(q, run, CONTEXT);
    ids.push(run.id);
  }
  return ids;
}

async function waitEnded(q: PgRunQueue, ids: readonly string[]): Promise<void> {
  for (;;) {
    const [row] = await q.query<{ n: string }>("SELECT COUNT(*) AS n FROM concord.runs WHERE id = ANY($1) AND status = 'succeeded'", [ids]);
    if (Number(row!.n) === ids.length) return;
    await new Promise((r) => setTimeout(r, 5));
  }
}

export async function benchFleet(n = 2_000): Promise<Measurement[]> {
  const env = readEnvironment().vars;
  // pg_stat_statements counts the statements (round trips) per run; CONCORD_BENCH_PG_PROFILE=1 also prints the
  // costliest, those inside functions included (which costs the server more).
  const profile = env['CONCORD_BENCH_PG_PROFILE'] === '1';
  const pg = await startLocalPostgres(env, { settings: ['shared_preload_libraries=pg_stat_statements', `pg_stat_statements.track=${profile ? 'all' : 'top'}`] });
  const q = new PgRunQueue(openPool(await pg.createDatabase('bench'), 20), random);
  const out: Measurement[] = [];
  try {
    await q.query('CREATE EXTENSION pg_stat_statements');
    await migrateJobs(q.db, 30_000);
    const embeddedRate = await embedded(n);
    // Throughput: N runs queued with their jobs, then one fleet worker process of 10 slots drains them.
    await q.query('SELECT pg_stat_statements_reset()');
    const t0 = performance.now();
    const enqueueCpu = cpuMeter(pg.dir);
    const ids = await prepared(q, 0, n, 10 * n);
    const enqueueMs = (performance.now() - t0) / n;
    const enqueueUsed = enqueueCpu(n);
    const enqueueStats = await statements(q, n, profile);
    // The end is counted as the runs' finishes return, not by polling PostgreSQL (a poll of 2,000 ids every 5 ms
    // cost the server ~0.9 ms of CPU per run, counted as the fleet's), and checked once after.
    let ended = 0;
    let allEnded = () => undefined as void;
    const done = new Promise<void>((r) => (allEnded = r));
    await q.query('SELECT pg_stat_statements_reset()');
    const t = performance.now();
    // CPU per run (this process and the PostgreSQL server), which a loaded machine changes far less than the rate.
    const dispatchCpu = cpuMeter(pg.dir);
    const runner = await fleetRunner(q, REPOS, { end: () => void (++ended === n && allEnded()) });
    await done;
    const fleetRate = n / ((performance.now() - t) / 1000);
    const { nodeMs, serverMs } = dispatchCpu(n);
    await waitEnded(q, ids);
    const stats = await statements(q, n, profile);
    const cpu = `CPU ${nodeMs.toFixed(2)} ms/run here${serverMs !== undefined ? ` + ${serverMs.toFixed(2)} in PostgreSQL = ${Math.round((os.cpus().length * 1000) / (nodeMs + serverMs))} runs/s on ${os.cpus().length} idle cores` : ''}; ${stats}`;
    const per = (r: number) => Math.round((1000 / r) * 1000) / 1000;
    out.push({ name: `embedded queue: no-op runs dispatched (${n} runs, ${REPOS} repos, one worker)`, median_ms: per(embeddedRate), p90_ms: per(embeddedRate), runs: n, note: `${Math.round(embeddedRate)} runs/s` });
    out.push({ name: `fleet: no-op runs dispatched through graphile-worker (${n} runs, ${REPOS} repos, 10 slots)`, median_ms: per(fleetRate), p90_ms: per(fleetRate), runs: n, target_ms: 1, note: `${Math.round(fleetRate)} runs/s, target 1,000/s; fleet/embedded = ${(fleetRate / embeddedRate).toFixed(2)}; ${cpu}; load ${os.loadavg()[0]!.toFixed(1)}` });
    out.push({ name: `fleet: a run enqueued and its job added (what the coordinator does after the todo's lease), one at a time (${n} runs)`, median_ms: Math.round(enqueueMs * 1000) / 1000, p90_ms: Math.round(enqueueMs * 1000) / 1000, runs: n, note: `CPU ${enqueueUsed.nodeMs.toFixed(2)} ms/run here${enqueueUsed.serverMs !== undefined ? ` + ${enqueueUsed.serverMs.toFixed(2)} in PostgreSQL` : ''}; ${enqueueStats}` });
    // Latency: one run at a time onto the idle runner, from enqueue to its lease being taken.
    const started = new Map<string, number>();
    await runner.stop();
    const idle = await fleetRunner(q, REPOS, { start: (id) => started.set(id, performance.now()) });
    const lat: number[] = [];
    for (let i = 0; i < 50; i++) {
      const t0 = performance.now();
      const [id] = await prepared(q, n + i, 1, 10 * n);
      await waitEnded(q, [id!]);
      lat.push(started.get(id!)! - t0);
    }
    await idle.stop();
    lat.sort((a, b) => a - b);
    out.push({ name: 'fleet: enqueue to start on an idle worker (enqueue, coordinator job, graphile-worker wake, lease)', median_ms: round(lat[25]!), p90_ms: round(lat[45]!), runs: 50 });
    out.push(await reaperRecovery(q));
  } finally {
    await q.close();
    await pg.destroy();
  }
  return out;
}

const round = (x: number) => Math.round(x * 10) / 10;

/**
 * Statements sent per run and transactions per run (BEGIN/COMMIT); with `print`, the statements that cost PostgreSQL most (nested ones included) on stderr.
 */
async function statements(q: PgRunQueue, n: number, print: boolean): Promise<string> {
  const rows = await q.query<{ query: string; calls: string; ms: number; toplevel: boolean }>(
    "SELECT query, calls, total_exec_time AS ms, toplevel FROM pg_stat_statements WHERE query NOT LIKE '%pg_stat_statements%' ORDER BY total_exec_time DESC",
  );
  const top = rows.filter((r) => r.toplevel);
  const calls = top.reduce((s, r) => s + Number(r.calls), 0);
  const commits = top.filter((r) => /^(COMMIT|BEGIN)/i.test(r.query)).reduce((s, r) => s + Number(r.calls), 0);
  if (print) {
    for (const r of rows.slice(0, 25)) console.error(`${(r.ms / n).toFixed(3).padStart(7)} ms/run ${(Number(r.calls) / n).toFixed(2).padStart(6)} calls/run ${r.toplevel ? 'top   ' : 'nested'} ${r.query.replace(/\s+/g, ' ').slice(0, 150)}`);
  }
  return `${(calls / n).toFixed(1)} statements/run (${(commits / n).toFixed(1)} BEGIN/COMMIT)`;
}

/** From now: CPU ms per unit of this process and of the local PostgreSQL server (undefined where /proc cannot tell). */
function cpuMeter(dir: string): (units: number) => { nodeMs: number; serverMs: number | undefined } {
  const node0 = process.cpuUsage();
  const server0 = serverCpuMs(dir);
  return (units) => {
    const used = process.cpuUsage(node0);
    const server1 = serverCpuMs(dir);
    return { nodeMs: (used.user + used.system) / 1000 / units, serverMs: server0 !== undefined && server1 !== undefined ? (server1 - server0) / units : undefined };
  };
}

/** CPU time (ms) of a local PostgreSQL server's processes so far, its ended backends included (Linux /proc); undefined elsewhere. */
function serverCpuMs(dir: string): number | undefined {
  try {
    const postmaster = Number(fs.readFileSync(path.join(dir, 'data', 'postmaster.pid'), 'utf8').split('\n')[0]);
    let ticks = 0;
    for (const e of fs.readdirSync('/proc')) {
      if (!/^\d+$/.test(e)) continue;
      try {
        const stat = fs.readFileSync(`/proc/${e}/stat`, 'utf8');
        const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        // utime stime cutime cstime (fields 14-17), in clock ticks (100 a second on Linux).
        if (Number(e) === postmaster || Number(f[1]) === postmaster) ticks += Number(f[11]) + Number(f[12]) + Number(f[13]) + Number(f[14]);
      } catch {
        // Gone meanwhile.
      }
    }
    return ticks * 10;
  } catch {
    return undefined;
  }
}

/** A worker holding a run dies (stops heartbeating, lease 2 s): time until the reaper gave the run to a live worker. */
async function reaperRecovery(q: PgRunQueue): Promise<Measurement> {
  const { reapRuns } = await import('../fleet/reaper.js');
  const times: number[] = [];
  for (let i = 0; i < 3; i++) {
    const { run } = await q.enqueue({ ...enqueueReq(900_000 + i, 1_000_000), repo: 'repo-reaper' }, new Date());
    const dead = (await q.claim({ ...claimFor('dead', [run.id]), lease_ms: 2_000 }, new Date()))!;
    await q.start(run.id, dead.lease.token, {}, new Date());
    const died = performance.now();
    for (;;) {
      await reapRuns(q, { infra_attempts: 3, agent_attempts: 2, backoff_base_ms: 0, backoff_max_ms: 0 }, 2_000);
      const again = await q.claim(claimFor('alive', [run.id]), new Date());
      if (again) {
        times.push(performance.now() - died);
        await q.start(run.id, again.lease.token, {}, new Date());
        await q.finish(run.id, again.lease.token, { outcome: DONE }, new Date());
        break;
      }
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  times.sort((a, b) => a - b);
  return { name: 'fleet: reaper, a dead worker (lease 2 s, reaper every 250 ms) to its run taken by a live one', median_ms: round(times[1]!), p90_ms: round(times[2]!), runs: 3, target_ms: 2_500 };
}
