// Claims and runs are one lease model (app/leases.ts): a todo a run holds cannot be claimed by an agent, a
// claimed one cannot be taken by a run, a run's expired lease makes its todo stale like a claim's, and a
// run's token is needed (and refused once stale) for writes to its todo, as a claim's is.
import { describe, expect, it } from 'vitest';
import { claimTodo } from '../../src/app/claims.js';
import { acquireLease, liveLease, staleTodos } from '../../src/app/leases.js';
import { acquireRunLease, holderOf } from '../../src/app/runs/todo-lease.js';
import { addTodoNote } from '../../src/app/todos.js';
import { ConcordError } from '../../src/core/errors.js';
import { SMALL } from '../helpers/fixtures.js';
import { workspaceWith } from '../helpers/workspace.js';

const codeOf = async (p: Promise<unknown>) => {
  try {
    await p;
  } catch (e) {
    if (e instanceof ConcordError) return e.code;
    throw e;
  }
  return 'granted';
};

describe('claims and runs share one lease per todo', () => {
  it('a todo a run holds is refused to a claim, and shows the run as its holder', async () => {
    const { ws } = workspaceWith(SMALL);
    try {
      const run = await acquireRunLease(ws, { todo: 'TODO-2', run: 'RUN-1', fence: 1, agent: 'claude', lease_seconds: 60 });
      expect(run).toMatchObject({ kind: 'run', run_id: 'RUN-1', token: expect.stringMatching(/^[\w-]{32}$/) });
      expect(await codeOf(claimTodo(ws.as('alice', 'mcp', 'session-a'), { id: 'TODO-2', agent: 'alice' }))).toBe('ALREADY_CLAIMED');
      // Even the run's own agent name, in another session (an interactive claude), is refused.
      expect(await codeOf(claimTodo(ws.as('claude', 'mcp', 'session-c'), { id: 'TODO-2', agent: 'claude' }))).toBe('ALREADY_CLAIMED');
      expect(await holderOf(ws, 'TODO-2')).toEqual({ agent: 'claude', kind: 'run', run: 'RUN-1', expires_at: run.expires_at });
      // The public view never carries the token.
      expect(JSON.stringify(await liveLease(ws, 'TODO-2'))).not.toContain(run.token);
      // Writes to it need the run's token.
      expect(await codeOf(addTodoNote(ws, 'TODO-2', { text: 'no token' }))).toBe('CLAIM_REQUIRED');
      expect(await codeOf(addTodoNote(ws, 'TODO-2', { text: 'the run', claim_token: run.token }))).toBe('granted');
    } finally {
      ws.close();
    }
  });

  it('a claimed todo is refused to a run', async () => {
    const { ws } = workspaceWith(SMALL);
    try {
      await claimTodo(ws.as('alice', 'mcp', 'session-a'), { id: 'TODO-2', agent: 'alice' });
      expect(await codeOf(acquireRunLease(ws, { todo: 'TODO-2', run: 'RUN-1', fence: 1, agent: 'claude', lease_seconds: 60 }))).toBe('ALREADY_CLAIMED');
      expect((await holderOf(ws, 'TODO-2'))?.kind).toBe('claim');
    } finally {
      ws.close();
    }
  });

  it('a run whose lease expired leaves its todo stale: listed, claimable by an agent, the run`s token refused', async () => {
    let t = Date.parse('2026-12-02T10:00:00Z');
    const { ws } = workspaceWith(SMALL, { now: () => new Date(t) });
    try {
      const run = await acquireLease(ws, { todo: 'TODO-2', agent: 'claude', session: 'RUN-1#1', kind: 'run', run_id: 'RUN-1', lease_seconds: 30 });
      t += 31_000;
      expect((await staleTodos(ws)).map((s) => s.todo.id)).toEqual(['TODO-2']);
      const claim = (await claimTodo(ws.as('alice', 'mcp', 'session-a'), { id: 'TODO-2', agent: 'alice' })).claim;
      expect(claim.fence).toBeGreaterThan(run.fence);
      expect(await codeOf(addTodoNote(ws, 'TODO-2', { text: 'late result of the dead run', claim_token: run.token }))).toBe('STALE_CLAIM');
    } finally {
      ws.close();
    }
  });
});
