// Retries by kind of failure: what happens after an attempt ends, decided from its outcome alone.
//
// Infrastructure errors (an API outage, a dead worker, an agent that could not start) back off with
// jitter and try again a few times; an agent failure may get one more attempt with the failure fed
// back into the prompt; limit stops and needs_input never retry by themselves (a person decides, with
// `concord run resume`). A failed run is not a blocked todo: the todo goes back to pending.
import { z } from 'zod';
import type { OutcomeStatus } from './states.js';
import { lazySchema } from '../on-first-use.js';

export const RetrySettingsSchema = lazySchema(() => z.strictObject({
  /** Attempts in all for infrastructure errors (the first one included). */
  infra_attempts: z.number().int().min(1).max(25).default(3),
  /** Attempts in all for agent failures; each retry gets the failure in its prompt. */
  agent_attempts: z.number().int().min(1).max(10).default(2),
  /** Backoff of infrastructure retries: base * 2^(attempt-1), capped, with full jitter. */
  backoff_base_ms: z.number().int().min(0).max(3_600_000).default(2_000),
  backoff_max_ms: z.number().int().min(0).max(6 * 3_600_000).default(300_000),
}));
export type RetrySettings = z.infer<typeof RetrySettingsSchema>;

export type RetryDecision =
  | { retry: false; why: string }
  | { retry: true; kind: 'infra' | 'agent'; delay_ms: number; feedback?: string };

/**
 * `attempt` is the number of the attempt that just ended (1 for the first). `random` in [0, 1) gives
 * the jitter (Math.random in production, fixed in tests).
 */
export function decideRetry(status: OutcomeStatus, attempt: number, s: RetrySettings, random: number, errorTail?: string): RetryDecision {
  if (status === 'infra_error') {
    if (attempt >= s.infra_attempts) return { retry: false, why: `infrastructure error on attempt ${attempt} of ${s.infra_attempts}` };
    const ceiling = Math.min(s.backoff_max_ms, s.backoff_base_ms * 2 ** (attempt - 1));
    // Full jitter, but never less than half the step: retries stay spread out without bunching at 0.
    return { retry: true, kind: 'infra', delay_ms: Math.round(ceiling / 2 + (random * ceiling) / 2) };
  }
  if (status === 'failed') {
    if (attempt >= s.agent_attempts) return { retry: false, why: `the agent failed on attempt ${attempt} of ${s.agent_attempts}` };
    return { retry: true, kind: 'agent', delay_ms: 0, ...(errorTail ? { feedback: errorTail } : {}) };
  }
  if (status === 'succeeded') return { retry: false, why: 'succeeded' };
  if (status === 'cancelled') return { retry: false, why: 'cancelled' };
  if (status === 'no_op') return { retry: false, why: 'the agent changed nothing; retrying would do the same' };
  return { retry: false, why: `${status} waits for a person: resuming the run continues it` };
}
