// Claims under real concurrency, counted: agents each with their own `concord mcp` (stdio) or on one
// `concord serve` (HTTP) looping ready -> claim -> complete, a claim racing a completion, and 20 agents
// with the same name. The figures of issue 10: each must be 0 (or exactly 1 winner).
import fs from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, httpApp, httpClient, serve, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

/** An ecosystem of `n` pending, unblocked todos in one repo. */
function manyTodos(n: number): string {
  const lines = ['version: "1.0"', 'repos:', '  - name: api', '    path: ./api', 'coordination:', '  todos:'];
  for (let i = 1; i <= n; i++) lines.push(`    - id: T-${i}`, `      task: Task ${i}`, '      repo: api', '      status: pending', '      priority: medium');
  return lines.join('\n') + '\n';
}

interface Tally {
  /** Claims granted, per todo. */
  grants: Map<string, number>;
  completed: number;
  failedCompletes: string[];
}

/** One agent: ready -> claim (one of the first three, so agents collide) -> complete, until nothing is ready. */
async function agentLoop(client: Client, name: string, tally: Tally): Promise<void> {
  for (let round = 0; round < 2000; round++) {
    const ready = await call(client, 'coord_ready_todos', { limit: 3 });
    const items = ready.value['items'] as { id: string }[];
    if (items.length === 0) return;
    const pick = items[Math.floor(Math.random() * items.length)]!.id;
    const claim = await call(client, 'coord_claim_todo', { id: pick, agent: name });
    if (!claim.ok) continue;
    tally.grants.set(pick, (tally.grants.get(pick) ?? 0) + 1);
    const token = (claim.value['claim'] as { token: unknown }).token;
    const done = await call(client, 'coord_complete_todo', { id: pick, claim_token: token });
    if (done.ok) tally.completed++;
    else tally.failedCompletes.push(`${pick}: ${JSON.stringify(done.value['error'])}`);
  }
}

async function runLoop(clients: Client[], todos: number) {
  const tally: Tally = { grants: new Map(), completed: 0, failedCompletes: [] };
  await Promise.all(clients.map((c, i) => agentLoop(c, `agent-${i}`, tally)));
  const grants = [...tally.grants.values()].reduce((a, b) => a + b, 0);
  const counts = { grants, distinct: tally.grants.size, heldTwice: [...tally.grants.values()].filter((n) => n > 1).length, completed: tally.completed, failedCompletes: tally.failedCompletes.length, todos };
  // On a failure the message names the todos held twice and why completions were refused.
  const heldTwice = [...tally.grants].filter(([, n]) => n > 1).map(([id, n]) => `${id} granted ${n} times`);
  return { counts, why: [...heldTwice, ...tally.failedCompletes].slice(0, 10).join('\n') };
}

const completedIn = (file: string) => (fs.readFileSync(file, 'utf8').match(/status: completed/g) ?? []).length;

describe('ready -> claim -> complete with 10 agents on 200 todos', () => {
  it('over stdio, each agent its own concord mcp: 0 todos held twice, 200 claims for 200 todos, all completed', async () => {
    const { file } = ecosystemDir(manyTodos(200));
    const clients = await Promise.all(Array.from({ length: 10 }, (_, i) => stdioClient(file, {}, `agent-${i}`)));
    try {
      const r = await runLoop(clients, 200);
      expect(r.counts, r.why).toEqual({ grants: 200, distinct: 200, heldTwice: 0, completed: 200, failedCompletes: 0, todos: 200 });
      expect(completedIn(file)).toBe(200);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  }, 240_000);

  it('5 agents over stdio and 5 over HTTP on one concord serve: 0 todos held twice', async () => {
    const { file } = ecosystemDir(manyTodos(200));
    const server = await serve(file);
    const clients = await Promise.all([
      ...Array.from({ length: 5 }, (_, i) => stdioClient(file, {}, `agent-${i}`)),
      ...Array.from({ length: 5 }, (_, i) => httpClient(server.url, { name: `agent-${i + 5}` })),
    ]);
    try {
      const r = await runLoop(clients, 200);
      expect(r.counts, r.why).toEqual({ grants: 200, distinct: 200, heldTwice: 0, completed: 200, failedCompletes: 0, todos: 200 });
      expect(completedIn(file)).toBe(200);
    } finally {
      await Promise.all(clients.map((c) => c.close()));
      await server.stop();
    }
  }, 240_000);
});

describe('a claim racing a completion', () => {
  it('15 rounds of "B keeps claiming while A completes": B is granted 0 claims and completes 0 todos', async () => {
    const { file } = ecosystemDir(manyTodos(15));
    const a = await stdioClient(file, {}, 'agent-a');
    const b = await stdioClient(file, {}, 'agent-b');
    let grantedToB = 0;
    let completedByB = 0;
    try {
      for (let i = 1; i <= 15; i++) {
        const id = `T-${i}`;
        const claim = await call(a, 'coord_claim_todo', { id, agent: 'agent-a' });
        expect(claim.ok).toBe(true);
        const token = (claim.value['claim'] as { token: unknown }).token;
        let finished = false;
        const completing = call(a, 'coord_complete_todo', { id, claim_token: token }).finally(() => (finished = true));
        // B's claims arrive before, during and just after A's completion.
        const stealing = (async () => {
          for (let k = 0; k < 50; k++) {
            const stolen = await call(b, 'coord_claim_todo', { id, agent: 'agent-b' });
            if (stolen.ok) return stolen;
            expect(['ALREADY_CLAIMED', 'INVALID_TRANSITION']).toContain((stolen.value['error'] as { code: string }).code);
            if (finished && (stolen.value['error'] as { code: string }).code === 'INVALID_TRANSITION') return undefined;
          }
          return undefined;
        })();
        const [done, stolen] = await Promise.all([completing, stealing]);
        expect(done.ok).toBe(true);
        if (stolen) {
          grantedToB++;
          const bToken = (stolen.value['claim'] as { token: unknown }).token;
          if ((await call(b, 'coord_complete_todo', { id, claim_token: bToken })).ok) completedByB++;
        }
      }
    } finally {
      await a.close();
      await b.close();
    }
    expect({ grantedToB, completedByB }).toEqual({ grantedToB: 0, completedByB: 0 });
  }, 120_000);
});

describe('agents with the same name', () => {
  it('20 sessions all called "claude" claim one todo: 1 is granted, 19 are refused ALREADY_CLAIMED', async () => {
    const { file } = ecosystemDir(SMALL);
    // Sessions of one server: concord serve's app in this process (the race is between its sessions).
    const server = httpApp(file);
    try {
      const clients = await Promise.all(Array.from({ length: 20 }, () => httpClient(server.url, { name: 'claude', via: server })));
      const results = await Promise.all(clients.map((c) => call(c, 'coord_claim_todo', { id: 'TODO-2', agent: 'claude' })));
      const codes = results.filter((r) => !r.ok).map((r) => (r.value['error'] as { code: string }).code);
      expect({ granted: results.filter((r) => r.ok).length, refused: codes.filter((c) => c === 'ALREADY_CLAIMED').length }).toEqual({ granted: 1, refused: 19 });
      await Promise.all(clients.map((c) => c.close()));
    } finally {
      await server.close();
    }
  }, 60_000);
});
