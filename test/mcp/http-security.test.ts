// The HTTP server's guards, over real HTTP on loopback: Origin, Host, bearer token, binding.
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { httpClient, serve } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 'curl', version: '1' } } };
const post = (url: string, headers: Record<string, string> = {}) =>
  fetch(`${url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(initialize) });

/** fetch() may not set Host; node:http can, as a DNS-rebinding page's browser would send it. */
function postWithHost(url: string, host: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request(`${url}/mcp`, { method: 'POST', headers: { host, 'content-type': 'application/json', accept: 'application/json, text/event-stream' } }, (res) => {
      let body = '';
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
    req.end(JSON.stringify(initialize));
  });
}

describe('concord serve', () => {
  it('binds to loopback, answers /health, and refuses foreign origins and host names', async () => {
    const { file } = ecosystemDir(SMALL);
    const server = await serve(file);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ ok: true });
      expect((await post(server.url)).status).toBe(200);
      expect((await post(server.url, { origin: server.url })).status).toBe(200);
      const evil = await post(server.url, { origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      expect(await evil.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
      const rebinding = await postWithHost(server.url, 'evil.example');
      expect(rebinding.status).toBe(403);
      expect(JSON.parse(rebinding.body)).toMatchObject({ error: { code: 'FORBIDDEN_HOST' } });
      const noSession = await fetch(`${server.url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify({ jsonrpc: '2.0', id: 2, method: 'tools/list' }) });
      expect(noSession.status).toBe(400);
    } finally {
      await server.stop();
    }
  });

  it('refuses to listen beyond loopback without a token', () => {
    const { dir } = ecosystemDir(SMALL);
    const r = concord(['serve', '--host', '0.0.0.0', '--port', '0'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/^INVALID_SETTINGS: refusing to listen on 0\.0\.0\.0 without a bearer token/);
    expect(r.stderr).toContain('CONCORD_SERVER_TOKEN');
  });

  it('with a token, every MCP request needs the bearer token', async () => {
    const { file } = ecosystemDir(SMALL);
    const token = 'a-long-enough-secret-token-1234';
    const server = await serve(file, ['--host', '0.0.0.0'], { CONCORD_SERVER_TOKEN: token });
    try {
      const url = server.url.replace('0.0.0.0', '127.0.0.1');
      expect((await post(url)).status).toBe(401);
      expect((await post(url, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
      expect((await fetch(`${url}/health`)).status).toBe(200);
      const client = await httpClient(url, 'with-token', { authorization: `Bearer ${token}` });
      const tools = await client.listTools();
      expect(tools.tools.length).toBeGreaterThan(20);
      await client.close();
    } finally {
      await server.stop();
    }
  });
});
