import { describe, expect, it } from 'vitest';
import { graph } from '../../../test/helpers/builders.js';
import type { MutationContext } from '../mutations/change.js';
import { planCheckStatuses, planStatus } from './status-change.js';

describe('planStatus', () => {
  it('changes the status only when the outcome differs from it', () => {
    expect(planStatus('satisfied', { outcome: 'satisfied', probed: true })).toBeUndefined();
    expect(planStatus('satisfied', { outcome: 'failed', probed: true })).toBe('failed');
    expect(planStatus('pending', { outcome: 'satisfied', probed: true })).toBe('satisfied');
    expect(planStatus('unknown', { outcome: 'unsatisfied', probed: true })).toBe('unsatisfied');
  });

  it('never overrides what people decided, nor writes what a check without probes did not learn', () => {
    expect(planStatus('deprecated', { outcome: 'failed', probed: true })).toBeUndefined();
    expect(planStatus('cancelled', { outcome: 'satisfied', probed: true })).toBeUndefined();
    expect(planStatus('satisfied', { outcome: 'unknown', probed: false })).toBeUndefined();
  });
});

describe('planCheckStatuses', () => {
  it('updates only the dependencies whose status changes, against the current file', () => {
    const g = graph({ dependencies: [
      { id: 'DEP-1', consumer: 'web', provider: 'api', status: 'satisfied' },
      { id: 'DEP-2', consumer: 'web', provider: 'lib', status: 'satisfied' },
    ] });
    const ctx = { graph: g, now: '2026-01-01T00:00:00Z' } as MutationContext;
    const plan = planCheckStatuses(ctx, [
      { id: 'DEP-1', outcome: 'satisfied', probed: true },
      { id: 'DEP-2', outcome: 'failed', probed: true },
      { id: 'DEP-GONE', outcome: 'failed', probed: true },
    ]);
    expect(plan.changes).toEqual([{ op: 'update', section: 'dependencies', id: 'DEP-2', set: { status: 'failed', updated: '2026-01-01T00:00:00Z' } }]);
  });
});
