// `concord serve --workers` (and `--demo`): a worker of every pool in the server's process, so runs queued from
// the dashboard or the API start at once; with `sweep`, that plan is swept too (the demo's live sweep).
import { poolsOf } from '../app/runs/pools.js';
import type { Workspace } from '../app/workspace.js';
import { Worker } from '../exec/worker.js';
import type { Output } from './output.js';

export interface ServeWorkers {
  stop: () => Promise<void>;
}

export async function startServeWorkers(ws: Workspace, out: Output, o: { sweep?: string; sweepDelayMs?: number } = {}): Promise<ServeWorkers> {
  const { assertExecutionEnabled } = await import('../app/runs/execute.js');
  assertExecutionEnabled(ws);
  const stop = new AbortController();
  const workers = poolsOf(ws.settings).map(
    (pool) =>
      new Worker(ws, {
        pool,
        env: ws.env.vars,
        drainMs: 5_000,
        onEvent: (e) => {
          if (e.type === 'started') out.note(`run started  ${e.run.todo} ${e.run.id} (${e.run.executor})`);
          else if (e.type === 'ended') out.note(`run ${e.run.status.padEnd(8)} ${e.run.todo} ${e.run.id}: ${e.run.outcome?.reason ?? ''}`);
        },
      }),
  );
  const running = workers.map((w) => w.run(stop.signal).catch((e: Error) => out.note(`worker stopped: ${e.message}`)));
  out.note(`  workers: ${workers.map((w, i) => `${poolsOf(ws.settings)[i]!.name} (${w.slots} at once)`).join(', ')}`);
  let timer: NodeJS.Timeout | undefined;
  let sweeping: Promise<unknown> | undefined;
  if (o.sweep) {
    const plan = o.sweep;
    // A moment first, so a browser opened on the URL sees the sweep begin.
    timer = setTimeout(() => {
      sweeping = import('../exec/sweep.js')
        // The sweep's own workers stop with the server: no run of it writes after stop() (the demo's folder is removed then).
        .then(({ runSweep }) => runSweep(ws, { plan, env: ws.env.vars, signal: stop.signal, onLine: (l) => out.note(`sweep ${l}`) }))
        .then(
          (r) => !stop.signal.aborted && out.note(`sweep of ${plan} ${r.status}: ${r.succeeded.length} succeeded, ${r.failed.length} failed`),
          (e: Error) => !stop.signal.aborted && out.note(`sweep of ${plan} stopped: ${e.message}`),
        );
    }, o.sweepDelayMs ?? 3_000);
  }
  return {
    stop: async () => {
      if (timer) clearTimeout(timer);
      stop.abort();
      await Promise.all([...running, sweeping]);
    },
  };
}
