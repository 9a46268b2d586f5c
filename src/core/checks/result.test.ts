import { describe, expect, it } from 'vitest';
import { combineOutcomes } from './result.js';

describe('combineOutcomes', () => {
  it('lets a definite no win, then a failure, then unknown; satisfied only when every probe passed', () => {
    const o = (...xs: ('satisfied' | 'unsatisfied' | 'unknown' | 'failed')[]) => combineOutcomes(xs.map((outcome) => ({ outcome })));
    expect(o()).toBe('unknown');
    expect(o('satisfied', 'satisfied')).toBe('satisfied');
    expect(o('satisfied', 'unknown')).toBe('unknown');
    expect(o('satisfied', 'failed', 'unknown')).toBe('failed');
    expect(o('failed', 'unsatisfied', 'satisfied')).toBe('unsatisfied');
  });
});
