import { describe, expect, it } from 'vitest';
import { resolveTimeSpec } from './time-spec.js';

const now = Date.parse('2026-03-10T12:00:00Z');

describe('time specs', () => {
  it('reads spans back from now, dates and date-times', () => {
    expect(resolveTimeSpec('30m', now)).toBe('2026-03-10T11:30:00Z');
    expect(resolveTimeSpec('24h', now)).toBe('2026-03-09T12:00:00Z');
    expect(resolveTimeSpec('7d', now)).toBe('2026-03-03T12:00:00Z');
    expect(resolveTimeSpec('2w', now)).toBe('2026-02-24T12:00:00Z');
    expect(resolveTimeSpec('2026-01-31', now)).toBe('2026-01-31T00:00:00Z');
    expect(resolveTimeSpec('2026-01-31T08:15', now)).toBe('2026-01-31T08:15:00Z');
    expect(resolveTimeSpec('2026-01-31T08:15:00+02:00', now)).toBe('2026-01-31T06:15:00Z');
  });

  it('refuses anything else', () => {
    for (const bad of ['yesterday', '7', '7y', '2026-13-45', '']) expect(resolveTimeSpec(bad, now), bad).toBeUndefined();
  });
});
