// Claims under real concurrency: 20 MCP clients racing for one todo, lease expiry, stale tokens.
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, httpClient, serve, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('claims', () => {
  it('20 clients racing to claim the same todo: exactly one wins, the others hear "already claimed"', async () => {
    const { file } = ecosystemDir(SMALL);
    const server = await serve(file);
    try {
      const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => httpClient(server.url, `racer-${i}`)));
      const results = await Promise.all(clients.map((c, i) => call(c, 'coord_claim_todo', { id: 'TODO-2', agent: `racer-${i}` })));
      const winners = results.filter((r) => r.ok);
      expect(winners).toHaveLength(1);
      const holder = (winners[0]!.value['claim'] as { agent: string }).agent;
      for (const r of results.filter((x) => !x.ok)) {
        expect(r.value['error']).toMatchObject({ code: 'ALREADY_CLAIMED', data: { id: 'TODO-2', holder } });
      }
      const ready = await call(clients[0]!, 'coord_ready_todos', {});
      expect((ready.value['items'] as { id: string }[]).map((t) => t.id)).toEqual(['TODO-5']);
      await Promise.all(clients.map((c) => c.close()));
    } finally {
      await server.stop();
    }
  });

  it('separate server processes racing on one state database still let exactly one win', async () => {
    const { file } = ecosystemDir(SMALL);
    const clients = await Promise.all(Array.from({ length: 5 }, (_, i) => stdioClient(file, {}, `proc-${i}`)));
    try {
      const results = await Promise.all(clients.map((c, i) => call(c, 'coord_claim_todo', { id: 'TODO-5', agent: `proc-${i}` })));
      expect(results.filter((r) => r.ok)).toHaveLength(1);
      expect(results.filter((r) => !r.ok).map((r) => (r.value['error'] as { code: string }).code)).toEqual(Array(4).fill('ALREADY_CLAIMED'));
    } finally {
      await Promise.all(clients.map((c) => c.close()));
    }
  });

  it('after the lease expires another agent can claim, and the stale token can no longer complete or renew', async () => {
    const { file } = ecosystemDir(SMALL);
    const a = await stdioClient(file, {}, 'agent-a');
    const b = await stdioClient(file, {}, 'agent-b');
    try {
      const first = await call(a, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-a', lease_seconds: 3 });
      const oldToken = (first.value['claim'] as { token: number }).token;
      expect((await call(b, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-b' })).value['error']).toMatchObject({ code: 'ALREADY_CLAIMED' });
      // Wait until the lease has run out (the claim disappears from the todo), however slow the machine.
      for (let i = 0; i < 100 && (await call(b, 'coord_get_todo', { id: 'TODO-2' })).value['claim'] !== undefined; i++) await new Promise((r) => setTimeout(r, 200));
      const second = await call(b, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-b' });
      expect(second.ok).toBe(true);
      const newToken = (second.value['claim'] as { token: number }).token;
      expect(newToken).toBeGreaterThan(oldToken);
      const stale = await call(a, 'coord_complete_todo', { id: 'TODO-2', claim_token: oldToken });
      expect(stale.value['error']).toMatchObject({ code: 'STALE_CLAIM', data: { holder: 'agent-b' } });
      expect((await call(a, 'coord_heartbeat', { id: 'TODO-2', token: oldToken })).value['error']).toMatchObject({ code: 'STALE_CLAIM' });
      expect((await call(a, 'coord_release_todo', { id: 'TODO-2', token: oldToken })).value['error']).toMatchObject({ code: 'STALE_CLAIM' });
      const done = await call(b, 'coord_complete_todo', { id: 'TODO-2', claim_token: newToken });
      expect(done.value['todo']).toMatchObject({ status: 'completed' });
      const after = await call(a, 'coord_get_todo', { id: 'TODO-2' });
      expect(after.value['claim']).toBeUndefined();
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an expired claim no one took over still lets its holder finish; an unclaimed todo needs no token', async () => {
    const { file } = ecosystemDir(SMALL);
    const a = await stdioClient(file, {}, 'agent-a');
    try {
      const claim = await call(a, 'coord_claim_todo', { id: 'TODO-5', agent: 'agent-a', lease_seconds: 1 });
      await new Promise((r) => setTimeout(r, 1100));
      expect((await call(a, 'coord_update_todo', { id: 'TODO-5', priority: 'high' })).ok).toBe(true);
      const beat = await call(a, 'coord_heartbeat', { id: 'TODO-5', token: (claim.value['claim'] as { token: number }).token });
      expect(beat.ok).toBe(true);
      expect((await call(a, 'coord_update_todo', { id: 'TODO-2', priority: 'low' })).ok).toBe(true);
    } finally {
      await a.close();
    }
  });
});
