// coord_claim_next: the best ready todo for a repo or role, taken in one call (the lease, in_progress and
// the assignee written in one critical section by acquireLease).
//
// Candidates are tried best first; one that another agent takes between the read and the acquire is
// skipped (the acquire is the atomic step), so a call either holds a todo or says none was ready.
import type { Lease } from '../../core/claims.js';
import { ConcordError } from '../../core/errors.js';
import type { TodoRow } from '../../core/model.js';
import { ClaimNextInputSchema } from '../../core/runs/inputs.js';
import { parseInput } from '../input.js';
import { acquireLease } from '../leases.js';
import { ready } from '../queries.js';
import type { Workspace } from '../workspace.js';

export { ClaimNextInputSchema } from '../../core/runs/inputs.js';

const TAKEN = new Set(['ALREADY_CLAIMED', 'TODO_BLOCKED', 'INVALID_TRANSITION', 'STALE_CLAIM', 'CLAIM_REQUIRED']);

export async function claimNext(ws: Workspace, input: unknown): Promise<{ claim?: Lease; todo?: TodoRow; ready: number }> {
  const o = parseInput(ClaimNextInputSchema, input, 'claim next');
  const candidates = await ready(ws, { ...(o.repo ? { repo: o.repo } : {}), ...(o.role ? { role: o.role } : {}), ...(o.plan ? { plan: o.plan } : {}) });
  // A todo with a queued run is taken too: its worker will acquire it.
  const queued = new Set((await ws.runs.list({ status: ['queued', 'dispatching', 'running'], limit: 10_000 })).map((r) => r.todo));
  for (const { todo } of candidates) {
    if (queued.has(todo.id)) continue;
    try {
      const claim = await acquireLease(ws, { todo: todo.id, agent: o.agent ?? ws.actor(), session: ws.session, kind: 'claim', ...(o.lease_seconds ? { lease_seconds: o.lease_seconds } : {}) });
      return { claim, todo: { ...todo, status: 'in_progress', assignee: claim.agent }, ready: candidates.length };
    } catch (e) {
      if (e instanceof ConcordError && TAKEN.has(e.code)) continue;
      throw e;
    }
  }
  return { ready: candidates.length };
}
