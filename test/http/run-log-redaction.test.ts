// Secrets in a run's log never leave Concord: the server's token, a variable whose name says it is secret, and
// token shapes (sk-..., ghp_..., Bearer ...) are [redacted] in the log over HTTP (tail and slices of any size),
// MCP (coord_get_run), the CLI (`run logs`) and the SSE log stream, across its chunks (a secret across the
// stream's 64 KiB chunk, and one the agent writes in two halves while the stream is open).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { Workspace } from '../../src/app/workspace.js';
import { createHttpApp } from '../../src/http/app.js';
import { startHttpServer } from '../../src/http/server.js';
import { concordInProcess } from '../helpers/cli.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { drainQueue, runEcosystem } from '../helpers/runs.js';
import { openSse, takeUntilEnd } from '../helpers/sse.js';

const SERVER_TOKEN = 'srv-token-Q7w8e9r0t1y2u3i4';
const ENV_SECRET = 'envsecret-K2j3h4g5f6d7';
const OPENAI = 'sk-proj-Zq9Xw8Vu7Ts6Rq5Po4Nm3';
const GITHUB = 'ghp_Ab1Cd2Ef3Gh4Ij5Kl6Mn7Op8Qr9St0Uv1Wx';
const BEARER = 'eyJhbGciOiJIUzI1NiJ9.payload.sig';
/** The OpenAI key starts 6 bytes before the stream's first 64 KiB chunk ends (when it reads from the start). */
const PAD = 65_530 - `token ${SERVER_TOKEN} and ${ENV_SECRET}\n`.length - 1;

/** The agent's output: every kind of secret; the OpenAI key across the stream's first 64 KiB chunk; the GitHub token written in two halves 0.6 s apart. */
const SCRIPT = [
  `printf 'token %s and %s\\n' "${SERVER_TOKEN}" "${ENV_SECRET}"`,
  `head -c ${PAD} /dev/zero | tr '\\0' 'x'`,
  `printf ' ${OPENAI} end\\n'`,
  `printf 'curl -H "Authorization: Bearer ${BEARER}"\\n'`,
  `printf 'gh says ${GITHUB.slice(0, 14)}'`,
  'sleep 0.6',
  `printf '${GITHUB.slice(14)} ok\\n'`,
  'echo x >> f.txt && git add -A && git commit -qm x && echo "done $CONCORD_TODO"',
].join('; ');

const SECRETS = [SERVER_TOKEN, ENV_SECRET, OPENAI, GITHUB, BEARER];
/** Pieces of each secret that must never appear (a prefix would leave it half told). */
const PIECES = [...SECRETS.map((s) => s.slice(0, 12)), ...SECRETS.map((s) => s.slice(-8))];

/** What the log says, with each secret [redacted] (written out here, not computed by the code under test). */
const EXPECTED = `token [redacted] and [redacted]\n${'x'.repeat(PAD)} [redacted] end\ncurl -H "Authorization: Bearer [redacted]"\ngh says [redacted] ok\ndone TODO-1\n`;

/** The padding as a count, so that a failure prints a readable text. */
const squash = (text: string) => text.replace(/x{100,}/g, (m) => `x*${m.length}`);

function expectNoSecret(text: string) {
  for (const piece of PIECES) expect(text).not.toContain(piece);
}

describe('run logs are redacted on every surface', () => {
  it('streams, slices and tails the log of a run with every secret [redacted], across chunk boundaries', async () => {
    const env = { DEPLOY_TOKEN: ENV_SECRET };
    const e = runEcosystem({
      repos: ['api'],
      todos: [{ id: 'TODO-1', task: 'Leaky', repo: 'api', status: 'pending' }],
      settings: { server: { token: SERVER_TOKEN }, executors: { leaky: { command: 'sh', args: ['-c', SCRIPT] } }, pools: [{ name: 'default', executor: 'leaky', limits: { after_result_seconds: 5, wall_seconds: 30 } }] },
    });
    const ws = new Workspace({ cwd: e.dir, actor: 'tester', env, flags: { port: 0 } });
    const server = await startHttpServer(ws.as('dashboard', 'http'));
    const auth = { authorization: `Bearer ${SERVER_TOKEN}` };
    try {
      const { run } = await executeTodo(ws, { todo: 'TODO-1' });
      const stream = await openSse(`${server.url}/api/runs/${run.id}/log/stream`, auth);
      expect(stream.status).toBe(200);
      const working = drainQueue(ws, e.env);
      const seen = await takeUntilEnd(stream, 20_000);
      await working;
      stream.close();
      const chunks = seen.filter((x) => x.event === 'log').map((x) => JSON.parse(x.data).text as string);
      // The log came in more than one chunk (the 64 KiB one, then the rest while the agent slept).
      expect(chunks.length).toBeGreaterThan(1);
      expect(squash(chunks.join(''))).toBe(squash(EXPECTED));
      for (const c of chunks) expectNoSecret(c);
      // The raw file holds them (the agent did print them): the redaction is the reader's.
      const raw = fs.readFileSync(path.join(e.dir, '.concord', 'runs', run.id, 'attempt-1.log'), 'utf8');
      for (const s of SECRETS) expect(raw).toContain(s);

      // HTTP, in-process: the tail, and the whole log read in slices of 97 and of 1,000 bytes.
      const http = createHttpApp(ws.as('dashboard', 'http'), { token: undefined, allowedOrigins: [], allowedHosts: [] });
      const get = async (q: string) => (await (await http.app.request(`/api/runs/${run.id}/log${q}`)).json()) as { text: string; next_offset: number; size: number };
      const tail = await get('?limit=300');
      expect(EXPECTED.endsWith(tail.text)).toBe(true);
      expect(tail.text).toContain('Bearer [redacted]');
      for (const limit of [97, 1000]) {
        let text = '';
        for (let offset = 0, guard = 0; offset < tail.size && guard < 20_000; guard++) {
          const slice = await get(`?offset=${offset}&limit=${limit}`);
          expect(slice.next_offset).toBeGreaterThan(offset);
          text += slice.text;
          offset = slice.next_offset;
        }
        expect(squash(text)).toBe(squash(EXPECTED));
      }
      // A slice that starts inside a secret tells none of it.
      const inside = raw.indexOf(GITHUB) + 5;
      const cut = await get(`?offset=${inside}&limit=20`);
      expect(cut).toMatchObject({ text: '', next_offset: raw.indexOf(GITHUB) + GITHUB.length });
      expect((await get(`?offset=${cut.next_offset}&limit=4`)).text).toBe(' ok\n');

      // MCP: coord_get_run's log, and the run's summary (the start of the agent's output) stored without them.
      const client = await memoryClient(e.file, { ws: ws.as('agent', 'mcp') });
      const got = await call(client, 'coord_get_run', { id: run.id, limit: 300 });
      await client.close();
      expect(got.ok).toBe(true);
      const mcpText = JSON.stringify(got.value);
      expect(mcpText).toContain('Bearer [redacted]');
      expectNoSecret(mcpText);
      expect((got.value['run'] as { outcome: { summary: string } }).outcome.summary).toMatch(/^token \[redacted\] and \[redacted\]\nx/);

      // The CLI: `concord run logs` (its own process environment holds the variable too).
      const cli = concordInProcess(['run', 'logs', run.id, '--offset', '0'], { cwd: e.dir, env: { DEPLOY_TOKEN: ENV_SECRET } });
      expect(cli.code).toBe(0);
      expect(squash(cli.stdout)).toBe(squash(EXPECTED));
    } finally {
      await server.close();
      ws.close();
    }
  });
});
