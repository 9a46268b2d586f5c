// `concord mcp`: the MCP server on stdin/stdout (stdout carries only the protocol).
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Workspace } from '../app/workspace.js';
import { createMcpServer } from './server.js';

/** Serves until stdin closes; resolves then. */
export async function serveStdio(ws: Workspace): Promise<void> {
  const server = createMcpServer(ws);
  const transport = new StdioServerTransport();
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    process.stdin.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
