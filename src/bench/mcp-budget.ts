// Token budget of the MCP tools: the size of each default response on a large ecosystem, and of
// tools/list (which clients send to their model on every turn), in bytes / 4.
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import type { Workspace } from '../app/workspace.js';
import { createMcpServer } from '../mcp/server.js';
import { TOOL_SETS, type ToolSet } from '../mcp/tool-sets.js';

export const TOKEN_BUDGET = 4000;
/** tools/list of each tool set (issue 11: the full list under 8,000 tokens; all is opt-in, every operation as a tool). */
export const LIST_BUDGET: Record<ToolSet, number> = { full: 8000, core: 3500, all: 20_000 };

export interface BudgetRow {
  call: string;
  bytes: number;
  tokens: number;
}

/** Calls each read tool with its default arguments through a real client and server, in memory. */
export async function measureTokenBudget(ws: Workspace, ids: { todo: string; issue: string; plan: string; repo: string }): Promise<BudgetRow[]> {
  const server = createMcpServer(ws);
  const [a, b] = InMemoryTransport.createLinkedPair();
  await server.connect(a);
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(b);
  const calls: [string, Record<string, unknown>][] = [
    ['coord_list_todos', {}],
    ['coord_list_issues', {}],
    ['coord_list_plans', {}],
    ['coord_list_dependencies', {}],
    ['coord_ready_todos', {}],
    ['coord_get_todo', { id: ids.todo }],
    ['coord_get_issue', { id: ids.issue }],
    ['coord_get_plan', { id: ids.plan }],
    ['coord_get_blocking_issues', { repo: ids.repo }],
    ['coord_get_repo_status', { repo: ids.repo }],
    ['coord_get_ecosystem_status', {}],
    ['coord_dep_graph', {}],
    ['coord_search', { query: 'implement work' }],
    ['coord_get_history', {}],
    ['coord_get_trends', {}],
    ['coord_list_checkpoints', {}],
  ];
  const rows: BudgetRow[] = [];
  for (const [name, args] of calls) {
    const r = await client.callTool({ name, arguments: args });
    if (r.isError) throw new Error(`${name} failed in the bench: ${JSON.stringify(r.content)}`);
    const bytes = Buffer.byteLength(JSON.stringify(r));
    rows.push({ call: `${name} ${JSON.stringify(args)}`, bytes, tokens: Math.round(bytes / 4) });
  }
  await client.close();
  await server.close();
  return rows;
}

/** tools/list of each tool set, through a real client and server in memory. */
export async function measureToolLists(ws: Workspace): Promise<(BudgetRow & { set: ToolSet })[]> {
  const rows: (BudgetRow & { set: ToolSet })[] = [];
  for (const set of TOOL_SETS) {
    const server = createMcpServer(ws, { tools: set });
    const [a, b] = InMemoryTransport.createLinkedPair();
    await server.connect(a);
    const client = new Client({ name: 'bench', version: '1' });
    await client.connect(b);
    const listed = await client.listTools();
    const bytes = Buffer.byteLength(JSON.stringify(listed));
    const schemas = Math.round(listed.tools.reduce((n, t) => n + Buffer.byteLength(JSON.stringify(t.outputSchema ?? {})), 0) / 4);
    rows.push({ set, call: `tools/list --tools ${set} (${listed.tools.length} tools, ~${schemas} tokens of output schemas)`, bytes, tokens: Math.round(bytes / 4) });
    await client.close();
    await server.close();
  }
  return rows;
}
