// `concord mcp` (the MCP server on stdio, for agents) and `concord serve` (HTTP: the dashboard, the API, MCP at /mcp).
import fs from 'node:fs';
import type { Command } from 'commander';
import { runsUntilStopped } from '../../app/snapshot.js';
import { CORE_TOOLS, TOOL_SETS, type ToolSet } from '../../mcp/tool-sets.js';
import { count, enumOption } from '../args.js';
import type { CliContext } from '../context.js';

const toolsOption = (more = '') =>
  enumOption('--tools <set>', `the tools to serve: full (default), core (the ${CORE_TOOLS.length} an agent working on todos needs) or all (every operation)${more ? `; ${more}` : ''}`, TOOL_SETS);

export function registerMcp(program: Command, ctx: CliContext): void {
  program
    .command('mcp')
    .description('serve the MCP tools on stdin/stdout (add to an agent: `concord mcp`)')
    .addOption(toolsOption())
    .action(async (opts: { tools?: ToolSet }, cmd: Command) => {
      runsUntilStopped();
      const ws = await ctx.workspace(cmd);
      // A fresh clone has no index yet: built in a worker thread while the server loads and the client
      // connects (app/index-worker.ts).
      (await import('../../app/index-worker.js')).refreshIndexSoon(ws);
      // Loaded here so that other commands never pay for the MCP SDK at start-up.
      const [{ serveStdio }, { withHookDelivery }, { startObservability }] = await Promise.all([import('../../mcp/stdio.js'), import('../hook-delivery.js'), import('../../app/observability.js')]);
      // stdout is the protocol: logs go to stderr or a file, never there.
      const obs = await startObservability(ws, { surface: 'mcp', protectStdout: true });
      obs.logger.info({ file: ws.file }, 'MCP server on stdio');
      try {
        await withHookDelivery(ctx, ws, () => serveStdio(ws.as(ws.actor(), 'mcp'), opts.tools ? { tools: opts.tools } : {}));
      } finally {
        await obs.shutdown();
      }
    });

  program
    .command('serve')
    .description('run the HTTP server: the dashboard at /, MCP (Streamable HTTP) at /mcp, the API at /api, on 127.0.0.1 by default')
    .option('--host <host>', 'interface to listen on (beyond loopback needs CONCORD_SERVER_TOKEN)')
    .option('--port <port>', 'port (0 picks a free one)', count)
    .option('--database-url <url>', "coordinate the fleet on this PostgreSQL (docs/fleet.md; default CONCORD_DATABASE_URL)")
    .addOption(toolsOption('of a session that does not ask with /mcp?tools='))
    .option('--workers', 'also run a worker of every pool in this process (runs queued from the dashboard or the API start without `concord worker`)')
    .option('--demo', 'serve a demo ecosystem made in a temp folder (real git repos, a pool running a demo agent) and sweep its plan live; implies --workers')
    .action(async (opts: { host?: string; port?: number; tools?: ToolSet; workers?: boolean; demo?: boolean; databaseUrl?: string }, cmd: Command) => {
      runsUntilStopped();
      const demo = opts.demo ? await (await import('../../app/demo.js')).createDemo({ env: ctx.io.env }) : undefined;
      const ws = await ctx.workspace(cmd, { ...(opts.host ? { host: opts.host } : {}), ...(opts.port !== undefined ? { port: opts.port } : {}), ...(opts.databaseUrl ? { databaseUrl: opts.databaseUrl } : {}) }, demo?.file);
      // A fresh clone has no index yet: built in a worker thread while the server starts and clients connect.
      (await import('../../app/index-worker.js')).refreshIndexSoon(ws);
      const [{ startHttpServer }, { createScheduler }, { withHookDelivery }, { startObservability }] = await Promise.all([
        import('../../http/server.js'),
        import('../../schedule/runtime.js'),
        import('../hook-delivery.js'),
        import('../../app/observability.js'),
      ]);
      const obs = await startObservability(ws, { surface: 'serve', servesMetrics: true });
      const out = ctx.output(cmd);
      // The scheduler runs jobs (the dependency check of auto_dependency_check among them) and activities, on a
      // connection of its own; the API wakes it when a trigger or a webhook queued work.
      const scheduler = ws.settings.scheduler.enabled
        ? createScheduler(ws.detached('concord', 'scheduler'), { logger: obs.logger, onOutcome: (o) => out.note(`${o.target} ${o.status}: ${o.summary}`) })
        : undefined;
      const api = { ...(scheduler ? { wake: () => scheduler.wake() } : {}), report: (e: Error) => obs.logger.error({ err: e }, 'internal error in the HTTP API') };
      const server = await startHttpServer(ws.as(ws.actor(), 'http'), { api, ...(opts.tools ? { tools: opts.tools } : {}) });
      // The fleet: this server is the coordinator, the only writer of ecosystem.yaml for its workers.
      const coordinator = ws.fleet ? await (await import('../../fleet/coordinator.js')).startCoordinator(ws, { logger: obs.logger }) : undefined;
      out.note(`Concord is serving ${ws.file}`);
      out.note(`  dashboard: ${server.url}/`);
      out.note(`  MCP:    ${server.url}/mcp`);
      out.note(`  API:    ${server.url}/api (${server.url}/api/openapi.json)`);
      out.note(`  health: ${server.url}/health`);
      if (obs.metrics) out.note(`  metrics: ${server.url}/metrics`);
      if (coordinator) out.note(`  coordinator: the fleet on ${ws.settings.queue.database_url!.replace(/\/\/([^:@/]+):[^@/]*@/, '//$1:***@')} (docs/fleet.md)`);
      obs.logger.info({ url: server.url, file: ws.file }, 'serving');
      if (scheduler) {
        scheduler.start();
        out.note(`  scheduler: jobs and activities (concord job list, concord activity list)`);
        const c = ws.settings.coordination;
        if (c.enabled && c.auto_dependency_check) out.note(`  checks: dependencies every ${c.dependency_check_interval_minutes} min (auto_dependency_check: the job dependency-check)`);
      }
      const workers = opts.workers || opts.demo ? await (await import('../serve-workers.js')).startServeWorkers(ws, out, demo ? { sweep: (await import('../../app/demo.js')).DEMO_PLAN } : {}) : undefined;
      if (demo) out.note(`  demo: ${demo.dir} (removed when the server stops); its plan is being swept: watch ${server.url}/#/runs`);
      if (out.json) ctx.io.stdout.write(JSON.stringify({ url: server.url, mcp: `${server.url}/mcp`, api: `${server.url}/api`, ...(demo ? { demo: demo.dir } : {}) }) + '\n');
      // Hooks are delivered while serving, as `concord mcp` does.
      await withHookDelivery(ctx, ws, () =>
        new Promise<void>((resolve) => {
          const stop = () => {
            out.note('Stopping…');
            // Runs in progress get a few seconds to finish, then are cancelled.
            void Promise.all([server.close(), scheduler?.drain(5_000), workers?.stop(), coordinator?.stop()])
              .then(() => obs.shutdown())
              .then(() => demo && fs.rmSync(demo.dir, { recursive: true, force: true }))
              .then(() => resolve());
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        }),
      );
    });
}
