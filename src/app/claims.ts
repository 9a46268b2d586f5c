// Claims: the lease verbs of agents (MCP) and the CLI, with their inputs parsed; the session is the caller's.
import { ClaimInputSchema, HeartbeatInputSchema, type Lease, type LeaseView, leaseView, ReleaseInputSchema } from '../core/claims.js';
import type { Todo } from '../core/model.js';
import { parseInput } from './input.js';
import { acquireLease, releaseLease, renewLease } from './leases.js';
import type { Workspace } from './workspace.js';

/** Takes a todo for `agent` (default: the actor) in this workspace's session; the answer carries the token. */
export async function claimTodo(ws: Workspace, input: unknown): Promise<{ claim: Lease }> {
  const { id, agent, lease_seconds } = parseInput(ClaimInputSchema, input, 'claim');
  return { claim: await acquireLease(ws, { todo: id, agent: agent ?? ws.actor(), session: ws.session, kind: 'claim', ...(lease_seconds ? { lease_seconds } : {}) }) };
}

/** Renews a claim's lease. The token must be the live lease's. */
export async function heartbeat(ws: Workspace, input: unknown): Promise<{ claim: LeaseView }> {
  const { id, token, lease_seconds } = parseInput(HeartbeatInputSchema, input, 'heartbeat');
  return { claim: leaseView(await renewLease(ws, { todo: id, token, ...(lease_seconds ? { lease_seconds } : {}) })) };
}

/** Gives a todo back (pending again). A token that is not the live lease's is refused (STALE_CLAIM). */
export async function releaseTodo(ws: Workspace, input: unknown): Promise<{ released: true; todo: Todo }> {
  const { id, token } = parseInput(ReleaseInputSchema, input, 'release');
  return { released: true, todo: (await releaseLease(ws, { todo: id, token })).todo };
}
