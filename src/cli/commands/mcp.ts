// `concord mcp` (the MCP server on stdio, for agents) and `concord serve` (HTTP: MCP at /mcp).
import type { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { countsText } from '../render/fields.js';

export function registerMcp(program: Command, ctx: CliContext): void {
  program
    .command('mcp')
    .description('serve the MCP tools on stdin/stdout (add to an agent: `concord mcp`)')
    .action(async (_opts: unknown, cmd: Command) => {
      // Loaded here so that other commands never pay for the MCP SDK at start-up.
      const [{ serveStdio }, { withHookDelivery }, { startObservability }] = await Promise.all([import('../../mcp/stdio.js'), import('../hook-delivery.js'), import('../../app/observability.js')]);
      const ws = await ctx.workspace(cmd);
      // stdout is the protocol: logs go to stderr or a file, never there.
      const obs = await startObservability(ws, { surface: 'mcp', protectStdout: true });
      obs.logger.info({ file: ws.file }, 'MCP server on stdio');
      try {
        await withHookDelivery(ctx, ws, () => serveStdio(ws.as(ws.actor(), 'mcp')));
      } finally {
        await obs.shutdown();
      }
    });

  program
    .command('serve')
    .description('run the HTTP server: MCP (Streamable HTTP) at /mcp, on 127.0.0.1 by default')
    .option('--host <host>', 'interface to listen on (beyond loopback needs CONCORD_SERVER_TOKEN)')
    .option('--port <port>', 'port (0 picks a free one)', count)
    .action(async (opts: { host?: string; port?: number }, cmd: Command) => {
      const ws = await ctx.workspace(cmd, { ...(opts.host ? { host: opts.host } : {}), ...(opts.port !== undefined ? { port: opts.port } : {}) });
      const [{ startHttpServer }, { startPeriodicDependencyChecks }, { withHookDelivery }, { startObservability }] = await Promise.all([
        import('../../http/server.js'),
        import('../../app/checks/periodic.js'),
        import('../hook-delivery.js'),
        import('../../app/observability.js'),
      ]);
      const obs = await startObservability(ws, { surface: 'serve' });
      const server = await startHttpServer(ws.as(ws.actor(), 'http'));
      const out = ctx.output(cmd);
      out.note(`Concord is serving ${ws.file}`);
      out.note(`  MCP:    ${server.url}/mcp`);
      out.note(`  health: ${server.url}/health`);
      if (obs.metrics) out.note(`  metrics: ${server.url}/metrics`);
      obs.logger.info({ url: server.url, file: ws.file }, 'serving');
      const checks = startPeriodicDependencyChecks(ws.as('concord', 'scheduler'), {
        onReport: (r) => out.note(`dependency check: ${countsText(r.counts, 'nothing to check')}${r.status_changes ? `; ${r.status_changes} status change(s) written` : ''}`),
        onError: (e) => out.note(`dependency check failed: ${(e as Error).message}`),
      });
      if (checks.enabled) out.note(`  checks: dependencies every ${Math.round(checks.intervalMs / 60_000)} min (auto_dependency_check)`);
      if (out.json) ctx.io.stdout.write(JSON.stringify({ url: server.url, mcp: `${server.url}/mcp` }) + '\n');
      // Hooks are delivered while serving, as `concord mcp` does.
      await withHookDelivery(ctx, ws, () =>
        new Promise<void>((resolve) => {
          const stop = () => {
            out.note('Stopping…');
            void Promise.all([server.close(), checks.stop()])
              .then(() => obs.shutdown())
              .then(() => resolve());
          };
          process.once('SIGINT', stop);
          process.once('SIGTERM', stop);
        }),
      );
    });
}
