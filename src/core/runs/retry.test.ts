import { describe, expect, it } from 'vitest';
import { decideRetry } from './retry.js';
import { RetrySettingsSchema } from './retry.js';

const s = RetrySettingsSchema.parse({ infra_attempts: 3, agent_attempts: 2, backoff_base_ms: 1000, backoff_max_ms: 3000 });

describe('decideRetry', () => {
  it('backs infrastructure errors off with jitter between half and all of the step, up to the cap, at most 3 tries', () => {
    expect(decideRetry('infra_error', 1, s, 0)).toEqual({ retry: true, kind: 'infra', delay_ms: 500 });
    expect(decideRetry('infra_error', 1, s, 0.999)).toMatchObject({ delay_ms: 1000 });
    expect(decideRetry('infra_error', 2, s, 0.5)).toMatchObject({ delay_ms: 1500 });
    expect(decideRetry('infra_error', 3, s, 0.5)).toMatchObject({ retry: false });
  });
  it('retries an agent failure once with the failure fed back', () => {
    expect(decideRetry('failed', 1, s, 0, 'npm test failed')).toEqual({ retry: true, kind: 'agent', delay_ms: 0, feedback: 'npm test failed' });
    expect(decideRetry('failed', 2, s, 0)).toMatchObject({ retry: false });
  });
  it.each(['limit_turns', 'limit_budget', 'limit_time', 'stalled', 'needs_input', 'no_op', 'succeeded', 'cancelled'] as const)('never retries %s by itself', (status) => {
    expect(decideRetry(status, 1, s, 0).retry).toBe(false);
  });
});
