// A command's own worker: `execute --wait` runs its run in this process, and waits for it to end.
import { poolsOf } from '../app/runs/pools.js';
import type { Workspace } from '../app/workspace.js';
import type { RunRecord } from '../core/runs/queue.js';
import { isLiveRun } from '../core/runs/states.js';
import type { WorkerEvent } from './run-one.js';
import { Worker } from './worker.js';

export async function waitForRun(ws: Workspace, run: RunRecord, o: { env: Readonly<Record<string, string | undefined>>; onEvent?: (e: WorkerEvent) => void; signal?: AbortSignal }): Promise<RunRecord> {
  if (ws.fleet) return waitOnFleet(ws, run, o.signal);
  const pool = poolsOf(ws.settings).find((p) => p.name === run.pool);
  if (!pool) throw new Error(`pool ${run.pool} of run ${run.id} is no longer in concord.yaml`);
  const worker = new Worker(ws, { pool, env: o.env, runs: [run.id], ...(o.onEvent ? { onEvent: o.onEvent } : {}) });
  let last = run;
  await worker.run(o.signal ?? new AbortController().signal, async () => {
    last = (await ws.runs.get(run.id)) ?? last;
    return !isLiveRun(last.status);
  });
  return (await ws.runs.get(run.id)) ?? last;
}

/** On the fleet a worker somewhere runs it: wait for it to end. */
async function waitOnFleet(ws: Workspace, run: RunRecord, signal?: AbortSignal): Promise<RunRecord> {
  let last = run;
  while (isLiveRun(last.status) && !signal?.aborted) {
    await new Promise((r) => setTimeout(r, ws.settings.queue.poll_ms));
    last = (await ws.runs.get(run.id)) ?? last;
  }
  return last;
}
