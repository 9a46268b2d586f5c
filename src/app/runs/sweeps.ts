// A sweep's record: opened (or resumed) before its first run, closed with its status.
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import { SweepInputSchema } from '../../core/runs/inputs.js';
import { withStateTransaction } from '../../state/lock.js';
import { SweepStore } from '../../state/sweep-store.js';
import type { Workspace } from '../workspace.js';
import { hint, op } from '../../core/hints.js';

export { type SweepInput, SweepInputSchema } from '../../core/runs/inputs.js';

export interface OpenSweep {
  id: string;
  /** Runs created before this belong to an earlier go of the sweep. */
  since: string;
}

const store = (ws: Workspace) => new SweepStore(ws.db);

export async function openSweep(ws: Workspace, o: z.output<typeof SweepInputSchema>): Promise<OpenSweep> {
  const since = new Date().toISOString();
  return withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => {
    if (o.resume) {
      const row = store(ws).unfinished(o.plan, o.milestone);
      if (!row) throw new ConcordError('INVALID_INPUT', `plan ${o.plan}${o.milestone ? ` (milestone ${o.milestone})` : ''} has no unfinished sweep to resume`, { hint: hint`start one: ${op('plan.sweep', { plan: o.plan })}`, data: { plan: o.plan } });
      store(ws).update(row.id, 'running', JSON.stringify({ ...o, since }), since);
      return { id: row.id, since };
    }
    const id = `SWEEP-${[...ws.random(5)].map((b) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[b & 31]).join('')}`;
    store(ws).insert({ id, plan_id: o.plan, milestone_id: o.milestone ?? null, status: 'running', options: JSON.stringify({ ...o, since }), created_at: since, updated_at: since });
    return { id, since };
  });
}

export async function finishSweep(ws: Workspace, id: string, status: string): Promise<void> {
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => store(ws).update(id, status, undefined, new Date().toISOString()));
}
