// Real MCP clients (the official SDK) against Concord's server: in this process over the SDK's in-memory
// transport or over Streamable HTTP through Hono's app.request() (where the process is not under test),
// or against the built program: a spawned `concord mcp` (stdio) or `concord serve` (HTTP on loopback).
import { spawn, type ChildProcess } from 'node:child_process';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { InMemoryTransport } from '@modelcontextprotocol/sdk/inMemory.js';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp, type HttpAppOptions } from '../../src/http/app.js';
import { createMcpServer, type McpServerOptions } from '../../src/mcp/server.js';
import { CLI } from './cli.js';

const baseEnv = () => ({ PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp' });

/** The workspace a server process would open over `file`, on the mcp surface (no CONCORD_* variables). */
export function mcpWorkspace(file: string, env: Record<string, string> = {}): Workspace {
  const ws = new Workspace({ file, env, warn: () => undefined });
  return ws.as(ws.actor(), 'mcp');
}

/** A client and a server in this process, linked by the SDK's in-memory transport; close() closes both. */
export async function memoryClient(file: string, options: McpServerOptions & { name?: string; env?: Record<string, string>; ws?: Workspace } = {}): Promise<Client> {
  const ws = options.ws ?? mcpWorkspace(file, options.env);
  const server = createMcpServer(ws, options);
  const [serverSide, clientSide] = InMemoryTransport.createLinkedPair();
  await server.connect(serverSide);
  const client = new Client({ name: options.name ?? 'test-agent', version: '1.0.0' });
  await client.connect(clientSide);
  const close = client.close.bind(client);
  client.close = async () => {
    await close();
    await server.close();
    if (!options.ws) ws.close();
  };
  return client;
}

export interface InProcessHttp {
  /** The app's fetch, as a client on loopback would call it (its Host header set from the URL). */
  fetch: (url: string | URL, init?: RequestInit) => Promise<Response>;
  url: string;
  close: () => Promise<void>;
}

/** `concord serve`'s HTTP app in this process, called through app.request() instead of a socket. */
export function httpApp(file: string, options: Partial<HttpAppOptions> = {}): InProcessHttp {
  const ws = new Workspace({ file, env: {}, warn: () => undefined });
  const url = 'http://127.0.0.1:7321';
  const { app, close } = createHttpApp(ws.as(ws.actor(), 'http'), { token: undefined, allowedOrigins: [url], allowedHosts: ['127.0.0.1', 'localhost'], ...options });
  return {
    url,
    fetch: async (target, init = {}) => {
      const headers = new Headers(init.headers);
      if (!headers.has('host')) headers.set('host', new URL(target).host);
      return app.request(String(target), { ...init, headers });
    },
    close: async () => {
      await close();
      ws.close();
    },
  };
}

/** A client over Streamable HTTP: to a real server at `url`, or through `via` (an in-process app). */
export async function httpClient(url: string, options: { name?: string; headers?: Record<string, string>; via?: InProcessHttp; query?: string } = {}): Promise<Client> {
  const client = new Client({ name: options.name ?? 'test-agent', version: '1.0.0' });
  const endpoint = new URL(`${url}/mcp${options.query ? `?${options.query}` : ''}`);
  await client.connect(new StreamableHTTPClientTransport(endpoint, { requestInit: { headers: options.headers ?? {} }, ...(options.via ? { fetch: options.via.fetch } : {}) }));
  return client;
}

export async function stdioClient(file: string, env: Record<string, string> = {}, name = 'test-agent', args: string[] = []): Promise<Client> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [CLI, 'mcp', '--file', file, ...args], env: { ...baseEnv(), ...env }, stderr: 'pipe' });
  const client = new Client({ name, version: '1.0.0' });
  await client.connect(transport);
  return client;
}

export interface Served {
  url: string;
  child: ChildProcess;
  stderr: () => string;
  stop: () => Promise<void>;
}

/** Starts `concord serve --port 0` and waits for the URL it prints. */
export async function serve(file: string, args: string[] = [], env: Record<string, string> = {}): Promise<Served> {
  const child = spawn(process.execPath, [CLI, 'serve', '--port', '0', '--file', file, ...args], { env: { ...baseEnv(), ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /MCP: +(http:\/\/\S+)\/mcp/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`concord serve exited with ${code}: ${err}`)));
  });
  return {
    url,
    child,
    stderr: () => err,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Calls a tool; returns structured content, or the error object of an isError result. */
export async function call(client: Client, name: string, args: Record<string, unknown> = {}): Promise<{ ok: boolean; value: Record<string, unknown> }> {
  const r = await client.callTool({ name, arguments: args });
  if (r.isError) return { ok: false, value: JSON.parse((r.content as { text: string }[])[0]!.text) as Record<string, unknown> };
  return { ok: true, value: r.structuredContent as Record<string, unknown> };
}
