// Claims under real concurrency: 20 MCP clients racing for one todo, secret tokens, lease expiry and stale
// work, through real SDK clients in this process (each client its own session and database connection).
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, httpApp, httpClient, memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

const codeOf = (r: { value: Record<string, unknown> }) => (r.value['error'] as { code: string } | undefined)?.code;

describe('claims', () => {
  it('20 clients racing to claim the same todo: exactly one wins, the others hear "already claimed"', async () => {
    const { file } = ecosystemDir(SMALL);
    const server = httpApp(file);
    try {
      const clients = await Promise.all(Array.from({ length: 20 }, (_, i) => httpClient(server.url, { name: `racer-${i}`, via: server })));
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
      await server.close();
    }
  });

  it('the token is a secret of its holder: unguessable, never shown by coord_get_todo, needed to note, update or complete', async () => {
    const { file } = ecosystemDir(SMALL);
    const a = await memoryClient(file, { name: 'claude' });
    const b = await memoryClient(file, { name: 'other' });
    try {
      // The agent name defaults to the client's name.
      const claim = await call(a, 'coord_claim_todo', { id: 'TODO-5' });
      const c = claim.value['claim'] as { token: string; agent: string; fence: number };
      expect(c.agent).toBe('claude');
      expect(c.token).toMatch(/^[A-Za-z0-9_-]{32}$/);
      // The same session claiming again gets the same lease back (a lost token can be recovered).
      expect(((await call(a, 'coord_claim_todo', { id: 'TODO-5' })).value['claim'] as { token: string }).token).toBe(c.token);
      const seen = await call(b, 'coord_get_todo', { id: 'TODO-5' });
      expect(seen.value['claim']).toMatchObject({ agent: 'claude', kind: 'claim', fence: c.fence });
      expect(JSON.stringify(seen.value)).not.toContain(c.token);
      expect(seen.value['todo']).toMatchObject({ status: 'in_progress', assignee: 'claude' });
      expect(fs.readFileSync(file, 'utf8')).toMatch(/- id: TODO-5\n(?: {6}.*\n)*? {6}status: in_progress\n/);
      expect(codeOf(await call(b, 'coord_add_note', { id: 'TODO-5', text: 'drive-by' }))).toBe('CLAIM_REQUIRED');
      expect(codeOf(await call(b, 'coord_complete_todo', { id: 'TODO-5' }))).toBe('CLAIM_REQUIRED');
      expect(codeOf(await call(b, 'coord_complete_todo', { id: 'TODO-5', claim_token: 'A'.repeat(32) }))).toBe('STALE_CLAIM');
      expect(codeOf(await call(b, 'coord_update_todo', { id: 'TODO-5', priority: 'low', claim_token: `${c.token.slice(0, -1)}x` }))).toBe('STALE_CLAIM');
      expect((await call(a, 'coord_add_note', { id: 'TODO-5', text: 'halfway', claim_token: c.token })).ok).toBe(true);
      const done = await call(a, 'coord_complete_todo', { id: 'TODO-5', claim_token: c.token });
      expect(done.value['todo']).toMatchObject({ status: 'completed' });
      expect((await call(b, 'coord_get_todo', { id: 'TODO-5' })).value['claim']).toBeUndefined();
      // A completed todo can never be claimed again.
      expect(codeOf(await call(b, 'coord_claim_todo', { id: 'TODO-5' }))).toBe('INVALID_TRANSITION');
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('an expired lease makes the todo stale: flagged in ready, listed, claimable; the old token is refused everywhere', async () => {
    const { file } = ecosystemDir(SMALL);
    const a = await memoryClient(file, { name: 'agent-a' });
    const b = await memoryClient(file, { name: 'agent-b' });
    try {
      const first = await call(a, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-a', lease_seconds: 2 });
      const old = first.value['claim'] as { token: string; fence: number };
      expect(codeOf(await call(b, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-b' }))).toBe('ALREADY_CLAIMED');
      // Wait until the lease has run out (the claim disappears from the todo), however slow the machine.
      for (let i = 0; i < 100 && (await call(b, 'coord_get_todo', { id: 'TODO-2' })).value['claim'] !== undefined; i++) await new Promise((r) => setTimeout(r, 200));
      const got = await call(b, 'coord_get_todo', { id: 'TODO-2' });
      expect(got.value).toMatchObject({ stale: true, todo: { status: 'in_progress', assignee: 'agent-a' } });
      const ready = (await call(b, 'coord_ready_todos', {})).value['items'] as { id: string; stale?: boolean }[];
      expect(ready.find((r) => r.id === 'TODO-2')).toMatchObject({ stale: true });
      expect(((await call(b, 'coord_list_todos', { stale: true })).value['items'] as { id: string }[]).map((t) => t.id)).toEqual(['TODO-2']);
      expect(codeOf(await call(a, 'coord_heartbeat', { id: 'TODO-2', token: old.token }))).toBe('STALE_CLAIM');
      const second = await call(b, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-b' });
      expect(second.ok).toBe(true);
      const now = second.value['claim'] as { token: string; fence: number };
      expect(now.fence).toBeGreaterThan(old.fence);
      expect((await call(b, 'coord_get_todo', { id: 'TODO-2' })).value).toMatchObject({ stale: false, todo: { assignee: 'agent-b' } });
      const stale = await call(a, 'coord_complete_todo', { id: 'TODO-2', claim_token: old.token });
      expect(stale.value['error']).toMatchObject({ code: 'STALE_CLAIM', data: { holder: 'agent-b' } });
      expect(codeOf(await call(a, 'coord_release_todo', { id: 'TODO-2', token: old.token }))).toBe('STALE_CLAIM');
      expect(codeOf(await call(a, 'coord_add_note', { id: 'TODO-2', text: 'late', claim_token: old.token }))).toBe('STALE_CLAIM');
      const done = await call(b, 'coord_complete_todo', { id: 'TODO-2', claim_token: now.token });
      expect(done.value['todo']).toMatchObject({ status: 'completed' });
      expect((await call(a, 'coord_list_todos', { stale: true })).value['items']).toEqual([]);
    } finally {
      await a.close();
      await b.close();
    }
  });

  it('heartbeat and release: renew, then give back (pending again, unassigned, ready for others)', async () => {
    const { file } = ecosystemDir(SMALL);
    const a = await memoryClient(file, { name: 'agent-a' });
    try {
      const { token } = (await call(a, 'coord_claim_todo', { id: 'TODO-2', lease_seconds: 60 })).value['claim'] as { token: string };
      const beat = await call(a, 'coord_heartbeat', { id: 'TODO-2', token, lease_seconds: 600 });
      expect(beat.value['claim']).toMatchObject({ agent: 'agent-a' });
      expect(JSON.stringify(beat.value)).not.toContain(token);
      expect((await call(a, 'coord_release_todo', { id: 'TODO-2', token })).value).toEqual({ released: true });
      expect((await call(a, 'coord_get_todo', { id: 'TODO-2' })).value['todo']).toMatchObject({ status: 'pending' });
      expect(((await call(a, 'coord_ready_todos', {})).value['items'] as { id: string }[]).map((t) => t.id)).toContain('TODO-2');
    } finally {
      await a.close();
    }
  });
});
