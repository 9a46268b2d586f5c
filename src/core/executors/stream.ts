// Helpers every stream parser shares: tolerant JSON lines, the needs-input marker, token sums.
import { emptyFacts, type StreamFacts } from '../runs/outcome.js';
import { NEEDS_INPUT_MARKER } from '../runs/prompt.js';

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
