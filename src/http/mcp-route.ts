// MCP over Streamable HTTP at /mcp: one transport and server per session, all over one workspace.
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'hono';
import type { Workspace } from '../app/workspace.js';
import { createMcpServer } from '../mcp/server.js';

export interface McpSessions {
  handle: (c: Context) => Promise<Response>;
  close: () => Promise<void>;
}

const jsonError = (status: number, message: string) =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), { status, headers: { 'content-type': 'application/json' } });

export function mcpSessions(ws: Workspace): McpSessions {
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  return {
    async handle(c) {
      const id = c.req.header('mcp-session-id');
      if (id) {
        const transport = sessions.get(id);
        if (!transport) return jsonError(404, `unknown MCP session ${id}; start a new one with initialize`);
        return transport.handleRequest(c.req.raw);
      }
      if (c.req.method !== 'POST') return jsonError(400, 'no MCP session: send initialize first');
      const body = (await c.req.raw.clone().json().catch(() => undefined)) as unknown;
      if (!isInitializeRequest(body)) return jsonError(400, 'no MCP session: the first request must be initialize');
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => void sessions.set(sid, transport),
      });
      transport.onclose = () => {
        if (transport.sessionId) sessions.delete(transport.sessionId);
      };
      await createMcpServer(ws).connect(transport);
      return transport.handleRequest(c.req.raw, { parsedBody: body });
    },
    async close() {
      await Promise.all([...sessions.values()].map((t) => t.close()));
      sessions.clear();
    },
  };
}
