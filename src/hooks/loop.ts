// The long-running delivery loop (for `concord serve` and `concord hooks run --watch`).
import { nextDeliveryInMs } from '../app/hook-deliveries.js';
import type { Workspace } from '../app/workspace.js';
import { drainHooks, type DrainOptions } from './drain.js';

export interface LoopOptions extends Pick<DrainOptions, 'onOutcome'> {
  signal: AbortSignal;
  /** How often to look for deliveries enqueued by other processes. */
  pollMs?: number;
}

/** Delivers due deliveries until `signal` fires; resolves once the deliveries under way are given back. */
export async function runHookDeliveryLoop(ws: Workspace, options: LoopOptions): Promise<void> {
  const poll = options.pollMs ?? 1_000;
  while (!options.signal.aborted) {
    await drainHooks(ws, { signal: options.signal, ...(options.onOutcome ? { onOutcome: options.onOutcome } : {}) });
    const wait = Math.min(poll, nextDeliveryInMs(ws) ?? poll);
    await sleep(Math.max(10, wait), options.signal);
  }
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done() {
      clearTimeout(timer);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}
