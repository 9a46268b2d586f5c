// Size caps on every input (docs/settings.md lists them): text fields, notes, lists, input files, requests.
//
// Everything Concord accepts ends up in a git-tracked file, in memory, or both, so nothing may be unbounded:
// a 50 MB title would make a 50 MB ecosystem.yaml that every teammate pulls and every read parses.
import { z } from 'zod';
import { lazySchema } from './on-first-use.js';

export const LIMITS = {
  /** One-line text: a todo's task, a title, a name, an assignee (characters). */
  line: 1_000,
  /** Free text: a description, a resolution, a dependency's notes (characters). */
  text: 65_536,
  /** One note on a todo (characters). */
  note: 16_384,
  /** One entry of a list (labels, acceptance criteria, files), and entries per list. */
  listEntry: 1_000,
  listEntries: 500,
  /** A record's free-form metadata, as JSON (bytes). */
  metadataBytes: 65_536,
  /** `--input file.json` (or stdin), a request body over HTTP, one MCP message over stdio (bytes). */
  inputBytes: 1_048_576,
  /** MCP sessions over HTTP at once, and how long an idle one lives. */
  mcpSessions: 100,
  mcpSessionIdleMinutes: 30,
  /** Server-sent event streams (GET /api/events) at once. */
  eventStreams: 100,
} as const;

const tooLong = (max: number, what: string) => ({ error: `at most ${max} characters: ${what}` });

/** A UTF-16 surrogate without its other half: JSON can carry one ("\udce9"), UTF-8 cannot encode it. */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const text = (max: number, what: string) =>
  z
    .string()
    .max(max, tooLong(max, what))
    // Such a character would be written as a raw byte, not UTF-8 (see store/text-codec.ts).
    .refine((v) => !LONE_SURROGATE.test(v), { error: 'holds a lone surrogate (\\uD800-\\uDFFF without its pair), which is not Unicode text' });

/** One-line text (task, title, name). */
export const InputLineSchema = lazySchema(() => text(LIMITS.line, 'keep it to one line and put the rest in the description'));
/** Free text (description, resolution). */
export const InputTextSchema = lazySchema(() => text(LIMITS.text, 'link to a document for more'));
/** One note. */
export const InputNoteSchema = lazySchema(() => text(LIMITS.note, 'leave several notes, or link to a document'));
/** A list of short strings (labels, acceptance criteria, files). */
export const InputListSchema = lazySchema(() => z
  .array(z.string().min(1).max(LIMITS.listEntry, tooLong(LIMITS.listEntry, 'an entry of a list is short')))
  .max(LIMITS.listEntries, { error: `at most ${LIMITS.listEntries} entries` }));
/** Free-form metadata, bounded by its size as JSON. */
export const InputMetadataSchema = lazySchema(() => z
  .record(z.string(), z.unknown())
  .refine((v) => JSON.stringify(v).length <= LIMITS.metadataBytes, { error: `at most ${LIMITS.metadataBytes} bytes as JSON: keep large data outside ecosystem.yaml and link to it` }));
