// api_call steps against a real HTTP server on loopback: retries honouring Retry-After, credentials from
// concord.yaml and the environment, the response as outputs, and the secret in neither the log nor the record.
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Workspace } from '../../src/app/workspace.js';
import { runWorkflow } from '../../src/workflows/index.js';
import { ecosystemWithRepos } from '../helpers/repos.js';

const TOKEN = 's3cr3t-token-value';
const seen: { method: string; url: string; auth?: string; at: number }[] = [];
let answers: { status: number; headers?: Record<string, string>; body?: unknown }[] = [];
const server = http.createServer((req, res) => {
  let body = '';
  req.on('data', (c) => (body += c));
  req.on('end', () => {
    seen.push({ method: req.method!, url: req.url!, ...(req.headers.authorization ? { auth: req.headers.authorization } : {}), at: Date.now() });
    const a = answers.shift() ?? { status: 200, body: { echo: req.headers.authorization, got: body ? JSON.parse(body) : null } };
    res.writeHead(a.status, { 'content-type': 'application/json', ...(a.headers ?? {}) });
    res.end(JSON.stringify(a.body ?? {}));
  });
});
await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe('api_call steps', () => {
  it('retries 503 and 429 (waiting Retry-After), sends the credentials, captures the response, and masks the token', async () => {
    const eco = ecosystemWithRepos({ app: {} }, []);
    fs.writeFileSync(path.join(eco.dir, 'concord.yaml'), 'workflows:\n  auth:\n    svc: { scheme: bearer, env: SVC_TOKEN }\n');
    fs.mkdirSync(path.join(eco.dir, 'workflows'));
    fs.writeFileSync(path.join(eco.dir, 'workflows', 'call.yaml'), `
steps:
  - id: post
    type: api_call
    with: { url: "${base}/things?x=1", method: POST, auth: svc, body: { name: widget }, retries: 3 }
  - id: use
    type: api_call
    if: "steps.post.outputs.status == 200"
    with: { url: "${base}/second/\${{ steps.post.outputs.body.got.name }}" }
`);
    const ws = new Workspace({ cwd: eco.dir, actor: 'tester', env: { SVC_TOKEN: TOKEN } });
    answers = [{ status: 503 }, { status: 429, headers: { 'retry-after': '1' } }];
    seen.length = 0;
    const run = await runWorkflow(ws, { name: 'call' }, { trigger: 'cli' });
    expect(run.status, run.error).toBe('succeeded');
    expect(seen.map((s) => `${s.method} ${s.url}`)).toEqual(['POST /things?x=1', 'POST /things?x=1', 'POST /things?x=1', 'GET /second/widget']);
    expect(seen.slice(0, 3).every((s) => s.auth === `Bearer ${TOKEN}`)).toBe(true);
    // Retry-After: 1 was honoured between the 429 and the third try.
    expect(seen[2]!.at - seen[1]!.at).toBeGreaterThanOrEqual(950);
    const post = run.steps[0]!.outputs as { status: number; attempts: number; body: { echo: string; got: unknown } };
    expect(post.status).toBe(200);
    expect(post.attempts).toBe(3);
    expect(post.body.got).toEqual({ name: 'widget' });
    // The server echoed the header: the record and the log say *** instead.
    expect(post.body.echo).toBe('Bearer ***');
    const log = fs.readFileSync(run.log!, 'utf8');
    expect(log).toMatch(/HTTP 503: try 2/);
    expect(JSON.stringify(run) + log).not.toContain(TOKEN);
  });

  it('fails with the status after the retries, and names a missing credential variable', async () => {
    const eco = ecosystemWithRepos({ app: {} }, []);
    fs.mkdirSync(path.join(eco.dir, 'workflows'));
    fs.writeFileSync(path.join(eco.dir, 'workflows', 'bad.yaml'), `steps:\n  - { id: a, type: api_call, with: { url: "${base}/x", retries: 1 } }\n  - { id: b, type: api_call, with: { url: "${base}/y", auth: { env: NOT_SET_ANYWHERE } } }\n`);
    const ws = new Workspace({ cwd: eco.dir, actor: 'tester', env: {} });
    answers = [{ status: 502 }, { status: 502 }];
    const first = await runWorkflow(ws, { name: 'bad' }, { trigger: 'cli' });
    expect(first.steps[0]!.error).toMatch(/answered 502/);
    expect(first.steps[0]!.outputs).toMatchObject({ status: 502, attempts: 2 });
    fs.writeFileSync(path.join(eco.dir, 'workflows', 'bad.yaml'), `steps:\n  - { id: b, type: api_call, with: { url: "${base}/y", auth: { env: NOT_SET_ANYWHERE } } }\n`);
    const second = await runWorkflow(ws, { name: 'bad' }, { trigger: 'cli' });
    expect(second.steps[0]!.error).toMatch(/the variable NOT_SET_ANYWHERE is not set/);
  });
});
