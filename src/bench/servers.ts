// `concord mcp` and `concord serve` as an agent meets them: spawned on a fresh clone, the time to the
// answer of the first tool call, a hand edit picked up, and the peak memory of the server.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StdioClientTransport } from '@modelcontextprotocol/sdk/client/stdio.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { benchEnv, peakRssMib } from './process.js';

export interface ServerSample {
  /** Spawn to the answer of initialize (the client connected). */
  connect_ms: number;
  /** Spawn to the result of the first tool call (coord_ready_todos), on a file with no index yet. */
  first_call_ms: number;
  /** Calls answered INDEX_BUILDING (retry) before it, and the longest any one of them waited. */
  retries: number;
  longest_call_ms: number;
  /** A tool call once the server is warm (coord_get_todo). */
  warm_call_ms: number;
  /** A hand edit of one todo to the call that shows it. */
  hand_edit_ms: number;
  rss_mib: number | undefined;
}

interface Connected {
  client: Client;
  pid: number;
  stop: () => Promise<void>;
}

async function connectStdio(cli: string, file: string): Promise<Connected> {
  const transport = new StdioClientTransport({ command: process.execPath, args: [cli, 'mcp', '--file', file], env: benchEnv(), stderr: 'pipe' });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(transport);
  return { client, pid: transport.pid!, stop: () => client.close() };
}

async function connectHttp(cli: string, file: string): Promise<Connected> {
  const child: ChildProcess = spawn(process.execPath, [cli, 'serve', '--port', '0', '--file', file], { env: benchEnv(), stdio: ['ignore', 'pipe', 'pipe'] });
  let err = '';
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr!.on('data', (d: Buffer) => {
      err += d.toString();
      const m = /MCP: +(http:\/\/\S+\/mcp)/.exec(err);
      if (m) resolve(m[1]!);
    });
    child.once('exit', (code) => reject(new Error(`concord serve exited with ${code}: ${err}`)));
  });
  const client = new Client({ name: 'bench', version: '1' });
  await client.connect(new StreamableHTTPClientTransport(new URL(url)));
  return {
    client,
    pid: child.pid!,
    stop: async () => {
      await client.close();
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function timedCall(client: Client, name: string, args: Record<string, unknown>): Promise<{ ms: number; text: string }> {
  const start = performance.now();
  // The SDK client's default timeout (60 s) is the one agents live with.
  const r = await client.callTool({ name, arguments: args });
  const ms = performance.now() - start;
  const text = JSON.stringify(r);
  if (r.isError) throw new Error(`${name} failed in the bench: ${text.slice(0, 500)}`);
  return { ms, text };
}

/** Measures one server kind on `file` (which must have no index yet). */
export async function benchServer(kind: 'mcp' | 'serve', cli: string, file: string, editTodo: string): Promise<ServerSample> {
  const start = performance.now();
  const s = await (kind === 'mcp' ? connectStdio : connectHttp)(cli, file);
  const connect_ms = performance.now() - start;
  try {
    // A call that waited index_wait_ms for the first index is answered INDEX_BUILDING: an agent retries.
    let retries = 0;
    let longest_call_ms = 0;
    for (;;) {
      const at = performance.now();
      const r = await s.client.callTool({ name: 'coord_ready_todos', arguments: {} });
      longest_call_ms = Math.max(longest_call_ms, performance.now() - at);
      if (!r.isError) break;
      if (!JSON.stringify(r.content).includes('INDEX_BUILDING') || ++retries > 20) throw new Error(`coord_ready_todos failed in the bench: ${JSON.stringify(r).slice(0, 500)}`);
    }
    const first_call_ms = performance.now() - start;
    await timedCall(s.client, 'coord_list_todos', { repo: ['repo-7'] });
    await timedCall(s.client, 'coord_get_ecosystem_status', {});
    const warm = await timedCall(s.client, 'coord_get_todo', { id: editTodo });
    const marker = `edited by the bench ${kind} ${Date.now()}`;
    const text = fs.readFileSync(file, 'utf8');
    const at = text.indexOf(`- id: ${editTodo}\n`);
    const task = text.indexOf('task: ', at) + 'task: '.length;
    fs.writeFileSync(file, text.slice(0, task) + marker + ' ' + text.slice(task));
    const editStart = performance.now();
    const seen = await timedCall(s.client, 'coord_get_todo', { id: editTodo });
    const hand_edit_ms = performance.now() - editStart;
    if (!seen.text.includes(marker)) throw new Error(`concord ${kind} did not pick up the hand edit of ${editTodo}`);
    return { connect_ms, first_call_ms, retries, longest_call_ms, warm_call_ms: warm.ms, hand_edit_ms, rss_mib: peakRssMib(s.pid) };
  } finally {
    await s.stop();
  }
}
