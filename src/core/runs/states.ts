// The one transition table of runs, shared by every queue engine (SQLite here, PostgreSQL in the fleet).
//
// Glossary: a run is one execution of a todo; it has attempts. `queued -> dispatching` is a worker
// taking it (a lease), `dispatching -> running` the agent process starting. The outcomes after
// `running` are what agents really produce; `queued` again means another attempt (a retry, a resume,
// or a run reclaimed from a dead worker).
import { z } from 'zod';
import { ConcordError } from '../errors.js';
import { hint, op } from '../hints.js';
import { lazySchema } from '../on-first-use.js';

export const RUN_STATUSES = [
  'queued',
  'dispatching',
  'running',
  'succeeded',
  'failed',
  'no_op',
  'needs_input',
  'limit_turns',
  'limit_budget',
  'limit_time',
  'stalled',
  'cancelled',
  'infra_error',
] as const;
export const RunStatusSchema = lazySchema(() => z.enum(RUN_STATUSES));
export type RunStatus = z.infer<typeof RunStatusSchema>;

/** The outcomes an attempt can end in (everything after `running`). */
export const OUTCOME_STATUSES = ['succeeded', 'failed', 'no_op', 'needs_input', 'limit_turns', 'limit_budget', 'limit_time', 'stalled', 'cancelled', 'infra_error'] as const satisfies readonly RunStatus[];
export const OutcomeStatusSchema = lazySchema(() => z.enum(OUTCOME_STATUSES));
export type OutcomeStatus = (typeof OUTCOME_STATUSES)[number];

/** A live run holds its todo: at most one per todo (a unique partial index in every engine). */
export const LIVE_RUN_STATUSES = ['queued', 'dispatching', 'running'] as const satisfies readonly RunStatus[];
/** Stopped with the worktree and the session kept: `concord run resume` continues them. */
export const RESUMABLE_RUN_STATUSES = ['needs_input', 'limit_turns', 'limit_budget', 'limit_time', 'stalled'] as const satisfies readonly RunStatus[];
/** Done for good: `concord run retry` makes a new run. */
export const FINAL_RUN_STATUSES = ['succeeded', 'failed', 'no_op', 'cancelled', 'infra_error'] as const satisfies readonly RunStatus[];

export const RUN_TRANSITIONS: Readonly<Record<RunStatus, readonly RunStatus[]>> = {
  queued: ['dispatching', 'cancelled'],
  // Handed back before the agent started (a draining worker, a lost lease), or it could not start.
  dispatching: ['running', 'queued', 'cancelled', 'infra_error'],
  running: ['succeeded', 'failed', 'no_op', 'needs_input', 'limit_turns', 'limit_budget', 'limit_time', 'stalled', 'cancelled', 'infra_error', 'queued'],
  needs_input: ['queued', 'cancelled'],
  limit_turns: ['queued', 'cancelled'],
  limit_budget: ['queued', 'cancelled'],
  limit_time: ['queued', 'cancelled'],
  stalled: ['queued', 'cancelled'],
  succeeded: [],
  failed: [],
  no_op: [],
  cancelled: [],
  infra_error: [],
};

export const isLiveRun = (s: RunStatus): boolean => (LIVE_RUN_STATUSES as readonly string[]).includes(s);
export const isResumable = (s: RunStatus): boolean => (RESUMABLE_RUN_STATUSES as readonly string[]).includes(s);
export const isFinalRun = (s: RunStatus): boolean => (FINAL_RUN_STATUSES as readonly string[]).includes(s);
/** Ended, for now or for good: not live. */
export const isStoppedRun = (s: RunStatus): boolean => !isLiveRun(s);

export function canTransitionRun(from: RunStatus, to: RunStatus): boolean {
  return RUN_TRANSITIONS[from].includes(to);
}

/** Throws INVALID_TRANSITION naming the legal next statuses of the run. */
export function assertRunTransition(id: string, from: RunStatus, to: RunStatus): void {
  if (canTransitionRun(from, to)) return;
  const allowed = RUN_TRANSITIONS[from];
  throw new ConcordError('INVALID_TRANSITION', `run ${id} cannot go from ${from} to ${to}`, {
    hint: allowed.length ? `from ${from} a run can go to ${allowed.join(', ')}` : hint`${from} is final: ${op('run.retry', { id })} makes a new run`,
    data: { id, from, to, allowed },
  });
}
