// Summaries of durations (median, 85th percentile, mean) in days, and a small seeded random source.
import { DAY_MS } from './weeks.js';

export interface DurationStats {
  count: number;
  median_days: number | null;
  p85_days: number | null;
  mean_days: number | null;
}

/** The q-quantile of sorted values, by linear interpolation. */
export function quantile(sorted: readonly number[], q: number): number {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (pos - lo);
}

const days = (ms: number) => Math.round((ms / DAY_MS) * 10) / 10;

export function durationStats(durationsMs: readonly number[]): DurationStats {
  const sorted = durationsMs.filter((d) => d >= 0).sort((a, b) => a - b);
  if (!sorted.length) return { count: 0, median_days: null, p85_days: null, mean_days: null };
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { count: sorted.length, median_days: days(quantile(sorted, 0.5)), p85_days: days(quantile(sorted, 0.85)), mean_days: days(mean) };
}

/** mulberry32: deterministic, so a forecast is the same for the same data. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

export function hashSeed(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16777619);
  return h >>> 0;
}

/** The standard normal cumulative distribution (Abramowitz and Stegun 7.1.26; error below 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + (0.3275911 * Math.abs(x)) / Math.SQRT2);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
