// The conformance suite of the run queue contract (src/core/runs/queue.ts). Every engine runs it: the
// embedded SQLite queue (test/integration/run-queue.test.ts) and, in the fleet, PostgreSQL.
// Time is passed in explicitly, so leases, backoff and expiry are tested without waiting.
import { describe, expect, it } from 'vitest';
import type { RunOutcome } from '../../src/core/runs/outcome.js';
import type { ClaimRequest, EnqueueRequest, RunQueue } from '../../src/core/runs/queue.js';

export interface QueueEngine {
  /** A fresh, empty queue. */
  open(): Promise<RunQueue>;
  /** Another connection (another process's view) to the same queue as the last one opened. */
  another(): Promise<RunQueue>;
}

const T0 = Date.parse('2026-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(T0 + ms);
const job = (todo: string, repo = 'api', over: Partial<EnqueueRequest> = {}): EnqueueRequest => ({ todo, repo, pool: 'default', executor: 'claude', requested_by: 'tester', capacity: 50, ...over });
const claimer = (over: Partial<ClaimRequest> = {}): ClaimRequest => ({ worker: 'w1', pools: ['default'], selector: 'least_loaded', per_repo: 1, repo_limits: {}, max_running: 100, lease_ms: 30_000, ...over });
const done = (status: RunOutcome['status'] = 'succeeded'): RunOutcome => ({ status, reason: status, turns: 1, tokens: { input: 10, output: 5 } });

export function runQueueContract(name: string, engine: QueueEngine): void {
  describe(`the run queue contract: ${name}`, () => {
    it('enqueue makes one queued run; enqueuing the same todo again returns its live run', async () => {
      const q = await engine.open();
      const a = await q.enqueue(job('TODO-1'), at(0));
      expect(a).toMatchObject({ created: true, run: { todo: 'TODO-1', status: 'queued', attempt: 0, id: expect.stringMatching(/^RUN-[0-9A-Z]{10}$/) } });
      const b = await q.enqueue(job('TODO-1'), at(1));
      expect(b).toEqual({ created: false, run: a.run });
    });

    it('16 concurrent enqueues of one todo, from 16 connections, create exactly one run', async () => {
      await engine.open();
      const queues = await Promise.all(Array.from({ length: 16 }, () => engine.another()));
      const results = await Promise.all(queues.map((q) => q.enqueue(job('TODO-race'), at(0))));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.run.id)).size).toBe(1);
      expect(await queues[0]!.list({ todo: 'TODO-race' })).toHaveLength(1);
    });

    it('refuses a run past capacity with QUEUE_FULL and a retry hint, and queues nothing', async () => {
      const q = await engine.open();
      for (let i = 0; i < 3; i++) await q.enqueue(job(`TODO-${i}`, `r${i}`, { capacity: 3 }), at(i));
      await expect(q.enqueue(job('TODO-9', 'r9', { capacity: 3 }), at(9))).rejects.toMatchObject({ code: 'QUEUE_FULL', data: { capacity: 3, queued: 3, retry_after_seconds: expect.any(Number) } });
      expect((await q.counts()).queued).toBe(3);
    });

    it('hands out runs FIFO across repos, each with an unguessable token and a fence', async () => {
      const q = await engine.open();
      const ids = [];
      for (const [i, repo] of ['a', 'b', 'c'].entries()) ids.push((await q.enqueue(job(`TODO-${repo}`, repo), at(i))).run.id);
      const got = [];
      for (let i = 0; i < 3; i++) got.push((await q.claim(claimer(), at(10 + i)))!);
      expect(got.map((c) => c.run.id)).toEqual(ids);
      for (const c of got) expect(c).toMatchObject({ run: { status: 'dispatching', worker: 'w1' }, lease: { token: expect.stringMatching(/^[0-9a-f]{32}$/), fence: expect.any(Number) } });
      expect(new Set(got.map((c) => c.lease.token)).size).toBe(3);
      expect(await q.claim(claimer(), at(20))).toBeUndefined();
    });

    it('is serial within a repo by default, N per repo when configured, and respects the global cap', async () => {
      const q = await engine.open();
      for (let i = 0; i < 3; i++) await q.enqueue(job(`TODO-a${i}`, 'a'), at(i));
      await q.enqueue(job('TODO-b0', 'b'), at(5));
      const first = (await q.claim(claimer(), at(10)))!;
      expect(first.run.todo).toBe('TODO-a0');
      // a is busy: the next claim skips its queue and takes b; then nothing is left that may start.
      expect((await q.claim(claimer(), at(11)))!.run.todo).toBe('TODO-b0');
      expect(await q.claim(claimer(), at(12))).toBeUndefined();
      expect((await q.claim(claimer({ repo_limits: { a: 2 } }), at(13)))!.run.todo).toBe('TODO-a1');
      expect(await q.claim(claimer({ per_repo: 3 }), at(14))).toBeDefined();
      await q.enqueue(job('TODO-c0', 'c'), at(15));
      expect(await q.claim(claimer({ max_running: 4 }), at(16))).toBeUndefined();
      expect((await q.counts()).active_by_repo).toEqual({ a: 3, b: 1 });
    });

    it('claims from 16 connections at once keep each repo serial and the global cap, far from it and near it', async () => {
      const q = await engine.open();
      for (let i = 0; i < 60; i++) await q.enqueue(job(`TODO-c${i}`, `r${i % 20}`, { capacity: 100 }), at(i));
      const queues = await Promise.all(Array.from({ length: 16 }, () => engine.another()));
      // Far from the cap (20 repos, a cap of 15): every repo at most once, at most 15 in all.
      const first = await Promise.all(queues.map((c, i) => c.claim(claimer({ worker: `w${i}`, max_running: 15 }), at(100))));
      const second = await Promise.all(queues.map((c, i) => c.claim(claimer({ worker: `w${i}`, max_running: 15 }), at(101))));
      const took = [...first, ...second].filter((c) => c !== undefined);
      expect(took).toHaveLength(15);
      expect(new Set(took.map((c) => c.run.repo)).size).toBe(15);
      // Near it (a cap of 17): two more, whoever asks.
      const third = await Promise.all(queues.map((c, i) => c.claim(claimer({ worker: `w${i}`, max_running: 17 }), at(102))));
      expect(third.filter((c) => c !== undefined)).toHaveLength(2);
      const counts = await q.counts();
      expect(counts.active).toBe(17);
      expect(Object.values(counts.active_by_repo).every((n) => n === 1)).toBe(true);
    });

    it('serves only the pools a worker asks for', async () => {
      const q = await engine.open();
      await q.enqueue(job('TODO-x', 'x', { pool: 'gpu' }), at(0));
      expect(await q.claim(claimer(), at(1))).toBeUndefined();
      expect((await q.claim(claimer({ pools: ['gpu'] }), at(2)))!.run.pool).toBe('gpu');
    });

    it('a claim for a sweep or for listed runs takes only those (the oldest of them in a repo), from any of its pools, once due', async () => {
      const q = await engine.open();
      const other = (await q.enqueue(job('TODO-o', 'a'), at(0))).run;
      const s1 = (await q.enqueue(job('TODO-s1', 'a', { sweep: 'SWEEP-1' }), at(1))).run;
      const s2 = (await q.enqueue(job('TODO-s2', 'a', { sweep: 'SWEEP-1', pool: 'gpu' }), at(2))).run;
      const listed = (await q.enqueue(job('TODO-l', 'b', { pool: 'gpu' }), at(3))).run;
      // The sweep's worker skips the older run that is not the sweep's, and the pool it was not asked for.
      const a = (await q.claim(claimer({ sweep: 'SWEEP-1', per_repo: 3 }), at(10)))!;
      expect(a.run.id).toBe(s1.id);
      expect(await q.claim(claimer({ sweep: 'SWEEP-1', per_repo: 3 }), at(11))).toBeUndefined();
      expect((await q.claim(claimer({ sweep: 'SWEEP-1', per_repo: 3, pools: ['default', 'gpu'] }), at(12)))!.run.id).toBe(s2.id);
      // A command's own worker takes only the runs it queued.
      expect(await q.claim(claimer({ runs: [listed.id] }), at(13))).toBeUndefined();
      expect((await q.claim(claimer({ runs: [listed.id], pools: ['gpu'] }), at(14)))!.run.id).toBe(listed.id);
      expect((await q.get(other.id))!.status).toBe('queued');
      // Not before its backoff: a retried run waits out its delay.
      await q.finish(a.run.id, a.lease.token, { outcome: done('infra_error'), retry: { delay_ms: 60_000 } }, at(20));
      expect(await q.claim(claimer({ sweep: 'SWEEP-1', per_repo: 3, pools: ['default', 'gpu'] }), at(30))).toBeUndefined();
      expect((await q.claim(claimer({ sweep: 'SWEEP-1', per_repo: 3, pools: ['default', 'gpu'] }), at(60_021)))!.run.id).toBe(s1.id);
    });

    it('runs one attempt: start, heartbeats, finish; a wrong token is refused with STALE_RUN', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      const c = (await q.claim(claimer(), at(1)))!;
      await expect(q.start(run.id, 'f'.repeat(32), {}, at(2))).rejects.toMatchObject({ code: 'STALE_RUN' });
      const started = await q.start(run.id, c.lease.token, { worktree: '/w', branch: `concord/TODO-1/${run.id}`, base_commit: 'abc' }, at(2));
      expect(started).toMatchObject({ status: 'running', attempt: 1, branch: `concord/TODO-1/${run.id}` });
      const hb = await q.heartbeat(run.id, c.lease.token, at(20_000), 30_000, { session: 's-1' });
      expect(hb).toEqual({ cancel_requested: false, lease: { token: c.lease.token, fence: c.lease.fence, expires_at: at(50_000).toISOString() } });
      expect(await q.expired(at(40_000))).toEqual([]);
      const t = await q.finish(run.id, c.lease.token, { outcome: done() }, at(41_000));
      expect(t).toMatchObject({ from: 'running', to: 'succeeded', run: { status: 'succeeded', session: 's-1', outcome: { status: 'succeeded' } } });
      await expect(q.finish(run.id, c.lease.token, { outcome: done() }, at(42_000))).rejects.toMatchObject({ code: 'STALE_RUN' });
      expect(await q.attempts(run.id)).toEqual([expect.objectContaining({ attempt: 1, worker: 'w1', status: 'succeeded' })]);
      // The todo has no live run now: it can be queued again.
      expect((await q.enqueue(job('TODO-1'), at(43_000))).created).toBe(true);
    });

    it('a dead worker’s run expires, is reclaimed once, and its late result is refused by its token', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      const dead = (await q.claim(claimer({ worker: 'dead' }), at(1)))!;
      await q.start(run.id, dead.lease.token, {}, at(2));
      expect(await q.expired(at(29_000))).toEqual([]);
      const [expired] = await q.expired(at(31_000));
      expect(expired).toMatchObject({ id: run.id, worker: 'dead' });
      const other = await engine.another();
      const [a, b] = await Promise.all([q.reclaim(run.id, expired!.fence!, at(31_000), { end: false, delay_ms: 0 }), other.reclaim(run.id, expired!.fence!, at(31_000), { end: false, delay_ms: 0 })]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect((a ?? b)!).toMatchObject({ from: 'running', to: 'queued' });
      const next = (await q.claim(claimer({ worker: 'alive' }), at(32_000)))!;
      expect(next.lease.fence).toBeGreaterThan(dead.lease.fence);
      await expect(q.finish(run.id, dead.lease.token, { outcome: done() }, at(33_000))).rejects.toMatchObject({ code: 'STALE_RUN' });
      await expect(q.heartbeat(run.id, dead.lease.token, at(33_000), 30_000)).rejects.toMatchObject({ code: 'STALE_RUN' });
      await q.start(run.id, next.lease.token, {}, at(34_000));
      await q.finish(run.id, next.lease.token, { outcome: done() }, at(35_000));
      expect((await q.attempts(run.id)).map((x) => [x.attempt, x.status])).toEqual([[1, 'infra_error'], [2, 'succeeded']]);
    });

    it('a reclaim that comes after a heartbeat is refused (the holder is alive)', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      const c = (await q.claim(claimer(), at(1)))!;
      const [expired] = await q.expired(at(31_000));
      await q.heartbeat(run.id, c.lease.token, at(31_500), 30_000);
      expect(await q.reclaim(run.id, expired!.fence!, at(32_000), { end: false, delay_ms: 0 })).toBeUndefined();
      expect((await q.get(run.id))!.status).toBe('dispatching');
    });

    it('a retry goes back to the queue after its delay, with the feedback, as the next attempt', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      const c = (await q.claim(claimer(), at(1)))!;
      await q.start(run.id, c.lease.token, {}, at(2));
      const t = await q.finish(run.id, c.lease.token, { outcome: done('failed'), retry: { delay_ms: 5_000, feedback: 'npm test failed' } }, at(3));
      expect(t).toMatchObject({ to: 'queued', run: { feedback: 'npm test failed', outcome: { status: 'failed' } } });
      expect(await q.claim(claimer(), at(4_000))).toBeUndefined();
      const again = (await q.claim(claimer(), at(5_003)))!;
      expect((await q.start(run.id, again.lease.token, {}, at(5_004))).attempt).toBe(2);
    });

    it('cancels a queued run at once, and a running one through its holder', async () => {
      const q = await engine.open();
      const a = (await q.enqueue(job('TODO-a', 'a'), at(0))).run;
      expect(await q.cancel(a.id, at(1))).toMatchObject({ from: 'queued', to: 'cancelled' });
      const b = (await q.enqueue(job('TODO-b', 'b'), at(2))).run;
      const c = (await q.claim(claimer(), at(3)))!;
      await q.start(b.id, c.lease.token, {}, at(4));
      expect(await q.cancel(b.id, at(5))).toBeUndefined();
      expect((await q.heartbeat(b.id, c.lease.token, at(6), 30_000)).cancel_requested).toBe(true);
      expect(await q.finish(b.id, c.lease.token, { outcome: done('failed'), retry: { delay_ms: 0 } }, at(7))).toMatchObject({ to: 'cancelled' });
    });

    it('resumes a limit stop with the answer; refuses while the todo has another live run', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      const c = (await q.claim(claimer(), at(1)))!;
      await q.start(run.id, c.lease.token, { session: 's-9' }, at(2));
      await q.finish(run.id, c.lease.token, { outcome: { ...done('needs_input'), session: 's-9' } }, at(3));
      const other = await q.enqueue(job('TODO-1'), at(4));
      await expect(q.resume(run.id, at(5), 'use SQLite')).rejects.toMatchObject({ code: 'RUN_EXISTS' });
      await q.cancel(other.run.id, at(6));
      expect(await q.resume(run.id, at(7), 'use SQLite')).toMatchObject({ from: 'needs_input', to: 'queued', run: { resume: true, answer: 'use SQLite', session: 's-9' } });
      await expect(q.resume(run.id, at(8))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
    });

    it('a draining worker hands its run back without spending the attempt', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      const c = (await q.claim(claimer(), at(1)))!;
      await q.start(run.id, c.lease.token, { session: 's-1' }, at(2));
      expect(await q.release(run.id, c.lease.token, at(3))).toMatchObject({ from: 'running', to: 'queued', run: { attempt: 0, resume: true } });
      expect(await q.attempts(run.id)).toEqual([]);
    });

    it('follows the transition table: a final run cannot be finished or resumed', async () => {
      const q = await engine.open();
      const { run } = await q.enqueue(job('TODO-1'), at(0));
      await q.cancel(run.id, at(1));
      await expect(q.resume(run.id, at(2))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      await expect(q.cancel(run.id, at(3))).rejects.toMatchObject({ code: 'INVALID_TRANSITION' });
      await expect(q.get('RUN-NOPE')).resolves.toBeUndefined();
      await expect(q.cancel('RUN-NOPE', at(4))).rejects.toMatchObject({ code: 'RUN_NOT_FOUND' });
    });

    it('selectors order repos: least loaded, round robin (least recently started), affinity (this worker’s last repos)', async () => {
      const q = await engine.open();
      for (const [i, t] of [['a1', 'a'], ['b1', 'b'], ['a2', 'a'], ['c1', 'c']].entries()) await q.enqueue(job(`TODO-${t[0]}`, t[1]), at(i));
      const rr = (await q.claim(claimer({ selector: 'affinity', recent_repos: ['c'] }), at(10)))!;
      expect(rr.run.repo).toBe('c');
      const ll = (await q.claim(claimer({ selector: 'least_loaded', per_repo: 2 }), at(11)))!;
      expect(ll.run.repo).toBe('a');
      // a and c have started runs; b never: round robin serves b first.
      expect((await q.claim(claimer({ selector: 'round_robin', per_repo: 2 }), at(12)))!.run.repo).toBe('b');
    });

    it('lists and counts runs by status, todo and repo', async () => {
      const q = await engine.open();
      await q.enqueue(job('TODO-1', 'a'), at(0));
      await q.enqueue(job('TODO-2', 'b', { sweep: 'SWEEP-1' }), at(1));
      await q.claim(claimer(), at(2));
      expect((await q.list()).map((r) => r.todo)).toEqual(['TODO-2', 'TODO-1']);
      expect((await q.list({ status: ['queued'] })).map((r) => r.todo)).toEqual(['TODO-2']);
      expect((await q.list({ sweep: 'SWEEP-1' })).map((r) => r.todo)).toEqual(['TODO-2']);
      expect(await q.counts()).toMatchObject({ queued: 1, active: 1, by_status: { queued: 1, dispatching: 1 } });
    });
  });
}
