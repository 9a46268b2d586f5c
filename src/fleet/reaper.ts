// The reaper: what a worker that stopped heartbeating (killed, cut off) held is released within a lease.
//
// graphile-worker alone would leave a crashed worker's jobs and named queues locked for hours; Concord
// knows sooner, from its own heartbeats. A worker whose row expired has its graphile-worker pool
// unlocked (force_unlock_workers) so its repos' queues move again, and every run whose lease expired is
// reclaimed once (the fence), back to the queue for another attempt or ended when its infrastructure
// retries are spent. The dead worker's late result is then refused by its token (STALE_RUN).
//
// A live worker can hold a lock it does not know of: PostgreSQL restarted after graphile-worker locked
// a job (and its queue) for it but before the answer arrived, or a completion was lost. That repo's
// queue would stay locked for the 4 hours of graphile-worker's own sweep. A job locked for longer than
// a lease whose run its pool's worker does not hold is such a lock: that pool is unlocked too. The
// pool's real jobs lose their locks with it, which is safe: Concord's claim (one run per todo, per
// repo and overall) decides who runs what, and a job whose run is already held ends at once.
import { decideRetry, type RetrySettings } from '../core/runs/retry.js';
import type { PgRunQueue } from './pg-queue.js';

/**
 * One pass; returns how many runs it reclaimed. A run is reclaimed `marginMs` after its lease expired: a live
 * worker that could not renew stops its agent a heartbeat before the lease ends (run-job.ts), so with a
 * margin of a heartbeat its agent is gone before another attempt starts.
 */
export async function reapRuns(q: PgRunQueue, retry: RetrySettings, leaseMs: number, warn: (m: string) => void = () => undefined, now = new Date(), marginMs = 0): Promise<number> {
  const dead = await q.query<{ id: string; job_pool: string | null }>('DELETE FROM concord.workers WHERE expires_at < $1 RETURNING id, job_pool', [now.toISOString()]);
  const pools = dead.map((d) => d.job_pool).filter((p): p is string => Boolean(p));
  const phantom = await q.query<{ locked_by: string }>(
    `SELECT DISTINCT j.locked_by FROM graphile_worker.jobs j
     WHERE j.locked_by IS NOT NULL AND j.locked_at < $1::timestamptz
       AND NOT EXISTS (SELECT 1 FROM concord.runs r JOIN concord.workers w ON w.id = r.worker
                       WHERE j.key = 'run:' || r.id AND r.status IN ('dispatching', 'running') AND w.job_pool = j.locked_by)`,
    [new Date(now.getTime() - leaseMs).toISOString()],
  );
  for (const p of phantom) if (!pools.includes(p.locked_by)) pools.push(p.locked_by);
  if (pools.length) await q.query('SELECT graphile_worker.force_unlock_workers($1::text[])', [pools]);
  for (const d of dead) warn(`worker ${d.id} stopped heartbeating: its jobs and queues were unlocked`);
  for (const p of phantom) warn(`graphile-worker pool ${p.locked_by} held a job lock its worker did not know of (a lost answer): unlocked`);
  let n = 0;
  for (const run of await q.expired(new Date(now.getTime() - marginMs))) {
    const attempt = Math.max(run.attempt, 1);
    const d = decideRetry('infra_error', attempt, retry, Math.random());
    const t = await q.reclaim(run.id, run.fence!, now, d.retry ? { end: false, delay_ms: d.delay_ms } : { end: true, reason: `the worker died on attempt ${attempt} of ${retry.infra_attempts}` });
    if (t) n++;
  }
  return n;
}
