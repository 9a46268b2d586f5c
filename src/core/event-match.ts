// Event type patterns (`todo:*`, `*:status_changed`, `*`): how hooks and `history --type` select events.
import { EVENT_TYPES } from './event-samples.js';

const PATTERN = /^[a-z_*?]+(:[a-z_*?]+)?$/;

/** A pattern of event types: `*` matches any run of characters, `?` one. `todo` alone means `todo:*`. */
export function normalizeTypePattern(pattern: string): string {
  const p = pattern.trim();
  return p.includes(':') || p.includes('*') ? p : `${p}:*`;
}

export function typePatternRegExp(pattern: string): RegExp {
  const body = normalizeTypePattern(pattern)
    .split('')
    .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
    .join('');
  return new RegExp(`^${body}$`);
}

export function matchesTypePattern(patterns: readonly string[], type: string): boolean {
  return patterns.some((p) => typePatternRegExp(p).test(type));
}

/** Why `pattern` is unusable (bad characters, or it matches no event type), or undefined if it is fine. */
export function checkTypePattern(pattern: string): string | undefined {
  const p = normalizeTypePattern(pattern);
  if (!PATTERN.test(p)) return `"${pattern}" is not an event type pattern (noun:verb, with * and ? as wildcards)`;
  const re = typePatternRegExp(p);
  if (!EVENT_TYPES.some((t) => re.test(t))) {
    const noun = p.split(':')[0]!;
    const near = EVENT_TYPES.filter((t) => t.startsWith(`${noun}:`));
    return `"${pattern}" matches no event type${near.length ? `; ${noun} events are ${near.join(', ')}` : `; event types are ${EVENT_TYPES.join(', ')}`}`;
  }
  return undefined;
}

/** The event types a list of patterns selects (for SQL `IN`). */
export function expandTypePatterns(patterns: readonly string[]): string[] {
  return EVENT_TYPES.filter((t) => matchesTypePattern(patterns, t));
}
