// The servers' code run once in the build's own process (scripts/bundle.mjs): V8's code cache of the server
// part is made from what ran, and the tool listing the bundle ships is computed here.
//
// Without them `concord mcp` compiled the 1.8 MB server part from source at every start and converted 43
// tools' zod schemas to JSON Schema at every tools/list (~0.3 s and ~0.7 s CPU on the shared 2-core machine).
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Workspace } from '../app/workspace.js';
import { VERSION } from '../core/version.js';
import { createHttpApp } from '../http/app.js';
import { listingOf } from '../mcp/listing.js';
export { SHIPPED_LISTING } from '../mcp/listing.js';
import { createMcpServer } from '../mcp/server.js';
import { TOOL_SETS } from '../mcp/tool-sets.js';

/** Every tool set's tools/list, as listingOf computes it. */
export function toolListings(): Record<string, unknown[]> {
  return Object.fromEntries(TOOL_SETS.map((set) => [set, listingOf(set).tools()]));
}

/** An MCP session (initialize, tools/list, reads) and HTTP requests against the ecosystem `file`. */
export async function warmServers(file: string, todo: string): Promise<void> {
  const ws = new Workspace({ file, actor: 'build', env: {} });
  try {
    const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
    const server = createMcpServer(ws.as('build', 'mcp'));
    await server.connect(serverSide);
    const client = new Client({ name: 'build', version: VERSION });
    await client.connect(clientSide);
    await client.listTools();
    for (const [name, args] of [['coord_ready_todos', {}], ['coord_get_todo', { id: todo }], ['coord_get_ecosystem_status', {}]] as const) {
      const r = await client.callTool({ name, arguments: args });
      if (r.isError) throw new Error(`warming the servers: ${name} failed: ${JSON.stringify(r.content).slice(0, 300)}`);
    }
    await client.close();
    const { app, close } = createHttpApp(ws.as('build', 'http'), { token: undefined, allowedOrigins: [], allowedHosts: [] });
    try {
      for (const url of ['/health', '/api/ready', `/api/todos/${todo}`]) {
        const res = await app.request(url);
        if (res.status !== 200) throw new Error(`warming the servers: GET ${url} answered ${res.status}`);
      }
    } finally {
      await close();
    }
  } finally {
    ws.close();
  }
}
