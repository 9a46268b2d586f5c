// `concord mcp`: the MCP server on stdin/stdout (stdout carries only the protocol).
import { StdioServerTransport } from '@modelcontextprotocol/sdk/server/stdio.js';
import type { Workspace } from '../app/workspace.js';
import { LIMITS } from '../core/limits.js';
import { createMcpServer, type McpServerOptions } from './server.js';
import { MessageSizeLimit } from './stdio-limit.js';

/** Serves until stdin closes; resolves then. */
export async function serveStdio(ws: Workspace, options: McpServerOptions = {}): Promise<void> {
  const server = createMcpServer(ws, options);
  const max = LIMITS.inputBytes;
  const input = process.stdin.pipe(
    new MessageSizeLimit(max, (bytes) => {
      // The message is dropped unread, so its id is unknown: JSON-RPC answers such an error with id null.
      const message = `a message of ${bytes} bytes is over the ${max}-byte limit of an MCP message to Concord, and was not read; send smaller inputs (a note holds at most ${LIMITS.note} characters, a description ${LIMITS.text})`;
      process.stdout.write(JSON.stringify({ jsonrpc: '2.0', id: null, error: { code: -32600, message } }) + '\n');
      ws.warn(`MCP stdio: ${message}`);
    }),
  );
  const transport = new StdioServerTransport(input, process.stdout);
  transport.onerror = (e) => ws.warn(`MCP stdio: ${e.message}`);
  const closed = new Promise<void>((resolve) => {
    transport.onclose = () => resolve();
    input.once('end', () => resolve());
  });
  await server.connect(transport);
  await closed;
  await server.close();
}
