// When will the remaining work be done? A Monte Carlo simulation over recent weekly throughput.
import type { Forecast } from './schemas.js';
import { hashSeed, normalCdf, quantile, seededRandom } from './stats.js';
import { DAY_MS, isoDate, parseTime } from './weeks.js';

const TRIALS = 1_000;
/** Beyond this many expected weeks the sum of weekly throughputs is normal enough (central limit). */
const SIMULATED_WEEKS = 26;
/** A simulated future longer than this (ten years) counts as never. */
const MAX_WEEKS = 520;
const CONFIDENCE = 0.8;
const Z = 1.2816; // the 10% and 90% points of the standard normal

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
 * Far horizons use the normal approximation of the same sums, which costs nothing.
 */
export function computeForecast(f: ForecastInput): Forecast {
  const n = f.samples.length;
  const mean = n ? f.samples.reduce((a, b) => a + b, 0) / n : 0;
  const base = {
    remaining: f.remaining,
    throughput_per_week: Math.round(mean * 100) / 100,
    sample_weeks: n,
    confidence: CONFIDENCE,
    due: f.due ?? null,
  };
  const dueMs = parseTime(f.due);
  const dueWeeks = dueMs === undefined ? undefined : (dueMs + DAY_MS - 1 - f.now) / (7 * DAY_MS);
  if (f.remaining === 0) {
    const today = isoDate(f.now);
    return { ...base, likely: today, range: { from: today, to: today }, chance_by_due: dueMs === undefined ? null : 1, note: 'nothing remains' };
  }
  if (mean === 0) {
    return { ...base, likely: null, range: null, chance_by_due: null, note: `no todo was completed in the last ${n} full week(s): nothing to forecast from` };
  }
  const date = (w: number) => isoDate(f.now + Math.round(w) * 7 * DAY_MS);
  const round2 = (x: number) => Math.round(x * 100) / 100;

  if (f.remaining / mean > SIMULATED_WEEKS) {
    const sd = Math.sqrt(f.samples.reduce((a, b) => a + (b - mean) ** 2, 0) / n);
    // Weeks w at which w·mean − z·sd·√w = remaining, solved for √w.
    const weeksAt = (z: number) => ((z * sd + Math.sqrt(z * z * sd * sd + 4 * mean * f.remaining)) / (2 * mean)) ** 2;
    const chance = dueWeeks === undefined ? null : dueWeeks <= 0 ? 0 : sd === 0 ? (dueWeeks * mean >= f.remaining ? 1 : 0) : normalCdf((dueWeeks * mean - f.remaining) / (sd * Math.sqrt(dueWeeks)));
    const late = weeksAt(Z);
    return {
      ...base,
      likely: date(weeksAt(0)),
      range: { from: date(weeksAt(-Z)), to: date(late) },
      chance_by_due: chance === null ? null : round2(chance),
      ...(late > MAX_WEEKS ? { note: 'at this pace the work takes more than ten years' } : {}),
    };
  }

  const random = seededRandom(hashSeed(`${f.key}:${f.remaining}:${f.samples.join(',')}`));
  const weeks = new Float64Array(TRIALS);
  for (let t = 0; t < TRIALS; t++) {
    let left = f.remaining;
    let w = 0;
    while (left > 0 && w < MAX_WEEKS) {
      left -= f.samples[Math.floor(random() * n)]!;
      w++;
    }
    weeks[t] = w;
  }
  weeks.sort();
  const sorted = Array.from(weeks);
  const byDue = dueWeeks === undefined ? null : round2(sorted.filter((w) => w <= dueWeeks).length / TRIALS);
  return {
    ...base,
    likely: date(quantile(sorted, 0.5)),
    range: { from: date(quantile(sorted, (1 - CONFIDENCE) / 2)), to: date(quantile(sorted, 1 - (1 - CONFIDENCE) / 2)) },
    chance_by_due: byDue,
    ...(sorted[TRIALS - 1]! >= MAX_WEEKS ? { note: 'some simulated futures take more than ten years at this pace' } : {}),
  };
}
