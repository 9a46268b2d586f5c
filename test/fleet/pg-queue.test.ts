// The fleet's PostgreSQL queue against the run queue contract (the same suite as the embedded queue).
import { randomBytes } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import { asTodoId } from '../../src/core/ids.js';
import type { RunOutcome } from '../../src/core/runs/outcome.js';
import { addRunJob, migrateJobs, type RunJobContext } from '../../src/fleet/jobs.js';
import { openPool } from '../../src/fleet/pg.js';
import { PgRunQueue } from '../../src/fleet/pg-queue.js';
import { runQueueContract } from '../contract/run-queue.js';
import { freshDatabase } from '../helpers/postgres.js';

const opened: PgRunQueue[] = [];
let url = '';
afterAll(async () => {
  await Promise.all(opened.map((q) => q.close()));
});

const open = (u: string) => {
  const q = new PgRunQueue(openPool(u, 2), (n) => randomBytes(n));
  opened.push(q);
  return q;
};

runQueueContract('PostgreSQL', {
  async open() {
    url = await freshDatabase('queue');
    return open(url);
  },
  async another() {
    return open(url);
  },
});

describe('a job going on in its repo (PgRunQueue.finish with next)', () => {
  const DONE: RunOutcome = { status: 'succeeded', reason: 'done', turns: 1, tokens: { input: 0, output: 0 } };
  const request = { worker: 'w1', worker_pid: 1, host: 'h', selector: 'least_loaded' as const, per_repo: 1, repo_limits: {}, max_running: 1, lease_ms: 30_000 };
  const context: RunJobContext = { prompt: 'p', acceptance: [], code_work: false, repo_dir: '/r', todo: { id: asTodoId('TODO-1'), task: 't' }, executors: {}, isolation: 'in_place', limits: { wall_seconds: 60, idle_seconds: 60, after_result_seconds: 1, kill_grace_seconds: 1 }, command_dir: '/', ecosystem: '/e.yaml' };

  it('ends the run and claims the repo’s next prepared run in one statement (its job removed, its context brought); a refused end claims nothing', async () => {
    const q = open(await freshDatabase('handover'));
    await migrateJobs(q.db, 30_000);
    const now = new Date();
    const enq = (todo: string, repo = 'api') => q.enqueue({ todo, repo, pool: 'default', executor: 'x', requested_by: 't', capacity: 100 }, now);
    const a = (await enq('TODO-1')).run;
    const b = (await enq('TODO-2')).run;
    const other = (await enq('TODO-3', 'web')).run;
    const unprepared = (await enq('TODO-4')).run;
    for (const r of [a, b, other]) expect(await addRunJob(q, r, context)).toBe(true);
    // max_running 1: the fleet's cap is full with a's claim, and b still takes a's place.
    const first = (await q.claim({ ...request, pools: ['default'], runs: [a.id] }, now))!;
    expect(first.context).toEqual(context);
    await q.start(a.id, first.lease.token, {}, now);
    const next = { request, repo: 'api', slots: 1, slot: 0 };
    // A stale token: nothing ends, nothing is claimed.
    await expect(q.finish(a.id, 'not-the-token', { outcome: DONE }, now, next)).rejects.toMatchObject({ code: 'STALE_RUN' });
    expect((await q.get(b.id))!.status).toBe('queued');
    const ended = await q.finish(a.id, first.lease.token, { outcome: DONE }, now, next);
    expect(ended).toMatchObject({ from: 'running', to: 'succeeded', looked: true, run: { id: a.id, status: 'succeeded' } });
    expect(ended.next).toMatchObject({ run: { id: b.id, status: 'dispatching', worker: 'w1' }, context });
    expect(ended.next!.lease.fence).toBe((await q.get(b.id))!.fence);
    const jobs = await q.query<{ key: string }>('SELECT key FROM graphile_worker.jobs ORDER BY key');
    expect(jobs.map((j) => j.key)).toEqual([`run:${a.id}`, `run:${other.id}`].sort());
    // Its lease is a real one: it starts and ends with its token; then the repo has nothing prepared (TODO-4 is not).
    await q.start(b.id, ended.next!.lease.token, {}, now);
    const last = await q.finish(b.id, ended.next!.lease.token, { outcome: DONE }, now, next);
    expect(last).toMatchObject({ to: 'succeeded', looked: true });
    expect(last.next).toBeUndefined();
    expect((await q.get(unprepared.id))!.status).toBe('queued');
    expect((await q.get(other.id))!.status).toBe('queued');
    // Only ends were recorded for the coordinator (claims append none, and no transition carries the context).
    const ts = await q.query<{ run_id: string; op: string; has_context: boolean }>("SELECT run_id, op, run ? 'context' AS has_context FROM concord.transitions WHERE run_id = ANY($1) ORDER BY seq", [[a.id, b.id]]);
    expect(ts.map((t) => [t.run_id, t.op, t.has_context])).toEqual([[a.id, 'enqueue', false], [b.id, 'enqueue', false], [a.id, 'start', false], [a.id, 'finish', false], [b.id, 'start', false], [b.id, 'finish', false]]);
  });
});
