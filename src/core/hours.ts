// Effort estimates: hours as numbers, or durations a person types (3d, 2h, 90m, 1w).

/** Hours in a working day and week, used to read `3d` and `1w`. */
export const HOURS_PER_DAY = 8;
export const HOURS_PER_WEEK = 40;

const UNIT: Record<string, number> = { m: 1 / 60, min: 1 / 60, h: 1, hr: 1, hrs: 1, d: HOURS_PER_DAY, day: HOURS_PER_DAY, days: HOURS_PER_DAY, w: HOURS_PER_WEEK, wk: HOURS_PER_WEEK };

/** `4`, `4.5`, `3d`, `2h`, `90m`, `1w`, `1d 4h` -> hours; undefined when the text is not a duration. */
export function parseHours(text: string): number | undefined {
  const s = text.trim().toLowerCase();
  if (s === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(s)) return Number(s);
  let total = 0;
  let matched = '';
  for (const m of s.matchAll(/(\d+(?:\.\d+)?)\s*([a-z]+)\s*/g)) {
    const unit = UNIT[m[2]!];
    if (unit === undefined) return undefined;
    total += Number(m[1]) * unit;
    matched += m[0];
  }
  if (matched.length !== s.length) return undefined;
  return Math.round(total * 100) / 100;
}
