// The HTTP server's guards (Origin, Host, bearer token) through Hono's app.request(), and the binding
// rules over real HTTP on loopback with the built `concord serve`.
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { httpApp, httpClient, type InProcessHttp, serve } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-11-25', capabilities: {}, clientInfo: { name: 'curl', version: '1' } } };
const post = (http: Pick<InProcessHttp, 'fetch'>, url: string, headers: Record<string, string> = {}, body: unknown = initialize) =>
  http.fetch(`${url}/mcp`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream', ...headers }, body: JSON.stringify(body) });

describe('concord serve', () => {
  it('refuses foreign origins and host names (DNS rebinding), and requests outside a session', async () => {
    const { file } = ecosystemDir(SMALL);
    const http = httpApp(file);
    try {
      expect(await (await http.fetch(`${http.url}/health`)).json()).toMatchObject({ ok: true });
      expect((await post(http, http.url)).status).toBe(200);
      expect((await post(http, http.url, { origin: http.url })).status).toBe(200);
      const evil = await post(http, http.url, { origin: 'https://evil.example' });
      expect(evil.status).toBe(403);
      expect(await evil.json()).toMatchObject({ error: { code: 'FORBIDDEN_ORIGIN' } });
      // A page on evil.example whose name resolves to 127.0.0.1 still sends Host: evil.example.
      const rebinding = await post(http, http.url, { host: 'evil.example' });
      expect(rebinding.status).toBe(403);
      expect(await rebinding.json()).toMatchObject({ error: { code: 'FORBIDDEN_HOST' } });
      expect((await post(http, http.url, {}, { jsonrpc: '2.0', id: 2, method: 'tools/list' })).status).toBe(400);
      const unknownSet = await http.fetch(`${http.url}/mcp?tools=everything`, { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json, text/event-stream' }, body: JSON.stringify(initialize) });
      expect(unknownSet.status).toBe(400);
      expect(await unknownSet.text()).toContain('unknown tool set everything; use full or core');
    } finally {
      await http.close();
    }
  });

  it('with a token, every request but /health needs it', async () => {
    const { file } = ecosystemDir(SMALL);
    const token = 'a-long-enough-secret-token-1234';
    const http = httpApp(file, { token, allowedHosts: [] });
    try {
      expect((await post(http, http.url)).status).toBe(401);
      expect((await post(http, http.url, { authorization: 'Bearer wrong-token-wrong-token' })).status).toBe(401);
      expect((await http.fetch(`${http.url}/health`)).status).toBe(200);
      const client = await httpClient(http.url, { headers: { authorization: `Bearer ${token}` }, via: http });
      expect((await client.listTools()).tools.length).toBeGreaterThan(20);
      await client.close();
    } finally {
      await http.close();
    }
  });

  it('serves the core set to a session that asks for it with ?tools=core', async () => {
    const { file } = ecosystemDir(SMALL);
    const http = httpApp(file);
    try {
      const client = await httpClient(http.url, { via: http, query: 'tools=core' });
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('coord_claim_todo');
      expect(names).not.toContain('coord_get_trends');
      await client.close();
    } finally {
      await http.close();
    }
  });

  it('binds to loopback on a real port, answering /health and MCP; --tools sets the sessions\' default', async () => {
    const { file } = ecosystemDir(SMALL);
    const server = await serve(file, ['--tools', 'core']);
    try {
      expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
      expect(await (await fetch(`${server.url}/health`)).json()).toMatchObject({ ok: true });
      const client = await httpClient(server.url);
      expect((await client.listTools()).tools.map((t) => t.name)).not.toContain('coord_get_trends');
      await client.close();
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
});
