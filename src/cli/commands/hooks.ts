// `concord hooks ...`: configured hooks, their deliveries, replay, a test firing, and draining the outbox.
import { Argument, type Command } from 'commander';
import { runsUntilStopped } from '../../app/snapshot.js';
import type { DrainSummary } from '../../core/hook-schemas.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';
import { countsText } from '../render/fields.js';
import { commandGroup } from './group.js';

const admin = () => import('../../app/hooks-admin.js');
const drain = () => import('../../hooks/drain.js');
const STATE_STYLE = { delivered: 'green', pending: 'yellow', delivering: 'cyan', dead: 'red' } as const;

export function registerHooks(program: Command, ctx: CliContext): void {
  const hooks = commandGroup(program, 'hooks', 'hooks: shell commands and signed webhooks called on events (concord.yaml hooks:)');

  hooks
    .command('list')
    .description('the hooks of concord.yaml, with their delivery counts and problems')
    .action(async (_opts: unknown, cmd: Command) => {
      const { listHooks } = await admin();
      const out = ctx.output(cmd);
      out.result(listHooks(await ctx.workspace(cmd)), (r) =>
        r.hooks.length
          ? r.hooks
              .map((h) =>
                [
                  `${out.paint(h.name, 'bold')} (${h.kind}${h.enabled ? '' : ', disabled'}) ${h.target}`,
                  `  events ${h.events.join(', ')}${h.filter?.repo ? ` · repo ${h.filter.repo.join(', ')}` : ''}${h.filter?.priority ? ` · priority ${h.filter.priority.join(', ')}` : ''}`,
                  `  timeout ${h.timeout_ms} ms · ${h.max_attempts} attempts · deliveries ${countsText(h.deliveries)}`,
                  ...h.problems.map((p) => out.paint(`  problem: ${p}`, 'red')),
                ].join('\n'),
              )
              .join('\n')
          : 'No hooks: add them under hooks: in concord.yaml (see docs/hooks.md).',
      );
    });

  hooks
    .command('deliveries')
    .description('deliveries of events to hooks, newest first: delivered, pending (with the next attempt), dead')
    .option('-s, --status <states...>', 'only pending, delivering, delivered or dead')
    .option('--hook <name>', 'only this hook')
    .option('-e, --event <seq>', 'only deliveries of this event', count)
    .option('-n, --limit <n>', 'at most this many (default 50)', count)
    .action(async (opts: { status?: string[]; hook?: string; event?: number; limit?: number }, cmd: Command) => {
      const { listDeliveries } = await admin();
      const out = ctx.output(cmd);
      out.result(listDeliveries(await ctx.workspace(cmd), opts), (r) =>
        r.deliveries.length
          ? out.table(r.deliveries, [
              { header: 'ID', get: (d) => d.id, align: 'right' },
              { header: 'HOOK', get: (d) => d.hook },
              { header: 'EVENT', get: (d) => `${d.event} ${d.event_type}` },
              { header: 'STATUS', get: (d) => d.status, style: (d) => STATE_STYLE[d.status] },
              { header: 'TRIES', get: (d) => `${d.attempts}/${d.max_attempts ?? '?'}`, align: 'right' },
              { header: 'NEXT', get: (d) => d.next_attempt_at ?? '' },
              { header: 'LAST', get: (d) => d.last_error ?? (d.last_status !== null ? `ok ${d.last_status}` : ''), max: 60 },
            ])
          : 'No deliveries.',
      );
    });

  hooks
    .command('replay')
    .description('deliver again: the given deliveries, or every dead one (of a hook, of an event)')
    .addArgument(new Argument('[ids...]', 'delivery ids').argParser((v: string, prev: number[] | undefined) => [...(prev ?? []), count(v)]))
    .option('--hook <name>', 'deliveries of this hook')
    .option('-e, --event <seq>', 'deliveries of this event', count)
    .option('-s, --status <states...>', 'deliveries in these states (default: dead)')
    .option('--no-deliver', 'only queue them; deliver later (hooks run, or the next write)')
    .action(async (ids: number[], opts: { hook?: string; event?: number; status?: string[]; deliver: boolean }, cmd: Command) => {
      const [{ replayDeliveries }, { drainHooks }] = await Promise.all([admin(), drain()]);
      const out = ctx.output(cmd);
      const ws = await ctx.workspace(cmd);
      const { deliver, ...filter } = opts;
      const replayed = await replayDeliveries(ws, { ...filter, ...(ids.length ? { ids } : {}) });
      const drained = deliver && replayed.replayed.length ? await drainHooks(ws) : undefined;
      out.result({ ...replayed, ...(drained ? { drained } : {}) }, (r) =>
        [`${r.replayed.length} deliver${r.replayed.length === 1 ? 'y' : 'ies'} queued again${r.replayed.length ? `: ${r.replayed.join(', ')}` : ''}`, ...(drained ? [drainLine(drained)] : [])].join('\n'),
      );
    });

  hooks
    .command('test')
    .description('fire a sample EVENT at the hooks subscribed to it (or at --hook) and show what each did')
    .argument('<event>', 'an event type, e.g. todo:status_changed')
    .option('--hook <name>', 'only this hook')
    .action(async (event: string, opts: { hook?: string }, cmd: Command) => {
      const { fireTestEvent } = await import('../../hooks/fire-test.js');
      const out = ctx.output(cmd);
      const r = await fireTestEvent(await ctx.workspace(cmd), { event, ...opts });
      out.result(r, (v) =>
        v.outcomes
          .map((o) => `${out.paint(o.ok ? 'ok' : 'FAILED', o.ok ? 'green' : 'red')} ${o.hook} in ${o.duration_ms} ms${o.status !== null ? ` (status ${o.status})` : ''}${o.error ? `: ${o.error}` : ''}${o.output ? `\n  ${o.output.split('\n').join('\n  ')}` : ''}`)
          .join('\n'),
      );
      const failed = r.outcomes.filter((o) => !o.ok);
      if (failed.length) {
        out.note(`HOOK_FAILED: ${failed.map((o) => o.hook).join(', ')} did not accept the sample event`);
        ctx.exitCode = 1;
      }
    });

  hooks
    .command('run')
    .description('deliver what is due now (writes do this too, briefly); --watch keeps delivering until stopped')
    .option('--watch', 'keep running: deliver as events arrive and retries fall due')
    .option('--budget-ms <ms>', 'start no delivery after this many ms', count)
    .option('--poll-ms <ms>', 'with --watch: how often to look for new deliveries (default 1000)', count)
    .action(async (opts: { watch?: boolean; budgetMs?: number; pollMs?: number }, cmd: Command) => {
      const out = ctx.output(cmd);
      if (opts.watch) runsUntilStopped();
      const ws = await ctx.workspace(cmd);
      if (!opts.watch) {
        const { drainHooks } = await drain();
        const summary = await drainHooks(ws, opts.budgetMs !== undefined ? { budgetMs: opts.budgetMs } : {});
        out.result(summary, (s) => renderDrain(out, s));
        return;
      }
      const stop = new AbortController();
      const onSignal = () => stop.abort();
      process.once('SIGINT', onSignal);
      process.once('SIGTERM', onSignal);
      out.note(`delivering hooks for ${ws.file}; Ctrl-C to stop`);
      const { runHookDeliveryLoop } = await import('../../hooks/loop.js');
      try {
        await runHookDeliveryLoop(ws, {
          signal: stop.signal,
          ...(opts.pollMs ? { pollMs: opts.pollMs } : {}),
          onOutcome: (o, state) => out.note(`${o.ok ? 'delivered' : state === 'dead' ? 'dead' : 'failed'} #${o.delivery} event ${o.event} → ${o.hook} (attempt ${o.attempt}, ${o.duration_ms} ms)${o.error ? `: ${o.error}` : ''}`),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
      }
    });
}

function drainLine(s: DrainSummary): string {
  return `${s.attempted} attempt(s): ${s.delivered} delivered, ${s.retrying} to retry, ${s.dead} dead`;
}

function renderDrain(out: Output, s: DrainSummary): string {
  return [
    drainLine(s),
    ...s.outcomes.map((o) => `  ${out.paint(o.ok ? 'ok' : 'failed', o.ok ? 'green' : 'red')} #${o.delivery} event ${o.event} → ${o.hook} (attempt ${o.attempt}, ${o.duration_ms} ms)${o.error ? `: ${o.error}` : ''}`),
  ].join('\n');
}
