// The one error mapping of the HTTP server: a ConcordError's kind decides the status, every error answers
// the same body, `{ error: { code, message, hint?, data? } }` (the guard's and the router's own errors too).
import type { Context } from 'hono';
import { ConcordError, type ErrorCode, type ErrorKind } from '../core/errors.js';
import { HTTP_HINTS } from './hints.js';

export const STATUS_OF_KIND: Record<ErrorKind, 404 | 409 | 422 | 503> = {
  not_found: 404,
  invalid: 422,
  conflict: 409,
  unavailable: 503,
};

/** Seconds a client should wait before asking again, by code (503s only); others get the default. */
const RETRY_AFTER: Partial<Record<ErrorCode, number>> = { LOCK_TIMEOUT: 1 };
const DEFAULT_RETRY_AFTER = 5;

export interface ErrorBody {
  error: { code: string; message: string; hint?: string; data?: Record<string, unknown> };
}

/** A JSON error response; `status` is the HTTP status, `code` the Concord or HTTP code in the body. */
export function errorResponse(status: number, error: ErrorBody['error'], headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify({ error }), { status, headers: { 'content-type': 'application/json', ...headers } });
}

/** The response for a domain error: 404, 409, 422 or 503 (with Retry-After). */
export function concordErrorResponse(e: ConcordError): Response {
  const status = STATUS_OF_KIND[e.kind];
  const seconds = typeof e.data?.['retry_after_seconds'] === 'number' ? e.data['retry_after_seconds'] : (RETRY_AFTER[e.code] ?? DEFAULT_RETRY_AFTER);
  return errorResponse(status, e.report(HTTP_HINTS), status === 503 ? { 'retry-after': String(Math.max(1, Math.ceil(seconds))) } : {});
}

/** Hono's onError: domain errors by their kind, anything else is a bug (500, logged by the caller). */
export function onHttpError(report: (e: Error) => void) {
  return (e: Error, _c: Context): Response => {
    if (e instanceof ConcordError) return concordErrorResponse(e);
    report(e);
    return errorResponse(500, { code: 'INTERNAL', message: `${e.message}; this is a bug in Concord, please report it` });
  };
}
