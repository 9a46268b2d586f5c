import { describe, expect, it } from 'vitest';
import { graph } from '../../../test/helpers/builders.js';
import type { MutationContext } from '../mutations/change.js';
import { planCheckStatuses, planStatus } from './status-change.js';

describe('planStatus', () => {
  it('changes the status only when the outcome differs from it', () => {
    expect(planStatus('satisfied', 'satisfied')).toBeUndefined();
    expect(planStatus('satisfied', 'failed')).toBe('failed');
    expect(planStatus('pending', 'satisfied')).toBe('satisfied');
    expect(planStatus('unknown', 'unsatisfied')).toBe('unsatisfied');
  });

  it('never overrides what people decided, nor writes what a check could not tell', () => {
    expect(planStatus('deprecated', 'failed')).toBeUndefined();
    expect(planStatus('cancelled', 'satisfied')).toBeUndefined();
    expect(planStatus('satisfied', 'unknown')).toBeUndefined();
    expect(planStatus('failed', 'unknown')).toBeUndefined();
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
      { id: 'DEP-1', outcome: 'satisfied'},
      { id: 'DEP-2', outcome: 'failed'},
      { id: 'DEP-GONE', outcome: 'failed'},
    ]);
    expect(plan.changes).toEqual([{ op: 'update', section: 'dependencies', id: 'DEP-2', set: { status: 'failed', updated: '2026-01-01T00:00:00Z' } }]);
  });
});
