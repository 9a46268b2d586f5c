// Probe: an MCP initialize handshake with the provider's server (Streamable HTTP URL, or a stdio command),
// through the official SDK client; records the server's name, version and tool count.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import type { Transport } from '@modelcontextprotocol/sdk/shared/transport.js';
import type { McpServerInfo, ProbeResult } from '../../core/checks/result.js';
import type { PlannedProbe } from '../../core/checks/spec.js';
import type { Dependency } from '../../core/model.js';
import type { ProcessGroupTransport } from './mcp-process-transport.js';
import { elapsed, type ProbeContext, repoDir } from './probe-context.js';
import { networkCode, networkFailure } from './probe-network.js';

type McpProbe = Extract<PlannedProbe, { kind: 'mcp' }>;

const CLIENT = { name: 'concord-dependency-check', version: '1.0.0' };
const MAX_TOOL_PAGES = 20;

export async function probeMcp(probe: McpProbe, dep: Dependency, ctx: ProbeContext, signal: AbortSignal): Promise<ProbeResult> {
  if ('url' in probe) return handshake(probe, signal, async () => {
    const { StreamableHTTPClientTransport } = await import('@modelcontextprotocol/sdk/client/streamableHttp.js');
    return new StreamableHTTPClientTransport(new URL(probe.url));
  });
  // The provider's server runs from the provider's folder.
  const cwd = repoDir(ctx, dep.provider) ?? ctx.ecosystemDir;
  return handshake(probe, signal, async () => {
    const { ProcessGroupTransport } = await import('./mcp-process-transport.js');
    return new ProcessGroupTransport(probe.stages[0]!, cwd);
  });
}

async function handshake(probe: McpProbe, signal: AbortSignal, open: () => Promise<Transport>): Promise<ProbeResult> {
  const base = { kind: 'mcp' as const, target: probe.target };
  const start = performance.now();
  // The SDK is loaded only when a dependency asks for a handshake, to keep it off the CLI's start-up path.
  const sdk = await import('@modelcontextprotocol/sdk/client/index.js');
  const client = new sdk.Client(CLIENT);
  const transport = await open();
  try {
    await client.connect(transport, { signal });
    const latency = elapsed(start);
    const info = client.getServerVersion();
    const server: McpServerInfo = {
      name: info?.name ?? '(unnamed)',
      version: info?.version ?? '(none)',
      tools: client.getServerCapabilities()?.tools ? await countTools(client, signal) : null,
    };
    const tools = server.tools === null ? 'no tools' : `${server.tools} tool${server.tools === 1 ? '' : 's'}`;
    return { ...base, outcome: 'satisfied', summary: `MCP server ${server.name} ${server.version} answered the handshake (${tools}) in ${latency} ms`, latency_ms: latency, server };
  } catch (e) {
    return failure(base, e, signal, start, transport);
  } finally {
    await Promise.race([client.close().catch(() => undefined), new Promise((r) => setTimeout(r, 200).unref())]);
  }
}

async function countTools(client: Client, signal: AbortSignal): Promise<number> {
  let count = 0;
  let cursor: string | undefined;
  for (let page = 0; page < MAX_TOOL_PAGES; page++) {
    const r = await client.listTools(cursor ? { cursor } : {}, { signal });
    count += r.tools.length;
    cursor = r.nextCursor;
    if (!cursor) break;
  }
  return count;
}

function failure(base: { kind: 'mcp'; target: string }, e: unknown, signal: AbortSignal, start: number, transport: Transport): ProbeResult {
  if (signal.aborted) return { ...base, outcome: 'failed', summary: `MCP server ${base.target} did not complete the handshake within the deadline`, timed_out: true };
  const stdio = transport as Partial<ProcessGroupTransport>;
  const code = networkCode(e);
  if (code === 'ENOENT') return { ...base, outcome: 'failed', summary: `command not found: ${base.target.split(/\s+/)[0]}` };
  if (stdio.exit) {
    const how = stdio.exit.signal ? `was killed by ${stdio.exit.signal}` : `exited with ${stdio.exit.code}`;
    const err = stdio.stderr?.trim().split('\n').slice(-1)[0];
    return { ...base, outcome: 'unsatisfied', summary: `MCP server \`${base.target}\` ${how} before completing the handshake${err ? `: ${err}` : ''}`, ...(stdio.stderr ? { output: stdio.stderr.trim() } : {}) };
  }
  const status = (e as { code?: unknown }).code;
  if (typeof status === 'number' && status >= 400 && status < 600) {
    return { ...base, outcome: 'unsatisfied', summary: `${base.target} answered HTTP ${status}, not an MCP handshake`, http_status: status, latency_ms: elapsed(start) };
  }
  if (code) return networkFailure(base, e, signal, start);
  return { ...base, outcome: 'unsatisfied', summary: `MCP handshake with ${base.target} failed: ${(e as Error).message}` };
}
