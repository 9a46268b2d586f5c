// How the CLI delivers hooks: briefly after a command that recorded events, or all along a long-running
// command (`concord mcp`, `concord serve`).
//
// With no server running, someone must drain the outbox after a write; the process that caused the events
// is the natural one. It starts deliveries for `hook_delivery.budget_ms`; those under way finish within their
// hook's timeout. Whatever is left (retries, slow hooks) waits for the next write, `concord hooks run`,
// or `concord serve`. A failure is reported on stderr and never changes the command's result.
import { hasHookWork } from '../app/hook-deliveries.js';
import type { Workspace } from '../app/workspace.js';
import type { DrainOptions } from '../hooks/drain.js';
import type { CliContext } from './context.js';

/** A failed attempt, on stderr: which hook, which event, why, and what happens to it next. */
function reportFailures(ctx: CliContext): NonNullable<DrainOptions['onOutcome']> {
  return (o, state) => {
    if (!o.ok) ctx.io.stderr.write(`hook "${o.hook}" failed on event ${o.event} (attempt ${o.attempt}): ${o.error ?? 'failed'}; ${state === 'dead' ? 'dead-lettered' : 'will retry'} (concord hooks deliveries)\n`);
  };
}

export async function deliverHooksAfterWrite(ctx: CliContext): Promise<void> {
  const ws = ctx.openWorkspace;
  // A concord run by a hook leaves delivery to the process that ran the hook.
  if (!ws || ctx.hooksDelivered || ws.surface === 'hook' || !hasHookWork(ws) || !ws.settings.hook_delivery.after_write) return;
  try {
    // Loaded only when there is something to deliver: most writes have no hook, and the delivery code is ~18 ms to load.
    const { drainHooks } = await import('../hooks/drain.js');
    await drainHooks(ws, { budgetMs: ws.settings.hook_delivery.budget_ms, onOutcome: reportFailures(ctx) });
  } catch (e) {
    ctx.io.stderr.write(`hooks were not delivered now (${(e as Error).message}); they stay queued (concord hooks run)\n`);
  }
}

/**
 * Runs `work` with the hook delivery loop beside it; when `work` ends, deliveries under way are given
 * back (their attempt not spent) and the command exits without the after-write drain.
 */
export async function withHookDelivery<T>(ctx: CliContext, ws: Workspace, work: () => Promise<T>): Promise<T> {
  ctx.hooksDelivered = true;
  if (!ws.settings.hooks.some((h) => h.enabled)) return work();
  const { runHookDeliveryLoop } = await import('../hooks/loop.js');
  const stop = new AbortController();
  const loop = runHookDeliveryLoop(ws, { signal: stop.signal, onOutcome: reportFailures(ctx) }).catch((e: Error) => ctx.io.stderr.write(`hook delivery stopped: ${e.message}\n`));
  try {
    return await work();
  } finally {
    stop.abort();
    await loop;
  }
}
