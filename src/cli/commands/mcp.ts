// `concord mcp` (the MCP server on stdio, for agents) and `concord serve` (HTTP: MCP at /mcp).
import type { Command } from 'commander';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import { withHookDelivery } from '../hook-loop.js';

export function registerMcp(program: Command, ctx: CliContext): void {
  program
    .command('mcp')
    .description('serve the MCP tools on stdin/stdout (add to an agent: `concord mcp`)')
    .action(async (_opts: unknown, cmd: Command) => {
      // Loaded here so that other commands never pay for the MCP SDK at start-up.
      const { serveStdio } = await import('../../mcp/stdio.js');
      const ws = ctx.workspace(cmd);
      await withHookDelivery(ctx, ws, () => serveStdio(ws.as(ws.actor(), 'mcp')));
    });

  program
    .command('serve')
    .description('run the HTTP server: MCP (Streamable HTTP) at /mcp, on 127.0.0.1 by default')
    .option('--host <host>', 'interface to listen on (beyond loopback needs CONCORD_SERVER_TOKEN)')
    .option('--port <port>', 'port (0 picks a free one)', count)
    .action(async (opts: { host?: string; port?: number }, cmd: Command) => {
      const ws = ctx.workspace(cmd, { ...(opts.host ? { host: opts.host } : {}), ...(opts.port !== undefined ? { port: opts.port } : {}) });
      const [{ startHttpServer }, { startBackground }] = await Promise.all([import('../../http/server.js'), import('../background.js')]);
      const server = await startHttpServer(ws.as(ws.actor(), 'http'));
      const out = ctx.output(cmd);
      out.note(`Concord is serving ${ws.file}`);
      out.note(`  MCP:    ${server.url}/mcp`);
      out.note(`  health: ${server.url}/health`);
      const background = startBackground(ws.as('concord', 'scheduler'), (line) => out.note(line));
      if (out.json) ctx.io.stdout.write(JSON.stringify({ url: server.url, mcp: `${server.url}/mcp` }) + '\n');
      ctx.hooksDelivered = true; // the background loop delivers hooks while serving
      await new Promise<void>((resolve) => {
        const stop = () => {
          out.note('Stopping…');
          void Promise.all([server.close(), background.stop()]).then(() => resolve());
        };
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
    });
}
