// Real servers on random loopback ports for dependency checks: HTTP (fast, slow, wrong status, hanging),
// a TCP listener, a port where nothing listens, and an MCP server over Streamable HTTP.
import http from 'node:http';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import { afterAll } from 'vitest';

const closers: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const close of closers.splice(0)) await close();
});

export interface HttpFixture {
  url: (path: string) => string;
  port: number;
  /** Requests received, by path. */
  hits: Map<string, number>;
  /** The status `/toggle` answers with (200 at first). */
  setToggle: (status: number) => void;
}

/**
 * `/ok` 200, `/slow` 200 after 300 ms, `/wrong` 503, `/hang` never answers, `/teapot` 418,
 * `/delay/<ms>` 200 after ms, `/moved` 301 to `/ok`, `/away` 302 to `/ok` on another host name (localhost),
 * `/toggle` whatever `setToggle` said.
 */
export async function startHttpFixture(): Promise<HttpFixture> {
  const hits = new Map<string, number>();
  let toggle = 200;
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0]!;
    hits.set(path, (hits.get(path) ?? 0) + 1);
    const delay = /^\/delay\/(\d+)$/.exec(path);
    if (path === '/ok') res.end('ok');
    else if (path === '/toggle') {
      res.statusCode = toggle;
      res.end();
    }
    else if (path === '/slow') setTimeout(() => res.end('slow but fine'), 300);
    else if (delay) setTimeout(() => res.end('ok'), Number(delay[1]));
    else if (path === '/wrong') {
      res.statusCode = 503;
      res.end('unavailable');
    } else if (path === '/teapot') {
      res.statusCode = 418;
      res.end();
    } else if (path === '/moved') {
      res.writeHead(301, { location: '/ok' });
      res.end();
    } else if (path === '/away') {
      res.writeHead(302, { location: `http://localhost:${port}/ok` });
      res.end();
    } else if (path === '/hang') {
      // Never answers: the check must give up at its deadline.
    } else {
      res.statusCode = 404;
      res.end('not found');
    }
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  closers.push(() => closeServer(server, sockets));
  return { url: (p) => `http://127.0.0.1:${port}${p}`, port, hits, setToggle: (status) => (toggle = status) };
}

/** A TCP listener that accepts connections and says nothing. */
export async function startTcpListener(): Promise<number> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  closers.push(() => closeServer(server, sockets));
  return port;
}

/** A loopback port where nothing listens (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = net.createServer();
  const port = await listen(server);
  await new Promise<void>((r) => server.close(() => r()));
  return port;
}

/** A real MCP server (the SDK's McpServer) over Streamable HTTP at `/mcp`, with two tools. */
export async function startMcpHttpServer(info = { name: 'fixture-mcp', version: '2.4.1' }): Promise<string> {
  const { McpServer } = await import('@modelcontextprotocol/sdk/server/mcp.js');
  const { StreamableHTTPServerTransport } = await import('@modelcontextprotocol/sdk/server/streamableHttp.js');
  const sockets = new Set<net.Socket>();
  const server = http.createServer(async (req, res) => {
    if (req.url !== '/mcp') {
      res.statusCode = 404;
      return res.end();
    }
    // Stateless: a fresh server and transport per request, as the SDK's examples do.
    const mcp = new McpServer(info);
    mcp.registerTool('ping', { description: 'Answers pong' }, async () => ({ content: [{ type: 'text', text: 'pong' }] }));
    mcp.registerTool('echo', { description: 'Echoes' }, async () => ({ content: [{ type: 'text', text: 'echo' }] }));
    const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined });
    res.on('close', () => {
      void transport.close();
      void mcp.close();
    });
    await mcp.connect(transport);
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = chunks.length ? (JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown) : undefined;
    await transport.handleRequest(req, res, body);
  });
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  const port = await listen(server);
  closers.push(() => closeServer(server, sockets));
  return `http://127.0.0.1:${port}/mcp`;
}

function listen(server: net.Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

function closeServer(server: net.Server, sockets: Set<net.Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((r) => server.close(() => r()));
}
