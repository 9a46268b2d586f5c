// The Concord MCP server: tools and resources over any transport (stdio, Streamable HTTP).
//
// Built on the SDK's low-level Server rather than McpServer: McpServer turns malformed arguments into
// tool results, and Concord wants three channels — malformed arguments are protocol errors, domain
// failures are results with isError and a code, bugs are internal errors.
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { z } from 'zod';
import type { Workspace } from '../app/workspace.js';
import { ConcordError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { TOOLS } from './registry.js';
import { resolveResource, SUMMARY_URI, TEMPLATES } from './resources.js';
import type { ToolDef } from './tool.js';

/**
 * A JSON-RPC "invalid params" error. Not the SDK's McpError: its message already carries "MCP error
 * -32602:", which the client adds again, so agents would read the prefix twice.
 */
function protocolError(message: string, data?: unknown): Error & { code: number; data?: unknown } {
  return Object.assign(new Error(message), { code: ErrorCode.InvalidParams, ...(data !== undefined ? { data } : {}) });
}

const INSTRUCTIONS = `Concord coordinates work across repositories. Typical loop for an agent: coord_ready_todos to find work,
coord_claim_todo to take it (keep the token; coord_heartbeat before the lease ends), coord_get_todo to read it
and its notes, do the work, coord_add_note to leave context for the next session, coord_complete_todo with
claim_token. Lists return compact rows with a next_cursor; get tools return details. Failures come back as
results with isError and a code such as TODO_BLOCKED or ALREADY_CLAIMED.`;

function jsonSchema(schema: z.ZodType, io: 'input' | 'output'): Record<string, unknown> {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: 'any' }) as Record<string, unknown>;
  return rest;
}

/**
 * Each tool with its strict input (unknown argument names are refused rather than ignored: a misspelt
 * filter must not silently match everything). Built once per process, not per session.
 */
const BY_NAME = new Map(TOOLS.map((tool) => [tool.name, { tool, input: tool.input.strict() }]));

function toolListing({ tool, input }: { tool: ToolDef; input: z.ZodObject }) {
  return {
    name: tool.name,
    title: tool.title,
    description: tool.description,
    inputSchema: jsonSchema(input, 'input') as { type: 'object'; properties?: Record<string, object> },
    outputSchema: jsonSchema(tool.output, 'output') as { type: 'object'; properties?: Record<string, object> },
    annotations: { title: tool.title, ...tool.annotations },
  };
}

/** The tools/list answer, built on the first request (its JSON Schemas take ~0.2 s) and shared by every session. */
let listing: ReturnType<typeof toolListing>[] | undefined;

function errorResult(e: ConcordError) {
  const error = e.toJSON();
  return { isError: true, content: [{ type: 'text' as const, text: JSON.stringify({ error }) }], _meta: { 'concord/error': error } };
}

/** A new MCP server over `ws` (one per session; they share the workspace's database and cache). */
export function createMcpServer(ws: Workspace): Server {
  const server = new Server({ name: 'concord', version: VERSION }, { capabilities: { tools: {}, resources: {} }, instructions: INSTRUCTIONS });
  // The session's actor: CONCORD_ACTOR, else the client's name once it has initialized, else the workspace's.
  // Its claims belong to this session: another session with the same name cannot use them.
  let view: Workspace | undefined;
  const id = randomUUID();
  const session = () => (view ??= ws.as(ws.env.actor || server.getClientVersion()?.name || ws.actor(), 'mcp', id));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: (listing ??= [...BY_NAME.values()].map(toolListing)) }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const found = BY_NAME.get(request.params.name);
    if (!found) throw protocolError(`unknown tool ${request.params.name}; list the tools with tools/list`);
    const { tool, input } = found;
    const parsed = input.safeParse(request.params.arguments ?? {});
    if (!parsed.success) {
      const problems = parsed.error.issues.map((i) => `${i.path.join('.') || '(arguments)'}: ${i.message}`).join('; ');
      throw protocolError(`invalid arguments for ${tool.name}: ${problems}`);
    }
    try {
      // Through the output schema: the result is what tools/list promised (no undeclared fields, which
      // clients that validate against the listed schema refuse), whatever the app function returned.
      const out = tool.output.parse(await tool.run({ ws: session() }, parsed.data));
      return { content: [{ type: 'text' as const, text: JSON.stringify(out) }], structuredContent: out };
    } catch (e) {
      if (e instanceof ConcordError) return errorResult(e);
      throw e;
    }
  });

  server.setRequestHandler(ListResourcesRequestSchema, () => ({
    resources: [{ uri: SUMMARY_URI, name: 'ecosystem', title: 'Ecosystem status', description: 'Counts, ready and blocked work, repos and plans', mimeType: 'application/json' }],
  }));
  server.setRequestHandler(ListResourceTemplatesRequestSchema, () => ({
    resourceTemplates: TEMPLATES.map((t) => ({ uriTemplate: t.uriTemplate, name: t.name, description: t.description, mimeType: 'application/json' })),
  }));
  server.setRequestHandler(ReadResourceRequestSchema, async (request) => {
    const uri = request.params.uri;
    const read = resolveResource(uri);
    if (!read) throw protocolError(`unknown resource ${uri}; resources are ${SUMMARY_URI} and ${TEMPLATES.map((t) => t.uriTemplate).join(', ')}`);
    try {
      const value = await read(session());
      return { contents: [{ uri, mimeType: 'application/json', text: JSON.stringify(value) }] };
    } catch (e) {
      if (e instanceof ConcordError) throw protocolError(`${e.code}: ${e.message}`, e.toJSON());
      throw e;
    }
  });
  return server;
}
