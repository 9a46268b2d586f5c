// MCP over Streamable HTTP at /mcp: one transport and server per session, all over one workspace; sessions
// are capped in number and expire when idle (docs/settings.md, Limits); a session serves the tool set of
// `?tools=` on its initialize request, else the server's.
import { randomUUID } from 'node:crypto';
import { WebStandardStreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/webStandardStreamableHttp.js';
import { isInitializeRequest } from '@modelcontextprotocol/sdk/types.js';
import type { Context } from 'hono';
import type { Workspace } from '../app/workspace.js';
import { LIMITS } from '../core/limits.js';
import { createMcpServer } from '../mcp/server.js';
import { TOOL_SETS, type ToolSet } from '../mcp/tool-sets.js';

export interface McpSessions {
  handle: (c: Context) => Promise<Response>;
  close: () => Promise<void>;
}

const jsonError = (status: number, message: string) =>
  new Response(JSON.stringify({ jsonrpc: '2.0', error: { code: -32000, message }, id: null }), { status, headers: { 'content-type': 'application/json' } });

export interface SessionLimits {
  /** Sessions at once: an initialize beyond it is refused (503) until one closes or expires. */
  max: number;
  /** A session with no request for this long is closed. */
  idleMs: number;
  now: () => number;
}

const DEFAULT_LIMITS: SessionLimits = { max: LIMITS.mcpSessions, idleMs: LIMITS.mcpSessionIdleMinutes * 60_000, now: () => Date.now() };

export function mcpSessions(ws: Workspace, defaultTools: ToolSet, limits: Partial<SessionLimits> = {}, wake?: () => void): McpSessions {
  const { max, idleMs, now } = { ...DEFAULT_LIMITS, ...limits };
  const sessions = new Map<string, WebStandardStreamableHTTPServerTransport>();
  const lastSeen = new Map<string, number>();
  /** Closes sessions idle for longer than idleMs (checked on each request, and by a timer while any is open). */
  const expire = async () => {
    const stale = [...lastSeen].filter(([, at]) => now() - at > idleMs).map(([sid]) => sid);
    for (const sid of stale) {
      lastSeen.delete(sid);
      await sessions.get(sid)?.close();
      sessions.delete(sid);
    }
  };
  const sweeper = setInterval(() => void expire(), Math.min(idleMs, 60_000));
  sweeper.unref();
  return {
    async handle(c) {
      await expire();
      const id = c.req.header('mcp-session-id');
      if (id) {
        const transport = sessions.get(id);
        if (!transport) return jsonError(404, `unknown MCP session ${id} (closed, or idle for over ${Math.round(idleMs / 60_000)} min); start a new one with initialize`);
        lastSeen.set(id, now());
        return transport.handleRequest(c.req.raw);
      }
      if (sessions.size >= max) return jsonError(503, `${sessions.size} MCP sessions are open, the most Concord keeps at once; close unused sessions (DELETE /mcp) or wait for idle ones to expire`);
      if (c.req.method !== 'POST') return jsonError(400, 'no MCP session: send initialize first');
      const body = (await c.req.raw.clone().json().catch(() => undefined)) as unknown;
      if (!isInitializeRequest(body)) return jsonError(400, 'no MCP session: the first request must be initialize');
      const asked = c.req.query('tools');
      if (asked !== undefined && !(TOOL_SETS as readonly string[]).includes(asked)) return jsonError(400, `unknown tool set ${asked}; use ${TOOL_SETS.join(' or ')}`);
      const tools = (asked as ToolSet | undefined) ?? defaultTools;
      const transport = new WebStandardStreamableHTTPServerTransport({
        sessionIdGenerator: () => randomUUID(),
        onsessioninitialized: (sid) => {
          sessions.set(sid, transport);
          lastSeen.set(sid, now());
        },
      });
      transport.onclose = () => {
        if (transport.sessionId) {
          sessions.delete(transport.sessionId);
          lastSeen.delete(transport.sessionId);
        }
      };
      await createMcpServer(ws, { tools, ...(wake ? { wake } : {}) }).connect(transport);
      return transport.handleRequest(c.req.raw, { parsedBody: body });
    },
    async close() {
      clearInterval(sweeper);
      await Promise.all([...sessions.values()].map((t) => t.close()));
      sessions.clear();
    },
  };
}
