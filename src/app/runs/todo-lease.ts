// A run's hold on its todo: the lease model's app API with kind `run` (see /lease-model.md), and the
// writes that go with it (in_progress when a run starts; completed only on verified success).
//
// Everything a run does to its todo goes through here, so the lease API is used in one place.
import { ConcordError } from '../../core/errors.js';
import { claimOf, claimTodo, heartbeat, releaseTodo } from '../claims.js';
import { updateTodo } from '../todos.js';
import type { Workspace } from '../workspace.js';

export interface TodoHolder {
  agent: string;
  expires_at: string;
  /** The run holding it, when a run does. */
  run?: string;
}

export interface RunLease {
  token: number;
  expires_at: string;
}

const RUN_AGENT = 'run:';

/** Who holds the todo now (a claim by an agent, or a run), if anyone. */
export function holderOf(ws: Workspace, todo: string): TodoHolder | undefined {
  const c = claimOf(ws, todo);
  if (!c) return undefined;
  return { agent: c.agent, expires_at: c.expires_at, ...(c.agent.startsWith(RUN_AGENT) ? { run: c.agent.slice(RUN_AGENT.length) } : {}) };
}

/** Takes the todo for a run: the lease, then `in_progress` and the assignee in ecosystem.yaml. */
export async function acquireRunLease(ws: Workspace, o: { todo: string; run: string; assignee: string; lease_seconds: number }): Promise<RunLease> {
  const { claim } = await claimTodo(ws, { id: o.todo, agent: `${RUN_AGENT}${o.run}`, lease_seconds: Math.max(1, Math.ceil(o.lease_seconds)) });
  try {
    await updateTodo(ws, o.todo, { status: 'in_progress', assignee: o.assignee, claim_token: claim.token });
  } catch (e) {
    await releaseTodo(ws, { id: o.todo, token: claim.token }).catch(() => undefined);
    throw e;
  }
  return { token: claim.token, expires_at: claim.expires_at };
}

export async function renewRunLease(ws: Workspace, o: { todo: string; token: number; lease_seconds: number }): Promise<RunLease> {
  const { claim } = await heartbeat(ws, { id: o.todo, token: o.token, lease_seconds: Math.max(1, Math.ceil(o.lease_seconds)) });
  return { token: claim.token, expires_at: claim.expires_at };
}

/**
 * Gives the todo back with the run's result in one write: completed (verified success), or pending
 * again (a failed run is not a blocked todo), with the hours and a note. A stale token is refused.
 */
export async function endRunLease(ws: Workspace, o: { todo: string; token: number; status: 'completed' | 'pending'; actual_hours?: number; note: string }): Promise<void> {
  await updateTodo(ws, o.todo, {
    status: o.status,
    ...(o.status === 'pending' ? { assignee: null } : {}),
    ...(o.actual_hours !== undefined ? { actual_hours: o.actual_hours } : {}),
    note: o.note,
    claim_token: o.token,
  });
  if (o.status === 'pending') await releaseTodo(ws, { id: o.todo, token: o.token });
}

/** A lease that no longer exists or moved on: the run's late result must not be applied. */
export function isStaleLease(e: unknown): boolean {
  return e instanceof ConcordError && (e.code === 'STALE_CLAIM' || e.code === 'CLAIM_REQUIRED');
}
