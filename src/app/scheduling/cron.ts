// When time triggers come due: cron expressions through croner (in their time zone), intervals from an anchor.
import { createRequire } from 'node:module';
import type { Cron } from 'croner';
import type { Trigger } from '../../core/scheduling/schemas.js';

type Croner = typeof import('croner');
// Loaded on first use: most commands never evaluate a cron expression.
const croner = (): Croner => createRequire(import.meta.url)('croner') as Croner;

const cache = new Map<string, Cron>();
function cronOf(pattern: string, timezone: string | undefined): Cron {
  const key = `${timezone ?? 'UTC'} ${pattern}`;
  let c = cache.get(key);
  if (!c) {
    c = new (croner().Cron)(pattern, { timezone: timezone ?? 'UTC', paused: true });
    cache.set(key, c);
  }
  return c;
}

/** Why a cron expression cannot be used, in croner's words, or undefined when it is fine. */
export function checkCron(pattern: string, timezone: string | undefined): string | undefined {
  try {
    if (!cronOf(pattern, timezone).nextRun(new Date(0))) return `"${pattern}" never fires`;
    return undefined;
  } catch (e) {
    return `"${pattern}" is not a cron expression: ${(e as Error).message.replace(/^CronPattern: /, '')}`;
  }
}

/**
 * The next instant of a cron expression after `after`, remembered: a server asks every pass for every job
 * whether something is due, with the same mark until something is (croner takes ~0.2 ms to answer).
 */
const nextCache = new Map<string, number | null>();
function nextCron(c: Cron, key: string, after: number): number | undefined {
  const k = `${key}|${after}`;
  let v = nextCache.get(k);
  if (v === undefined) {
    v = c.nextRun(new Date(after))?.getTime() ?? null;
    if (nextCache.size > 10_000) nextCache.clear();
    nextCache.set(k, v);
  }
  return v ?? undefined;
}

/** Instants of a time trigger after `after` (exclusive) and at or before `until`, ascending, at most `cap`. */
export function instantsBetween(trigger: Trigger, anchor: number, after: number, until: number, cap: number): number[] {
  const out: number[] = [];
  if (trigger.interval !== undefined) {
    const step = trigger.interval;
    // The first instant after `after` on the grid anchor + k * step (k >= 0).
    let t = after < anchor ? anchor : anchor + (Math.floor((after - anchor) / step) + 1) * step;
    for (; t <= until && out.length < cap; t += step) out.push(t);
    return out;
  }
  if (trigger.cron === undefined) return out;
  const c = cronOf(trigger.cron, trigger.timezone);
  const key = `${trigger.timezone ?? 'UTC'} ${trigger.cron}`;
  for (let t = nextCron(c, key, after); t !== undefined && t <= until && out.length < cap; t = c.nextRun(new Date(t))?.getTime()) out.push(t);
  return out;
}

/** The next instant of a time trigger after `after`, or undefined. */
export function nextInstant(trigger: Trigger, anchor: number, after: number): number | undefined {
  if (trigger.interval !== undefined) return after < anchor ? anchor : anchor + (Math.floor((after - anchor) / trigger.interval) + 1) * trigger.interval;
  if (trigger.cron === undefined) return undefined;
  return nextCron(cronOf(trigger.cron, trigger.timezone), `${trigger.timezone ?? 'UTC'} ${trigger.cron}`, after);
}

/** The latest `n` instants of a time trigger after `after` and at or before `until`, ascending. */
export function latestInstants(trigger: Trigger, anchor: number, after: number, until: number, n: number): number[] {
  if (n <= 0 || until <= after) return [];
  if (trigger.interval !== undefined) {
    const step = trigger.interval;
    if (until < anchor) return [];
    const last = anchor + Math.floor((until - anchor) / step) * step;
    const out: number[] = [];
    for (let t = last; t > after && t >= anchor && out.length < n; t -= step) out.push(t);
    return out.reverse();
  }
  if (trigger.cron === undefined) return [];
  // previousRuns is strictly before its reference: one ms past `until` includes it.
  return cronOf(trigger.cron, trigger.timezone)
    .previousRuns(n, new Date(until + 1))
    .map((d) => d.getTime())
    .filter((t) => t > after)
    .reverse();
}

/** How many instants the triggers have in (after, until], when that is cheap to know (intervals); else undefined. */
export function countBetween(triggers: readonly Trigger[], anchor: number, after: number, until: number): number | undefined {
  if (triggers.length !== 1 || triggers[0]!.interval === undefined) return undefined;
  const step = triggers[0]!.interval;
  const first = nextInstant(triggers[0]!, anchor, after)!;
  return first > until ? 0 : Math.floor((until - first) / step) + 1;
}
