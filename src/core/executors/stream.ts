// Helpers every stream parser shares: tolerant JSON lines, the needs-input marker, token sums, and the one
// parser of JSON-lines streams (claude, codex, gemini, opencode, goose) that the adapters give handlers to.
import { emptyFacts, type StreamFacts } from '../runs/outcome.js';
import { NEEDS_INPUT_MARKER } from '../runs/prompt.js';
import type { StreamParser } from './profile.js';

export type Json = Record<string, unknown>;

/** One line as a JSON object, or undefined (banners, blank lines and partial output are not events). */
export function jsonLine(text: string): Json | undefined {
  const t = text.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    const v = JSON.parse(t) as unknown;
    return v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined;
  } catch {
    return undefined;
  }
}

export const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
export const num = (v: unknown): number | undefined => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
export const obj = (v: unknown): Json | undefined => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Json) : undefined);
export const arr = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);

/** The question after the marker, if the text asks one. */
export function markerQuestion(text: string | undefined): string | undefined {
  if (!text) return undefined;
  const at = text.lastIndexOf(NEEDS_INPUT_MARKER);
  if (at === -1) return undefined;
  return text.slice(at + NEEDS_INPUT_MARKER.length).trim().split('\n')[0]!.trim() || 'a question (no text given)';
}

/** A parser's base: the facts, plus the marker check every parser applies once the result is known. */
export function newFacts(): StreamFacts {
  return emptyFacts();
}

export function settle(facts: StreamFacts): void {
  const q = markerQuestion(facts.result?.text);
  if (q && !facts.needs_input) facts.needs_input = q;
}

const MAX_ERRORS = 20;
export function noteError(facts: StreamFacts, message: string | undefined): void {
  if (!message) return;
  facts.errors.push(message.slice(0, 2_000));
  if (facts.errors.length > MAX_ERRORS) facts.errors.shift();
}

/** What an adapter says about a JSON-lines stream: a handler per event type, and what each event or the end adds. */
export interface JsonStream {
  /** Every event, before its type's handler (a CLI that puts the session id on every line). */
  every?: (e: Json) => void;
  on: Readonly<Record<string, (e: Json) => void>>;
  /** After the process ended: a CLI without a result event has its result decided here. */
  end?: () => void;
}

/**
 * A parser of a JSON-lines stream into `facts`: lines that are not JSON objects are skipped, each event goes
 * to its type's handler, and whenever the result is set (by an event or at the end) the needs-input marker
 * is looked for in it.
 */
export function jsonStreamParser(facts: StreamFacts, s: JsonStream): StreamParser {
  return {
    facts,
    line(text) {
      const e = jsonLine(text);
      if (!e) return;
      const before = facts.result;
      s.every?.(e);
      const type = str(e['type']);
      if (type !== undefined && Object.hasOwn(s.on, type)) s.on[type]!(e);
      if (facts.result !== before) settle(facts);
    },
    end() {
      s.end?.();
      settle(facts);
    },
  };
}
