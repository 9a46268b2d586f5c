// Claims: an agent's exclusive, expiring hold on a todo, for agents at work (MCP) and the CLI.
import { type Claim, ClaimInputSchema, decideClaim, decideRenewal, decideWrite, HeartbeatInputSchema, isLive, leaseEnd, ReleaseInputSchema } from '../core/claims.js';
import { ConcordError } from '../core/errors.js';
import { makeEvent } from '../core/events.js';
import { isResolved, unresolvedBlockers } from '../core/graph/graph.js';
import { notFound } from '../core/mutations/references.js';
import { withStateTransaction } from '../state/lock.js';
import { parseInput } from './input.js';
import { loadSnapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

/** Records that a claim ended: given back, or its todo finished. Call inside the write lock. */
function recordRelease(ws: Workspace, claim: Claim, reason: 'released' | 'completed'): void {
  ws.events.append([makeEvent('todo:released', { kind: 'todo', id: claim.todo }, { agent: claim.agent, reason }, { at: ws.now(), actor: claim.agent, surface: ws.surface })]);
}

/** Todos held by a live claim right now (they are not ready for anyone else). */
export function heldTodos(ws: Workspace): ReadonlySet<string> {
  return new Set(ws.claims.live(ws.now()).map((c) => c.todo));
}

export function claimOf(ws: Workspace, id: string): Claim | undefined {
  const claim = ws.claims.get(id);
  return isLive(claim, ws.now()) ? claim : undefined;
}

/**
 * Takes a todo for `agent`: an atomic compare-and-set in the state database. The todo must be pending
 * and unblocked, or in progress with no live claim (abandoned work can be taken over).
 */
export async function claimTodo(ws: Workspace, input: unknown): Promise<{ claim: Claim }> {
  const { id, agent, lease_seconds } = parseInput(ClaimInputSchema, input, 'claim');
  const { graph } = await loadSnapshot(ws);
  const todo = graph.todos.get(id);
  if (!todo) throw notFound('TODO_NOT_FOUND', 'todo', id, graph.todos.keys());
  if (isResolved(graph, id)) throw new ConcordError('INVALID_TRANSITION', `todo ${id} is ${todo.status}: there is nothing left to claim`, { data: { id, status: todo.status } });
  const open = unresolvedBlockers(graph, id);
  if (open.length) {
    throw new ConcordError('TODO_BLOCKED', `todo ${id} is blocked by ${open.join(', ')}`, { hint: 'claim a ready todo instead (coord_ready_todos / concord ready)', data: { id, blockers: open } });
  }
  if (todo.status === 'blocked') throw new ConcordError('TODO_BLOCKED', `todo ${id} is marked blocked`, { hint: 'set it back to pending first', data: { id } });
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    const now = ws.now();
    decideClaim(ws.claims.get(id), agent, now);
    const claim: Claim = { todo: id, agent, token: ws.claims.nextToken(), claimed_at: now, heartbeat_at: now, expires_at: leaseEnd(now, lease_seconds) };
    ws.claims.put(claim);
    ws.events.append([makeEvent('todo:claimed', { kind: 'todo', id }, { agent, token: claim.token, expires_at: claim.expires_at }, { at: now, actor: agent, surface: ws.surface })]);
    return { claim };
  });
}

/** Renews a claim's lease. The token must be the current one. */
export async function heartbeat(ws: Workspace, input: unknown): Promise<{ claim: Claim }> {
  const { id, token, lease_seconds } = parseInput(HeartbeatInputSchema, input, 'heartbeat');
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    const now = ws.now();
    const claim = decideRenewal(ws.claims.get(id), id, token);
    const expires = leaseEnd(now, lease_seconds);
    ws.claims.renew(id, token, now, expires);
    return { claim: { ...claim, heartbeat_at: now, expires_at: expires } };
  });
}

/** Gives a todo back. Releasing with a token that is no longer current is refused (STALE_CLAIM). */
export async function releaseTodo(ws: Workspace, input: unknown): Promise<{ released: boolean }> {
  const { id, token } = parseInput(ReleaseInputSchema, input, 'release');
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    const claim = ws.claims.get(id);
    if (!claim) return { released: false };
    decideRenewal(claim, id, token);
    ws.claims.delete(id, token);
    recordRelease(ws, claim, 'released');
    return { released: true };
  });
}

/** For writes to a todo: the claim check (inside the lock) and the release once it is finished. */
export function claimHooks(ws: Workspace, id: string, token: number | undefined) {
  return {
    guard: () => decideWrite(ws.claims.get(id), id, token, ws.now()),
    commit: (record: Record<string, unknown> | undefined) => {
      const status = record?.['status'];
      if (status !== 'completed' && status !== 'cancelled') return;
      const claim = ws.claims.get(id);
      if (!claim) return;
      ws.claims.delete(id);
      recordRelease(ws, claim, 'completed');
    },
  };
}
