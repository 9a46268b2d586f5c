// ISO weeks (Monday to Monday, UTC): the buckets of throughput and burndown.

export const DAY_MS = 86_400_000;
export const WEEK_MS = 7 * DAY_MS;

export interface Week {
  /** ISO week label, e.g. `2026-W47`. */
  label: string;
  /** Monday 00:00 UTC, in ms. */
  start: number;
  /** The next Monday, in ms (exclusive). */
  end: number;
}

export function weekStart(ms: number): number {
  const day = Math.floor(ms / DAY_MS);
  // 1970-01-01 was a Thursday: day 0 is weekday 3 counting from Monday = 0.
  const weekday = (day + 3) % 7;
  return (day - weekday) * DAY_MS;
}

export function isoWeekLabel(ms: number): string {
  const monday = weekStart(ms);
  const thursday = new Date(monday + 3 * DAY_MS);
  const year = thursday.getUTCFullYear();
  const firstThursdayWeek = weekStart(Date.UTC(year, 0, 4));
  const n = Math.round((monday - firstThursdayWeek) / WEEK_MS) + 1;
  return `${year}-W${String(n).padStart(2, '0')}`;
}

export function weekOf(ms: number): Week {
  const start = weekStart(ms);
  return { label: isoWeekLabel(ms), start, end: start + WEEK_MS };
}

/** The last `n` weeks, oldest first; the last one holds `now` (and is still running). */
export function lastWeeks(now: number, n: number): Week[] {
  const current = weekStart(now);
  return Array.from({ length: n }, (_, i) => weekOf(current - (n - 1 - i) * WEEK_MS));
}

export const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Milliseconds of an ISO date or date-time (date-only and zone-less values are read as UTC). */
export function parseTime(value: unknown): number | undefined {
  if (typeof value !== 'string' || value === '') return undefined;
  if (value.length === 20 && value[19] === 'Z' && value[10] === 'T') return Date.parse(value); // how Concord writes times
  const v = /^\d{4}-\d{2}-\d{2}$/.test(value) ? `${value}T00:00:00Z` : /[zZ]|[+-]\d{2}:?\d{2}$/.test(value) ? value : `${value}Z`;
  const ms = Date.parse(v);
  return Number.isFinite(ms) ? ms : undefined;
}
