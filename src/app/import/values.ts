// Value mappings shared by the import parsers and exporters: statuses, priorities, times, lists.
import type { Priority, TodoStatus } from '../../core/enums.js';
import { isoSeconds } from '../../core/normalize.js';

const key = (s: string) => s.trim().toLowerCase().replace(/[\u2018\u2019]/g, "'").replace(/[\s_-]+/g, ' ');

/** Status names the three tools (and their users' custom boards) use, read as Concord statuses. */
const STATUS_WORDS: Record<string, TodoStatus> = {
  'to do': 'pending', todo: 'pending', backlog: 'pending', open: 'pending', pending: 'pending', new: 'pending', draft: 'pending', ready: 'pending', deferred: 'pending', pinned: 'pending',
  'in progress': 'in_progress', doing: 'in_progress', wip: 'in_progress', started: 'in_progress', review: 'in_progress', 'in review': 'in_progress', hooked: 'in_progress',
  blocked: 'blocked', waiting: 'blocked', 'on hold': 'blocked',
  done: 'completed', completed: 'completed', complete: 'completed', closed: 'completed', resolved: 'completed', finished: 'completed',
  "won't do": 'cancelled', 'wont do': 'cancelled', wontfix: 'cancelled', cancelled: 'cancelled', canceled: 'cancelled', rejected: 'cancelled', abandoned: 'cancelled',
};

/** A source status as a Concord status, or undefined when it is not one of the known words. */
export function statusFromWord(word: string): TodoStatus | undefined {
  return STATUS_WORDS[key(word)];
}

const PRIORITY_WORDS: Record<string, Priority> = {
  critical: 'critical', urgent: 'critical', highest: 'critical', blocker: 'critical', p0: 'critical',
  high: 'high', p1: 'high', major: 'high',
  medium: 'medium', normal: 'medium', p2: 'medium',
  low: 'low', lowest: 'low', minor: 'low', trivial: 'low', p3: 'low', p4: 'low',
};

export function priorityFromWord(word: string): Priority | undefined {
  return PRIORITY_WORDS[key(word)];
}

/**
 * `2026-01-31`, `2026-01-31 09:30`, `2026-01-31T09:30:00.123-07:00` -> a Concord timestamp (a date, or a UTC
 * time to the second); undefined when it is not a time.
 */
export function toTimestamp(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  const s = value.trim();
  if (/^\d{4}-\d{2}-\d{2}$/.test(s)) return Number.isNaN(Date.parse(s)) ? undefined : s;
  const m = /^(\d{4}-\d{2}-\d{2})[ T](\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?)\s*(Z|[+-]\d{2}:?\d{2})?$/i.exec(s);
  if (!m) return undefined;
  const ms = Date.parse(`${m[1]}T${m[2]}${(m[3] ?? 'Z').replace(/^([+-]\d{2})(\d{2})$/, '$1:$2')}`);
  return Number.isNaN(ms) ? undefined : isoSeconds(Math.floor(ms / 1000) * 1000);
}

/** A Concord timestamp as Backlog.md writes times: `2026-01-31 09:30` (seconds only when there are some). */
export function toBacklogTime(ts: string | undefined): string | undefined {
  if (ts === undefined) return undefined;
  const m = /^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2})(:\d{2})?Z$/.exec(ts);
  if (!m) return ts;
  return `${m[1]} ${m[2]}${m[3] && m[3] !== ':00' ? m[3] : ''}`;
}

/** Trimmed, non-empty, each once, in order. */
export function uniqueStrings(list: unknown): string[] {
  if (!Array.isArray(list)) return typeof list === 'string' && list.trim() ? [list.trim()] : [];
  const out: string[] = [];
  for (const x of list) {
    const s = typeof x === 'string' || typeof x === 'number' ? String(x).trim() : '';
    if (s && !out.includes(s)) out.push(s);
  }
  return out;
}

/** A text field: undefined when empty. */
export function text(value: unknown): string | undefined {
  if (typeof value === 'number') return String(value);
  if (typeof value !== 'string') return undefined;
  return value.trim() ? value.replace(/\r\n/g, '\n').replace(/\s+$/, '') : undefined;
}

/** `- a\n- b` (or plain lines) -> ['a', 'b']: how a checklist written as one string becomes a list. */
export function linesToList(value: unknown): string[] {
  if (Array.isArray(value)) return uniqueStrings(value);
  const t = text(value);
  if (!t) return [];
  return uniqueStrings(t.split('\n').map((l) => l.replace(/^\s*(?:[-*]|\d+[.)])\s+(?:\[[ xX]\]\s+)?/, '').trim()));
}

/** Drops undefined values and empty lists and objects, for metadata. */
export function compactData(record: Record<string, unknown>): Record<string, unknown> | undefined {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0)) continue;
    if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).length === 0) continue;
    out[k] = v;
  }
  return Object.keys(out).length ? out : undefined;
}
