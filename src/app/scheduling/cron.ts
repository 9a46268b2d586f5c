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
  for (let d = c.nextRun(new Date(after)); d && d.getTime() <= until && out.length < cap; d = c.nextRun(d)) out.push(d.getTime());
  return out;
}

/** The next instant of a time trigger after `after`, or undefined. */
export function nextInstant(trigger: Trigger, anchor: number, after: number): number | undefined {
  if (trigger.interval !== undefined) return after < anchor ? anchor : anchor + (Math.floor((after - anchor) / trigger.interval) + 1) * trigger.interval;
  if (trigger.cron === undefined) return undefined;
  return cronOf(trigger.cron, trigger.timezone).nextRun(new Date(after))?.getTime();
}
