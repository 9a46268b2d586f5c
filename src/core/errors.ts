// The one domain error of Concord, its codes, and the separate "this is a bug" error.
import { type Hint, type HintStyle, PLAIN_STYLE, renderHint } from './hints.js';

/** Every code a ConcordError can carry, with its kind (used by surfaces to pick exit codes / statuses). */
export const ERROR_CODES = {
  // not found
  ECOSYSTEM_NOT_FOUND: 'not_found',
  TODO_NOT_FOUND: 'not_found',
  ISSUE_NOT_FOUND: 'not_found',
  PLAN_NOT_FOUND: 'not_found',
  MILESTONE_NOT_FOUND: 'not_found',
  DEPENDENCY_NOT_FOUND: 'not_found',
  REPO_NOT_FOUND: 'not_found',
  ITEM_NOT_FOUND: 'not_found',
  CHECKPOINT_NOT_FOUND: 'not_found',
  HOOK_NOT_FOUND: 'not_found',
  DELIVERY_NOT_FOUND: 'not_found',
  JOB_NOT_FOUND: 'not_found',
  ACTIVITY_NOT_FOUND: 'not_found',
  SOURCE_NOT_FOUND: 'not_found',
  RUN_NOT_FOUND: 'not_found',
  SWEEP_NOT_FOUND: 'not_found',
  EXECUTOR_NOT_FOUND: 'not_found',
  POOL_NOT_FOUND: 'not_found',
  WORKFLOW_NOT_FOUND: 'not_found',
  // bad input
  INVALID_INPUT: 'invalid',
  INVALID_ECOSYSTEM: 'invalid',
  INVALID_SETTINGS: 'invalid',
  UNKNOWN_REFERENCE: 'invalid',
  INVALID_RECORD: 'invalid',
  DUPLICATE_ID: 'invalid',
  INVALID_ACTIVITY: 'invalid',
  WEBHOOK_SIGNATURE_INVALID: 'invalid',
  INVALID_WORKFLOW: 'invalid',
  /** A Git host refused the token (401/403): the token is wrong, expired or lacks a scope. */
  GITHOST_AUTH: 'invalid',
  // conflicts with the current state
  DEPENDENCY_CYCLE: 'conflict',
  INVALID_TRANSITION: 'conflict',
  TODO_BLOCKED: 'conflict',
  ALREADY_CLAIMED: 'conflict',
  CLAIM_REQUIRED: 'conflict',
  STALE_CLAIM: 'conflict',
  CONCURRENT_EDIT: 'conflict',
  BREAKER_OPEN: 'conflict',
  JOB_BUSY: 'conflict',
  MERGE_CONFLICT: 'conflict',
  OPEN_WORK: 'conflict',
  HAS_DEPENDENTS: 'conflict',
  STALE_RUN: 'conflict',
  RUN_EXISTS: 'conflict',
  /** A generated file would replace one that exists. */
  FILE_EXISTS: 'conflict',
  /** The Git host has something of that name that is not ours to reuse. */
  GITHOST_CONFLICT: 'conflict',
  // the environment
  LOCK_TIMEOUT: 'unavailable',
  /** A server's first index of the file is still being built (in the background): retry in a few seconds. */
  INDEX_BUILDING: 'unavailable',
  UNSUPPORTED_LAYOUT: 'unavailable',
  NOT_IMPLEMENTED: 'unavailable',
  IO_ERROR: 'unavailable',
  JOB_FAILED: 'unavailable',
  WORKFLOW_FAILED: 'unavailable',
  /** The Git host did not answer, or kept answering 429/5xx after the retries. */
  GITHOST_UNAVAILABLE: 'unavailable',
  /** The server is at a limit of its own (open streams) or stopping: retry after Retry-After. */
  SERVER_BUSY: 'unavailable',
  /** The run queue is at capacity: try again later (exit 75 on the CLI, 503 + Retry-After over HTTP). */
  QUEUE_FULL: 'unavailable',
  EXECUTION_DISABLED: 'unavailable',
  /** The fleet's PostgreSQL cannot be reached (after retrying for a while). */
  DATABASE_UNAVAILABLE: 'unavailable',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;
export type ErrorKind = (typeof ERROR_CODES)[ErrorCode];

export interface ConcordErrorOptions {
  /** What the user can do about it; surfaces render it (in their own syntax) under the message. */
  hint?: Hint;
  data?: Record<string, unknown>;
  cause?: unknown;
}

/** A failure the user can understand and act on. The message names the thing and the fix. */
export class ConcordError extends Error {
  override readonly name = 'ConcordError';
  readonly code: ErrorCode;
  readonly hint: Hint | undefined;
  readonly data: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: ConcordErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.code = code;
    this.hint = options.hint;
    this.data = options.data;
  }

  get kind(): ErrorKind {
    return ERROR_CODES[this.code];
  }

  /** The error as a surface sends it, the hint spelt in the surface's `style`. */
  report(style: HintStyle): { code: ErrorCode; message: string; hint?: string; data?: Record<string, unknown> } {
    const hint = renderHint(this.hint, style);
    return {
      code: this.code,
      message: this.message,
      ...(hint ? { hint } : {}),
      ...(this.data ? { data: this.data } : {}),
    };
  }

  /** JSON.stringify(error): references in the hint by their names. */
  toJSON(): ReturnType<ConcordError['report']> {
    return this.report(PLAIN_STYLE);
  }
}

/** An invariant of Concord itself was broken: a bug, reported with a stack trace. */
export class BugError extends Error {
  override readonly name = 'BugError';
}

export function isConcordError(e: unknown): e is ConcordError {
  return e instanceof ConcordError;
}

/** The closest of `candidates` to `input` by edit distance, if it is close enough to be a likely typo. */
export function suggest(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  const list = [...candidates];
  // A candidate that the input starts with (or that starts with the input) is the likeliest meaning.
  const prefixed = list.filter((c) => c.length >= 3 && (needle.startsWith(c.toLowerCase()) || c.toLowerCase().startsWith(needle)));
  if (prefixed.length === 1) return prefixed[0];
  let best: string | undefined;
  let bestScore = Infinity;
  for (const c of list) {
    const d = editDistance(needle, c.toLowerCase());
    if (d < bestScore) {
      bestScore = d;
      best = c;
    }
  }
  if (best === undefined) return undefined;
  const limit = Math.max(2, Math.floor(needle.length / 3));
  return bestScore <= limit ? best : undefined;
}

export function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  let prev = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const cur = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      cur[j] = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + cost);
    }
    prev = cur;
  }
  return prev[b.length]!;
}
