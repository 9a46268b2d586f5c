// The HTTP server's guards (Origin, Host, bearer token) through Hono's app.request(), and the binding
// rules over real HTTP on loopback with the built `concord serve`.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { httpApp, httpClient, type InProcessHttp, serve } from '../helpers/mcp.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

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

  it("with a token, the dashboard's files load without it; a read may carry it in the port's cookie, a write never", async () => {
    const { file } = ecosystemDir(SMALL);
    const token = 'a-long-enough-secret-token-1234';
    const web = tempDir();
    fs.mkdirSync(path.join(web, 'assets'));
    fs.writeFileSync(path.join(web, 'index.html'), '<!doctype html><title>Concord</title>');
    fs.writeFileSync(path.join(web, 'assets', 'app.js'), 'console.log(1)');
    const http = httpApp(file, { token, webDir: web });
    const cookie = (name: string, value = token) => ({ cookie: `theme=dark; ${name}=${encodeURIComponent(value)}` });
    try {
      // The page and its assets: no data in them, so no token (it has to load to ask for one).
      expect((await http.fetch(`${http.url}/`)).status).toBe(200);
      expect((await http.fetch(`${http.url}/assets/app.js`)).status).toBe(200);
      // Anything else still needs it: the API, a path that is no file, the files from a foreign origin.
      expect((await http.fetch(`${http.url}/api/todos`)).status).toBe(401);
      expect((await http.fetch(`${http.url}/not-a-file`)).status).toBe(401);
      expect((await http.fetch(`${http.url}/`, { headers: { origin: 'https://evil.example' } })).status).toBe(403);
      // A read with the cookie of this server's port (7321) passes; another port's cookie or a wrong value does not.
      expect((await http.fetch(`${http.url}/api/todos`, { headers: cookie('concord_token_7321') })).status).toBe(200);
      expect((await http.fetch(`${http.url}/api/events?limit=1`, { headers: { ...cookie('concord_token_7321'), accept: 'text/event-stream' } })).status).toBe(200);
      expect((await http.fetch(`${http.url}/api/todos`, { headers: cookie('concord_token_7322') })).status).toBe(401);
      expect((await http.fetch(`${http.url}/api/todos`, { headers: cookie('concord_token_7321', 'wrong-token-wrong-token') })).status).toBe(401);
      // A write with the cookie alone is refused, and writes nothing; with the header it is made.
      const before = fs.readFileSync(file, 'utf8');
      const write = (headers: Record<string, string>) => http.fetch(`${http.url}/api/todos/TODO-5`, { method: 'PATCH', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify({ priority: 'low' }) });
      expect((await write(cookie('concord_token_7321'))).status).toBe(401);
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
      expect((await write({ authorization: `Bearer ${token}` })).status).toBe(200);
      expect(fs.readFileSync(file, 'utf8')).not.toBe(before);
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
