// Leases: the one model for agents' claims and workers' runs (see /work/lease-model.md in the design notes).
// Acquire and release are one critical section under the file lock, against the todo's current status in the
// file; renew and reads touch only the state database. Engine-neutral: nothing here names SQLite.
import { decideAcquire, decideToken, decideWrite, isLive, type Lease, type LeaseKind, leaseEnd, type LeaseView, leaseView } from '../core/claims.js';
import { makeEvent } from '../core/events.js';
import { unresolvedBlockers } from '../core/graph/graph.js';
import type { Todo, TodoRow } from '../core/model.js';
import { getTodoOrThrow, planClaimTodo, planCompleteTodo, planUpdateTodo } from '../core/mutations/todo.js';
import { withStateTransaction } from '../state/lock.js';
import { loadSnapshot } from './snapshot.js';
import { mutate, type MutateHooks } from './write.js';
import type { Workspace } from './workspace.js';

export interface AcquireRequest {
  todo: string;
  agent: string;
  /** One MCP session, one CLI run, one worker run: the same agent name in another session is refused. */
  session: string;
  kind?: LeaseKind;
  run_id?: string;
  lease_seconds?: number;
}

/** 24 random bytes (192 bits), base64url. */
const newToken = (ws: Workspace) => Buffer.from(ws.random(24)).toString('base64url');

const released = (ws: Workspace, lease: Lease, reason: 'released' | 'completed' | 'cancelled' | 'expired') =>
  makeEvent('todo:released', { kind: 'todo', id: lease.todo }, { agent: lease.agent, reason }, { at: ws.now(), actor: lease.agent, surface: ws.surface });

/**
 * Takes the todo: pending and unblocked, or stale (in progress with no live lease). Writes `status:
 * in_progress` and `assignee: <agent>` into ecosystem.yaml and inserts the lease in the same critical section.
 * The same agent and session acquiring again renews its lease (same token). Returns the lease with its token.
 */
export async function acquireLease(ws: Workspace, req: AcquireRequest): Promise<Lease> {
  let decision: 'new' | 'same' = 'new';
  let granted: Lease | undefined;
  await mutate(
    ws,
    (ctx) => {
      const todo = getTodoOrThrow(ctx, req.todo);
      decision = decideAcquire(todo, unresolvedBlockers(ctx.graph, req.todo), ws.leases.get(req.todo), req, ctx.now);
      return planClaimTodo(ctx, req.todo, req.agent);
    },
    {
      commit: () => {
        const now = ws.now();
        const expires_at = leaseEnd(now, req.lease_seconds);
        const existing = ws.leases.get(req.todo);
        if (decision === 'same' && existing) {
          granted = { ...existing, heartbeat_at: now, expires_at };
          ws.leases.put(granted);
          return [];
        }
        const kind = req.kind ?? 'claim';
        const fence = ws.leases.nextFence(ws.time());
        granted = { todo: req.todo, agent: req.agent, session: req.session, kind, ...(req.run_id ? { run_id: req.run_id } : {}), token: newToken(ws), fence, claimed_at: now, heartbeat_at: now, expires_at };
        ws.leases.put(granted);
        return [makeEvent('todo:claimed', { kind: 'todo', id: req.todo }, { agent: req.agent, kind, fence, expires_at, ...(req.run_id ? { run_id: req.run_id } : {}) }, { at: now, actor: req.agent, surface: ws.surface })];
      },
    },
  );
  return granted!;
}

/** Extends the live lease held with `token` (a heartbeat). Touches only the state database. */
export function renewLease(ws: Workspace, req: { todo: string; token: string; lease_seconds?: number }): Promise<Lease> {
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.stateFile, () => {
    const now = ws.now();
    const lease = decideToken(ws.leases.get(req.todo), req.todo, req.token, now);
    const expires_at = leaseEnd(now, req.lease_seconds);
    ws.leases.renew(req.todo, req.token, now, expires_at);
    return { ...lease, heartbeat_at: now, expires_at };
  });
}

/**
 * A heartbeat that also takes back a lease that ran out while nobody took the todo over (the lease is still
 * the one of `token`): for a run, whose queue lease is what says it is still its own, and whose heartbeat
 * came late (a loaded machine). A todo someone else holds, or holds no lease of this token, is STALE_CLAIM.
 * Agents' claims never use it: for them an expired lease is over (coord_heartbeat).
 */
export function resumeLease(ws: Workspace, req: { todo: string; token: string; lease_seconds?: number }): Promise<Lease> {
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.stateFile, () => {
    const now = ws.now();
    const existing = ws.leases.get(req.todo);
    const lease = existing?.token === req.token ? existing : decideToken(existing, req.todo, req.token, now);
    const expires_at = leaseEnd(now, req.lease_seconds);
    ws.leases.resume(req.todo, req.token, now, expires_at);
    return { ...lease, heartbeat_at: now, expires_at };
  });
}

export type ReleaseStatus = 'pending' | 'completed' | 'cancelled' | 'blocked';

/**
 * Ends the lease held with `token` and sets the todo's status in the same critical section: `pending` by
 * default (given back, unassigned if the holder was its assignee), or completed, cancelled, blocked.
 */
export async function releaseLease(ws: Workspace, req: { todo: string; token: string; status?: ReleaseStatus }): Promise<{ todo: Todo }> {
  const status = req.status ?? 'pending';
  let lease: Lease | undefined;
  const r = await mutate(
    ws,
    (ctx) => {
      lease = decideToken(ws.leases.get(req.todo), req.todo, req.token, ctx.now);
      if (status === 'completed') return planCompleteTodo(ctx, req.todo, {});
      const assignee = getTodoOrThrow(ctx, req.todo).assignee === lease.agent && status === 'pending' ? { assignee: null } : {};
      return planUpdateTodo(ctx, req.todo, { status, ...assignee });
    },
    {
      commit: () => {
        ws.leases.delete(req.todo);
        return [released(ws, lease!, status === 'pending' || status === 'blocked' ? 'released' : status)];
      },
    },
  );
  return { todo: r.record as Todo };
}

/** The live lease on a todo as anyone may see it (no token), if there is one. */
export async function liveLease(ws: Workspace, todo: string): Promise<LeaseView | undefined> {
  const lease = ws.leases.get(todo);
  return isLive(lease, ws.now()) ? leaseView(lease!) : undefined;
}

export interface StaleTodo {
  todo: TodoRow;
  /** The lease that expired; absent when there is none (state.db was lost, or a person set the status). */
  lease?: LeaseView;
}

/** Todos in progress with no live lease: abandoned (or hand-set) work anyone may claim. */
export async function staleTodos(ws: Workspace): Promise<StaleTodo[]> {
  const { graph } = await loadSnapshot(ws);
  const now = ws.now();
  const leases = new Map(ws.leases.all().map((l) => [l.todo, l]));
  const out: StaleTodo[] = [];
  for (const todo of graph.todos.values()) {
    if (todo.status !== 'in_progress') continue;
    const lease = leases.get(todo.id);
    if (isLive(lease, now)) continue;
    out.push({ todo, ...(lease ? { lease: leaseView(lease) } : {}) });
  }
  return out;
}

/** Todos held by a live lease right now (not ready for anyone else). */
export function heldTodos(ws: Workspace): ReadonlySet<string> {
  return new Set(ws.leases.live(ws.now()).map((l) => l.todo));
}

/**
 * Todos in progress with no live lease (it expired, or there is none: the status was set by hand, or the
 * lease was lost with its database): the todos `staleTodos` lists, flagged in `ready` when reclaimable.
 */
export function staleIds(ws: Workspace, graph: { todos: ReadonlyMap<string, TodoRow> }): ReadonlySet<string> {
  return staleAmong(graph, heldTodos(ws));
}

/** The todos of `graph` in progress that no live lease in `held` holds. */
export function staleAmong(graph: { todos: ReadonlyMap<string, TodoRow> }, held: ReadonlySet<string>): ReadonlySet<string> {
  return new Set([...graph.todos.values()].filter((t) => t.status === 'in_progress' && !held.has(t.id)).map((t) => t.id));
}

/**
 * For other writes to a todo (update, complete, note): a leased todo needs the lease's token (checked under
 * the file lock); a write that takes it out of progress ends the lease in the same critical section.
 */
export function leaseHooks(ws: Workspace, id: string, token: string | undefined): MutateHooks {
  return {
    guard: () => decideWrite(ws.leases.get(id), id, token, ws.now()),
    commit: (record) => {
      const lease = ws.leases.get(id);
      const status = record?.['status'];
      if (!lease || status === 'in_progress') return [];
      ws.leases.delete(id);
      if (!isLive(lease, ws.now())) return [];
      return [released(ws, lease, status === 'completed' ? 'completed' : status === 'cancelled' ? 'cancelled' : 'released')];
    },
  };
}
