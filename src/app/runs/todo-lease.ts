// A run's hold on its todo: the lease model's API (app/leases.ts) with kind `run`, and the writes that go
// with it: in_progress and the assignee when a run starts (in the acquire's critical section), completed
// only on verified success, pending otherwise, with the hours and a note.
//
// Everything a run does to its todo goes through here, so runs use the lease API in one place.
import type { Lease } from '../../core/claims.js';
import { ConcordError } from '../../core/errors.js';
import { acquireLease, liveLease, resumeLease } from '../leases.js';
import { updateTodo } from '../todos.js';
import type { Workspace } from '../workspace.js';

export interface TodoHolder {
  agent: string;
  kind: 'claim' | 'run';
  expires_at: string;
  run?: string;
}

/** Who holds the todo now (an agent's claim, or a run), if anyone. */
export async function holderOf(ws: Workspace, todo: string): Promise<TodoHolder | undefined> {
  const l = await liveLease(ws, todo);
  return l ? { agent: l.agent, kind: l.kind, expires_at: l.expires_at, ...(l.run_id ? { run: l.run_id } : {}) } : undefined;
}

/**
 * Takes the todo for a run: the lease (held by the executor's name, in a session of the run's own: its id
 * and queue fence) and, in the same critical section, `status: in_progress` and `assignee`. A run reclaimed
 * from a dead worker has a new fence, so the dead holder's token never works again; it waits (at most a
 * lease) for the dead holder's lease to expire rather than give up.
 */
export async function acquireRunLease(ws: Workspace, o: { todo: string; run: string; fence: number; agent: string; lease_seconds: number }): Promise<Lease> {
  const seconds = Math.max(1, Math.ceil(o.lease_seconds));
  const deadline = Date.now() + (seconds + 1) * 1000;
  for (;;) {
    try {
      return await acquireLease(ws, { todo: o.todo, agent: o.agent, session: `${o.run}#${o.fence}`, kind: 'run', run_id: o.run, lease_seconds: seconds });
    } catch (e) {
      const mine = e instanceof ConcordError && e.code === 'ALREADY_CLAIMED' && (await liveLease(ws, o.todo))?.run_id === o.run;
      if (!mine || Date.now() > deadline) throw e;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

/** A heartbeat: touches only the state database. */
export function renewRunLease(ws: Workspace, o: { todo: string; token: string; lease_seconds: number }): Promise<Lease> {
  // The run's queue lease was just renewed (the worker's heartbeat renews it first): a todo lease that ran out
  // meanwhile without anyone taking the todo is still the run's (resumeLease), not a lost run.
  return resumeLease(ws, { todo: o.todo, token: o.token, lease_seconds: Math.max(1, Math.ceil(o.lease_seconds)) });
}

/**
 * Gives the todo back with the run's result in one write, with the lease's token: completed (verified
 * success) or pending again and unassigned (a failed run is not a blocked todo), the hours and a note. A
 * write that takes a leased todo out of progress ends its lease in the same critical section (leaseHooks).
 * A token that is no longer the live lease's is refused (STALE_CLAIM).
 */
export async function endRunLease(ws: Workspace, o: { todo: string; token: string; status: 'completed' | 'pending'; actual_hours?: number; note: string }): Promise<void> {
  const write = () => updateTodo(ws, o.todo, { status: o.status, ...(o.status === 'pending' ? { assignee: null } : {}), ...(o.actual_hours !== undefined ? { actual_hours: o.actual_hours } : {}), note: o.note, claim_token: o.token });
  try {
    await write();
  } catch (e) {
    // The lease ran out since the last heartbeat (late on a loaded machine) and nobody took the todo: the
    // result is still the run's (else a succeeded run would leave its todo in progress). Taken back for a
    // lease as long as a heartbeat's, so a worker killed now holds the todo no longer than it would have.
    if (!(e instanceof ConcordError && e.code === 'STALE_CLAIM') || ws.leases.get(o.todo)?.token !== o.token) throw e;
    await resumeLease(ws, { todo: o.todo, token: o.token, lease_seconds: Math.max(1, Math.ceil(ws.settings.queue.lease_seconds)) });
    await write();
  }
}

/** A lease that no longer exists or moved on: the run's late result must not be applied. */
export function isStaleLease(e: unknown): boolean {
  return e instanceof ConcordError && (e.code === 'STALE_CLAIM' || e.code === 'CLAIM_REQUIRED');
}
