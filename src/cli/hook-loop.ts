// Long-running commands (`concord serve`, `concord mcp`) deliver hooks while they run.
import type { Workspace } from '../app/workspace.js';
import { runHookDeliveryLoop } from '../hooks/loop.js';
import type { CliContext } from './context.js';

/**
 * Runs `work` with the hook delivery loop beside it; when `work` ends, deliveries under way are given
 * back (their attempt not spent) and the command exits without the after-write drain.
 */
export async function withHookDelivery<T>(ctx: CliContext, ws: Workspace, work: () => Promise<T>): Promise<T> {
  ctx.hooksDelivered = true;
  if (!ws.settings.hooks.some((h) => h.enabled)) return work();
  const stop = new AbortController();
  const loop = runHookDeliveryLoop(ws, {
    signal: stop.signal,
    onOutcome: (o, state) => {
      if (!o.ok) ctx.io.stderr.write(`hook "${o.hook}" failed on event ${o.event} (attempt ${o.attempt}): ${o.error ?? 'failed'}${state === 'dead' ? '; dead-lettered' : '; will retry'}\n`);
    },
  }).catch((e: Error) => ctx.io.stderr.write(`hook delivery stopped: ${e.message}\n`));
  try {
    return await work();
  } finally {
    stop.abort();
    await loop;
  }
}
