// When will the remaining work be done? A Monte Carlo simulation over recent weekly throughput.
import type { Forecast } from './schemas.js';
import { hashSeed, quantile, seededRandom } from './stats.js';
import { DAY_MS, isoDate, parseTime } from './weeks.js';

const TRIALS = 2_000;
/** A simulated future longer than this (ten years) counts as never. */
const MAX_WEEKS = 520;
const CONFIDENCE = 0.8;

export interface ForecastInput {
  /** Seeds the simulation, so the same data gives the same forecast. */
  key: string;
  remaining: number;
  /** Completions in each of the recent full weeks. */
  samples: readonly number[];
  now: number;
  due?: string | undefined;
}

/**
 * Each trial draws a past week's throughput for every future week until the remaining work is done;
 * the spread of the trials is the forecast's range (this keeps the uneven weeks teams really have).
 */
export function computeForecast(f: ForecastInput): Forecast {
  const mean = f.samples.length ? f.samples.reduce((a, b) => a + b, 0) / f.samples.length : 0;
  const base = {
    remaining: f.remaining,
    throughput_per_week: Math.round(mean * 100) / 100,
    sample_weeks: f.samples.length,
    confidence: CONFIDENCE,
    due: f.due ?? null,
  };
  const dueMs = parseTime(f.due);
  if (f.remaining === 0) {
    const today = isoDate(f.now);
    return { ...base, likely: today, range: { from: today, to: today }, chance_by_due: dueMs === undefined ? null : 1, note: 'nothing remains' };
  }
  if (mean === 0) {
    return { ...base, likely: null, range: null, chance_by_due: null, note: `no todo was completed in the last ${f.samples.length} full week(s): nothing to forecast from` };
  }
  const random = seededRandom(hashSeed(`${f.key}:${f.remaining}:${f.samples.join(',')}`));
  const weeks: number[] = [];
  for (let t = 0; t < TRIALS; t++) {
    let left = f.remaining;
    let w = 0;
    while (left > 0 && w < MAX_WEEKS) {
      left -= f.samples[Math.floor(random() * f.samples.length)]!;
      w++;
    }
    weeks.push(w);
  }
  weeks.sort((a, b) => a - b);
  const date = (w: number) => isoDate(f.now + w * 7 * DAY_MS);
  const lo = quantile(weeks, (1 - CONFIDENCE) / 2);
  const hi = quantile(weeks, 1 - (1 - CONFIDENCE) / 2);
  const byDue = dueMs === undefined ? null : Math.round((weeks.filter((w) => f.now + w * 7 * DAY_MS <= dueMs + DAY_MS - 1).length / TRIALS) * 100) / 100;
  const never = weeks[weeks.length - 1]! >= MAX_WEEKS;
  return {
    ...base,
    likely: date(Math.round(quantile(weeks, 0.5))),
    range: { from: date(Math.round(lo)), to: date(Math.round(hi)) },
    chance_by_due: byDue,
    ...(never ? { note: 'some simulated futures take more than ten years at this pace' } : {}),
  };
}
