// The long-running delivery loop (for `concord serve` and `concord hooks run --watch`).
import { setTimeout as sleep } from 'node:timers/promises';
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
    await drainHooks(ws, options);
    const wait = Math.min(poll, nextDeliveryInMs(ws) ?? poll);
    // The signal ends the wait early (the sleep then rejects with an AbortError, which is the point).
    await sleep(Math.max(10, wait), undefined, { signal: options.signal }).catch(() => undefined);
  }
}
