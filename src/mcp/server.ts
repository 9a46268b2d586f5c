// The Concord MCP server: tools, prompts and resources over any transport (stdio, Streamable HTTP).
//
// Built on the SDK's low-level Server rather than McpServer, for three channels: a request that names
// no tool or resource is a protocol error; arguments that do not fit a tool's input, and domain failures,
// are results with isError and a code (as the 2025-11-25 spec has it, SEP-1303: the model reads them
// and corrects itself); bugs are internal errors. McpServer would also fold the first into results.
import { randomUUID } from 'node:crypto';
import { Server } from '@modelcontextprotocol/sdk/server/index.js';
import {
  CallToolRequestSchema,
  ErrorCode,
  GetPromptRequestSchema,
  ListPromptsRequestSchema,
  ListResourcesRequestSchema,
  ListResourceTemplatesRequestSchema,
  ListToolsRequestSchema,
  ReadResourceRequestSchema,
} from '@modelcontextprotocol/sdk/types.js';
import { leftOut, leftOutText } from '../app/left-out.js';
import type { Workspace } from '../app/workspace.js';
import { ConcordError } from '../core/errors.js';
import { VERSION } from '../core/version.js';
import { parseArguments } from './arguments.js';
import { MCP_HINTS } from './hints.js';
import { listingOf } from './listing.js';
import { PROMPTS } from './prompts.js';
import { resolveResource, SUMMARY_URI, TEMPLATES } from './resources.js';
import type { ToolSet } from './tool-sets.js';

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
claim_token. The prompts start_work, report_progress and hand_over walk through it. Lists return compact rows
with a next_cursor; get tools return details; list arguments also take a single value. Failures, bad
arguments included, come back as results with isError and a code such as INVALID_INPUT, TODO_BLOCKED or
ALREADY_CLAIMED, and a hint naming the tool or argument that helps.`;

function errorResult(e: ConcordError) {
  const error = e.report(MCP_HINTS);
  return { isError: true, content: [{ type: 'text' as const, text: JSON.stringify({ error }) }], _meta: { 'concord/error': error } };
}

export interface McpServerOptions {
  /** The tools this session lists and answers: all of them (default) or the core set. */
  tools?: ToolSet;
  /** Wakes the scheduler of the process serving this session (`concord serve`). */
  wake?: () => void;
}

/** A new MCP server over `ws` (one per session; they share the workspace's database and cache). */
export function createMcpServer(ws: Workspace, options: McpServerOptions = {}): Server {
  const { tools, byName } = listingOf(options.tools ?? 'full');
  const server = new Server({ name: 'concord', version: VERSION }, { capabilities: { tools: {}, prompts: {}, resources: {} }, instructions: INSTRUCTIONS });
  // The session's actor: CONCORD_ACTOR, else the client's name once it has initialized, else the workspace's.
  // Its claims belong to this session: another session with the same name cannot use them.
  let view: Workspace | undefined;
  const id = randomUUID();
  const session = () => (view ??= ws.as(ws.env.actor || server.getClientVersion()?.name || ws.actor(), 'mcp', id));

  server.setRequestHandler(ListToolsRequestSchema, () => ({ tools: tools() }));
  server.setRequestHandler(CallToolRequestSchema, async (request) => {
    const found = byName.get(request.params.name);
    if (!found) throw protocolError(`unknown tool ${request.params.name}; list the tools with tools/list`);
    const { tool, input } = found;
    const parsed = parseArguments(input, request.params.arguments);
    if (!parsed.ok) return errorResult(parsed.error);
    try {
      // Through the output schema: the result is what tools/list promised (no undeclared fields, which
      // clients that validate against the listed schema refuse), whatever the app function returned.
      const ws = session();
      const out = tool.output.parse(await tool.run({ ws, ...(options.wake ? { wake: options.wake } : {}) }, parsed.data));
      const result = { content: [{ type: 'text' as const, text: JSON.stringify(out) }], structuredContent: out };
      // A read that could not see every record says so, as the CLI does with exit 1 (not isError: the answer is usable).
      const partial = tool.annotations.readOnlyHint ? leftOut(ws) : undefined;
      if (!partial) return result;
      const warning = `warning: ${leftOutText(partial, MCP_HINTS)}`;
      return { ...result, content: [...result.content, { type: 'text' as const, text: warning }], _meta: { 'concord/partial': { errors: partial.errors, message: warning } } };
    } catch (e) {
      if (e instanceof ConcordError) return errorResult(e);
      throw e;
    }
  });

  server.setRequestHandler(ListPromptsRequestSchema, () => ({
    prompts: PROMPTS.map(({ name, title, description, arguments: args }) => ({ name, title, description, arguments: args })),
  }));
  server.setRequestHandler(GetPromptRequestSchema, async (request) => {
    const prompt = PROMPTS.find((p) => p.name === request.params.name);
    if (!prompt) throw protocolError(`unknown prompt ${request.params.name}; prompts are ${PROMPTS.map((p) => p.name).join(', ')}`);
    const args = request.params.arguments ?? {};
    const missing = prompt.arguments.filter((a) => a.required && !args[a.name]).map((a) => a.name);
    if (missing.length) throw protocolError(`prompt ${prompt.name} needs ${missing.join(', ')}`);
    try {
      const text = await prompt.render(session(), args);
      return { description: prompt.description, messages: [{ role: 'user' as const, content: { type: 'text' as const, text } }] };
    } catch (e) {
      if (e instanceof ConcordError) throw protocolError(`${e.code}: ${e.message}`, e.report(MCP_HINTS));
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
      if (e instanceof ConcordError) throw protocolError(`${e.code}: ${e.message}`, e.report(MCP_HINTS));
      throw e;
    }
  });
  return server;
}
