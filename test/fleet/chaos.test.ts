// The fleet's chaos test: a coordinator and 3 workers, each a process in its own process group on loopback
// with checkouts of its own; 300 runs across 10 repos; one worker killed with SIGKILL in the middle and a
// new one started. Every run ends exactly once, no repo ever has two runs at once, no result of the killed
// worker is accepted after its lease, nothing is lost; SIGTERM at the end leaves nothing locked.
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { openPool } from '../../src/fleet/pg.js';
import { PgRunQueue } from '../../src/fleet/pg-queue.js';
import { readEcosystemText } from '../../src/store/read.js';
import { type FleetProcess, killGroup, startCoordinator, startWorker, waitFor, workerHost } from '../helpers/fleet.js';
import { freshDatabase } from '../helpers/postgres.js';
import { runEcosystem } from '../helpers/runs.js';
import { tempDir } from '../helpers/temp.js';

const REPOS = Array.from({ length: 10 }, (_, i) => `repo-${i}`);
const RUNS = 300;
const FINAL = ['succeeded', 'failed', 'no_op', 'cancelled', 'infra_error'];

const procs: FleetProcess[] = [];

/** The processes whose working folder is under `dir` (Linux /proc). */
function processesIn(dir: string): number[] {
  return fs.readdirSync('/proc').filter((e) => /^\d+$/.test(e)).filter((pid) => {
    try {
      const cwd = fs.readlinkSync(`/proc/${pid}/cwd`);
      return cwd === dir || cwd.startsWith(`${dir}/`);
    } catch {
      return false;
    }
  }).map(Number);
}
afterAll(() => procs.forEach(killGroup));

describe('the fleet under chaos', () => {
  it('coordinator + 3 workers, 300 runs in 10 repos, a worker SIGKILLed and replaced: each run ends once, repos stay serial, nothing lost', async () => {
    const url = await freshDatabase('chaos');
    const spans = path.join(tempDir('concord-spans-'), 'spans.log');
    const todos = Array.from({ length: RUNS }, (_, i) => ({ id: `TODO-${i}`, task: `item ${i}`, repo: REPOS[i % REPOS.length], status: 'pending', labels: ['no-code'] }));
    const e = runEcosystem({
      repos: REPOS,
      todos,
      settings: {
        queue: { capacity: 1000, max_running: 100, per_repo: 1, heartbeat_seconds: 0.3, lease_seconds: 2, poll_ms: 20, retry: { infra_attempts: 25, backoff_base_ms: 10, backoff_max_ms: 100 } },
        // A tiny agent that writes when it starts and ends, and where (its checkout names its worker's host): the
        // spans file shows any overlap in a repo.
        executors: { tick: { command: 'sh', args: ['-c', 'echo "start $CONCORD_REPO $CONCORD_RUN $(date +%s%N) $PWD" >> "$SPANS"; sleep 0.03; echo "end $CONCORD_REPO $CONCORD_RUN $(date +%s%N) $PWD" >> "$SPANS"; echo "done $CONCORD_TODO"'], pass_env: ['SPANS'] } },
        pools: [{ name: 'default', executor: 'tick', isolation: 'in_place', limits: { after_result_seconds: 5, idle_seconds: 30, wall_seconds: 60, kill_grace_seconds: 0.2 } }],
      },
    });
    const env = { ...e.env, SPANS: spans };
    const q = new PgRunQueue(openPool(url, 4), (n) => randomBytes(n));
    e.ws.useRunQueue(q);
    procs.push(await startCoordinator(e.dir, url, env));
    const hosts = Array.from({ length: 4 }, () => workerHost(Object.fromEntries(REPOS.map((r) => [r, e.repoDir(r)]))));
    const workers = await Promise.all(hosts.slice(0, 3).map((h) => startWorker(h, url, env)));
    procs.push(...workers);
    for (const t of todos) await executeTodo(e.ws, { todo: t.id });

    const finals = async () => Number((await q.query<{ n: string }>(`SELECT COUNT(*) AS n FROM concord.runs WHERE status = ANY($1)`, [FINAL]))[0]!.n);
    // Kill the first worker once a third of the runs ended, while it runs one.
    const victim = workers[0]!;
    const victimPid = victim.child.pid!;
    await waitFor('the victim to run a run a third of the way in', async () => {
      if ((await finals()) < RUNS / 3) return undefined;
      return (await q.query("SELECT id FROM concord.runs WHERE worker_pid = $1 AND status = 'running'", [victimPid])).length > 0;
    }, 180_000, 5);
    killGroup(victim);
    await victim.exited;
    const killedAt = new Date().toISOString();
    // Its agents (their own process groups) are killed by its watchdog when it dies, before they write their
    // end line. When the last process in its host's folders is gone, nothing of the victim runs any more.
    const victimHost = fs.realpathSync(hosts[0]!);
    const gone = await waitFor('the killed worker\'s agents to be gone', async () => (processesIn(victimHost).length === 0 ? process.hrtime.bigint() : undefined), 30_000, 2);
    const goneNs = BigInt(Date.now()) * 1_000_000n - (process.hrtime.bigint() - gone);
    // What it held when it died (nothing of it moves any more): its tokens must never work again.
    const held = await q.query<{ id: string; lease_token: string }>("SELECT id, lease_token FROM concord.runs WHERE worker_pid = $1 AND status IN ('dispatching', 'running')", [victimPid]);
    expect(held.length).toBeGreaterThan(0);
    procs.push(await startWorker(hosts[3]!, url, env));

    await waitFor('every run to end', async () => (await finals()) === RUNS, 240_000, 200);
    await waitFor('the coordinator to apply every result', async () => {
      const { graph } = await loadSnapshot(e.ws);
      return todos.every((t) => graph.todos.get(t.id)!.status === 'completed');
    }, 60_000, 200);

    // Every run ended exactly once, successfully, with one succeeded attempt.
    const runs = await q.list({ limit: 10_000 });
    expect(runs).toHaveLength(RUNS);
    expect(new Set(runs.map((r) => r.todo)).size).toBe(RUNS);
    expect(runs.filter((r) => r.status !== 'succeeded').map((r) => [r.id, r.status, r.outcome?.reason])).toEqual([]);
    const ends = await q.query<{ run_id: string; n: string }>('SELECT run_id, COUNT(*) AS n FROM concord.transitions WHERE to_status = ANY($1) GROUP BY run_id', [FINAL]);
    expect(ends.filter((x) => x.n !== '1')).toEqual([]);
    expect(ends).toHaveLength(RUNS);

    // The killed worker's runs were reclaimed (their attempt ended as infra_error after it died) and its tokens refused.
    const spansByRepo = new Map<string, { from: string; to: string; run: string }[]>();
    for (const r of runs) {
      const attempts = await q.attempts(r.id);
      expect(attempts.filter((a) => a.status === 'succeeded'), r.id).toHaveLength(1);
      for (const a of attempts) {
        expect(a.finished_at, `${r.id} attempt ${a.attempt}`).toBeDefined();
        if (a.worker.includes(`:${victimPid}:`) && a.finished_at! > killedAt) expect(a.status, `${r.id} attempt ${a.attempt} of the killed worker`).toBe('infra_error');
        spansByRepo.set(r.repo, [...(spansByRepo.get(r.repo) ?? []), { from: a.started_at, to: a.finished_at!, run: r.id }]);
      }
    }
    for (const h of held) {
      await expect(q.finish(h.id, h.lease_token, { outcome: { status: 'succeeded', reason: 'late', turns: 1, tokens: { input: 0, output: 0 } } }, new Date())).rejects.toMatchObject({ code: 'STALE_RUN' });
      await expect(q.heartbeat(h.id, h.lease_token, new Date(), 1000)).rejects.toMatchObject({ code: 'STALE_RUN' });
    }

    // Never two runs of one repo at once: neither in the queue's attempts nor in what the agents wrote.
    for (const [repo, list] of spansByRepo) {
      const mine = list.sort((a, b) => a.from.localeCompare(b.from));
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.from >= mine[i - 1]!.to, `${mine[i]!.run} overlapped ${mine[i - 1]!.run} in ${repo}`).toBe(true);
    }
    // An attempt that logged no end may only be one of the killed worker's (its agent was killed), and the
    // repo's next run may only start once that agent was gone; any other start in a busy repo is an overlap.
    const open = new Map<string, { run: string; host: string }>();
    const lines = fs.readFileSync(spans, 'utf8').trim().split('\n');
    let killed = 0;
    for (const line of lines) {
      const [kind, repo, run, ns, cwd] = line.split(' ');
      const host = cwd!.startsWith(`${victimHost}/`) ? 'victim' : 'live';
      if (kind === 'start') {
        const before = open.get(repo!);
        if (before) {
          expect(before.host === 'victim' && BigInt(ns!) > goneNs, `${run} started in ${repo} while ${before.run} ran (on the ${before.host} worker's host)`).toBe(true);
          killed++;
        }
        open.set(repo!, { run: run!, host });
      } else open.delete(repo!);
    }
    expect(killed).toBeLessThanOrEqual(held.length);
    expect(lines.filter((l) => l.startsWith('start')).length).toBeGreaterThanOrEqual(RUNS);

    // Nothing lost: every todo completed once in a valid file, one run:succeeded per run in the history.
    const read = readEcosystemText(fs.readFileSync(e.file, 'utf8'), e.file);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const ended = e.ws.events.list({ types: ['run:succeeded'], limit: 100_000 });
    expect(new Set(ended.map((x) => (x.data as { run: string }).run)).size).toBe(RUNS);
    expect(ended).toHaveLength(RUNS);

    // The reaper removed the dead worker; SIGTERM drains the others and leaves nothing locked.
    const live = procs.filter((p) => p !== victim && p !== procs[0]);
    for (const w of live) w.child.kill('SIGTERM');
    expect(await Promise.all(live.map((w) => w.exited))).toEqual(live.map(() => 0));
    expect(await q.query('SELECT id FROM concord.workers')).toEqual([]);
    expect(await q.query('SELECT id FROM graphile_worker._private_jobs')).toEqual([]);
    expect(await q.query('SELECT id FROM graphile_worker._private_job_queues WHERE locked_at IS NOT NULL')).toEqual([]);
    await q.close();
  }, 600_000);
});
