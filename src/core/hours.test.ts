import { describe, expect, it } from 'vitest';
import { parseHours } from './hours.js';

describe('parseHours', () => {
  it.each([
    ['4', 4],
    ['4.5', 4.5],
    ['3d', 24],
    ['2h', 2],
    ['90m', 1.5],
    ['1w', 40],
    ['1d 4h', 12],
  ])('%s is %d hours', (text, hours) => expect(parseHours(text)).toBe(hours));

  it.each(['', 'soon', '3 parsecs', '2x'])('%j is not a duration', (text) => expect(parseHours(text)).toBeUndefined());
});
