// After a command that changed something: deliver due hook calls, bounded in time, before exiting.
//
// With no server running, someone must drain the outbox; the process that caused the events is the
// natural one. It starts deliveries for `hook_delivery.budget_ms`; those under way finish within their
// hook's timeout. Whatever is left (retries, slow hooks) waits for the next write, `concord hooks run`,
// or `concord serve`. A failure is reported on stderr and never changes the command's result.
import { hasHookWork } from '../app/hook-deliveries.js';
import { drainHooks } from '../hooks/drain.js';
import type { CliContext } from './context.js';

export async function deliverHooksAfterWrite(ctx: CliContext): Promise<void> {
  const ws = ctx.openWorkspace;
  // A concord run by a hook leaves delivery to the process that ran the hook.
  if (!ws || ctx.hooksDelivered || ws.surface === 'hook' || !hasHookWork(ws) || !ws.settings.hook_delivery.after_write) return;
  try {
    await drainHooks(ws, {
      budgetMs: ws.settings.hook_delivery.budget_ms,
      onOutcome: (o, state) => {
        if (o.ok) return;
        const next = state === 'dead' ? 'dead-lettered' : 'will retry';
        ctx.io.stderr.write(`hook "${o.hook}" failed on event ${o.event} (attempt ${o.attempt}): ${o.error ?? 'failed'}; ${next} (concord hooks deliveries)\n`);
      },
    });
  } catch (e) {
    ctx.io.stderr.write(`hooks were not delivered now (${(e as Error).message}); they stay queued (concord hooks run)\n`);
  }
}
