// `concord worker`: run the queue's runs until stopped; SIGTERM (or Ctrl-C) drains, a second one stops at once.
import type { Command } from 'commander';
import { runsUntilStopped } from '../../app/snapshot.js';
import { count, list } from '../args.js';
import type { CliContext } from '../context.js';
import { withExamples } from './define.js';
import type { FleetWorkerFlags } from './worker-fleet.js';

export function registerWorker(program: Command, ctx: CliContext): void {
  const cmd = program
    .command('worker')
    .description('run queued runs of the pools until stopped; SIGTERM finishes or hands back its runs')
    .option('--pool <name>', 'serve only this pool (default: every pool)')
    .option('--once', 'stop when its pools have nothing queued or running')
    .option('--drain-seconds <n>', 'on SIGTERM, how long to let agents finish before handing their runs back (default 30)', count)
    .option('--database-url <url>', "run as a fleet worker on this PostgreSQL (docs/fleet.md; default CONCORD_DATABASE_URL)")
    .option('--repos <names>', 'fleet: the repos this host has checked out', list)
    .option('--checkouts <dir>', 'fleet: the folder with one checkout per repo, each named as its repo')
    .option('--executors <names>', 'fleet: the executors installed here (default: any)', list)
    .option('--concurrency <n>', 'fleet: runs at once (default 1)', count)
    .action(async (opts: { pool?: string; once?: boolean; drainSeconds?: number } & FleetWorkerFlags, command: Command) => {
      // A fleet worker needs no ecosystem.yaml on its host: the URL (flag or environment) is enough.
      runsUntilStopped();
      const url = opts.databaseUrl ?? ctx.env.settings['CONCORD_DATABASE_URL'];
      if (url) return (await import('./worker-fleet.js')).runFleetWorker(ctx, command, url, opts);
      const [{ assertExecutionEnabled }, { poolsOf }, { Worker }, render] = await Promise.all([
        import('../../app/runs/execute.js'),
        import('../../app/runs/pools.js'),
        import('../../exec/worker.js'),
        import('../render/runs.js'),
      ]);
      const ws = await ctx.workspace(command);
      assertExecutionEnabled(ws);
      if (ws.fleet) {
        // queue.database_url in concord.yaml: a fleet worker for the catalog's repos, at their paths here.
        const repos = opts.repos ?? (opts.checkouts ? undefined : [...(await (await import('../../app/snapshot.js')).loadSnapshot(ws)).graph.repos.keys()]);
        return (await import('./worker-fleet.js')).runFleetWorker(ctx, command, ws.settings.queue.database_url!, { ...opts, ...(repos ? { repos } : {}) });
      }
      // Logs and traces as concord serve has them (stdout carries the result, so logs never go there).
      const obs = await (await import('../../app/observability.js')).startObservability(ws, { surface: 'worker', protectStdout: true });
      const out = ctx.output(command);
      const pools = poolsOf(ws.settings).filter((p) => !opts.pool || p.name === opts.pool);
      if (!pools.length) throw new (await import('../../core/errors.js')).ConcordError('POOL_NOT_FOUND', `no pool "${opts.pool}" in concord.yaml`, { hint: `pools: ${poolsOf(ws.settings).map((p) => p.name).join(', ')}` });
      const stop = new AbortController();
      const workers = pools.map(
        (pool) =>
          new Worker(ws, {
            pool,
            env: ws.env.vars,
            drainMs: (opts.drainSeconds ?? 30) * 1000,
            onEvent: (e) => {
              if (e.type === 'started') out.note(`started      ${e.run.todo} ${e.run.id} (${e.run.executor}, attempt ${e.run.attempt}) in ${e.run.worktree}`);
              else if (e.type === 'ended') out.note(render.endedLine(out, e.run));
              else if (e.type === 'refused') out.note(`not started  ${e.run.todo} ${e.run.id}: ${e.reason}`);
            },
          }),
      );
      let signals = 0;
      const onSignal = () => {
        signals++;
        if (signals === 1) {
          out.note('draining: no new runs; waiting for the runs under way (send the signal again to hand them back now)');
          stop.abort();
        } else void Promise.all(workers.map((w) => w.stop()));
      };
      process.on('SIGTERM', onSignal);
      process.on('SIGINT', onSignal);
      out.note(`worker for pool(s) ${pools.map((p) => `${p.name} (${p.concurrency} at once, ${p.executor})`).join(', ')}; ${workers[0]!.id}`);
      try {
        const idle = async () => {
          const c = await ws.runs.counts();
          return c.queued + c.active === 0;
        };
        // Hooks on run:* events (and the todo writes) are delivered while the worker runs.
        const { withHookDelivery } = await import('../hook-delivery.js');
        await withHookDelivery(ctx, ws, () => Promise.all(workers.map((w) => w.run(stop.signal, opts.once ? idle : undefined))));
      } finally {
        process.off('SIGTERM', onSignal);
        process.off('SIGINT', onSignal);
        await obs.shutdown();
      }
      const ended = workers.flatMap((w) => w.ended);
      out.result({ worker: workers[0]!.id, runs: ended.map((t) => ({ id: t.run.id, todo: t.run.todo, status: t.run.status })) }, (r) => `${r.runs.length} run(s) ended`);
    });
  withExamples(cmd, 'concord worker', 'concord worker --pool backend', 'concord worker --once', 'concord worker --database-url postgres://db/concord --checkouts ~/src --executors claude');
}
