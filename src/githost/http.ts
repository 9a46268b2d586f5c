// HTTP for work that leaves the machine (Git hosts, api_call steps): retries of 429, 5xx and network errors
// honouring Retry-After, a time limit per request, a cap on the body read, and secrets kept out of errors.
import { ConcordError } from '../core/errors.js';

export interface HttpRequest {
  url: string;
  method?: string;
  headers?: Record<string, string>;
  /** A string is sent as is; anything else as JSON. */
  body?: unknown;
  /** Retries after the first try (default 4). */
  retries?: number;
  /** The longest wait between tries accepted, Retry-After included (default 60 s): past it the request fails. */
  maxWaitMs?: number;
  timeoutMs?: number;
  signal?: AbortSignal;
  /** Characters of the body kept (default 4 MB). */
  maxBytes?: number;
  /** Each retry, for the log (never the headers). */
  onRetry?: (r: { attempt: number; status?: number; waitMs: number; reason: string }) => void;
  /** The first backoff without Retry-After (doubles each try; default 500 ms). */
  backoffMs?: number;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
  /** The body parsed as JSON when it is JSON, else undefined. */
  json: unknown;
  attempts: number;
  truncated: boolean;
}

const RETRIED = (status: number) => status === 429 || status >= 500;

/** Retry-After as milliseconds: seconds, or an HTTP date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null, now = Date.now()): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  if (/^\d+(\.\d+)?$/.test(value.trim())) return Math.round(Number(value) * 1_000);
  const at = Date.parse(value);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

const sleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
    const t = setTimeout(() => (signal?.removeEventListener('abort', onAbort), resolve()), ms);
    const onAbort = () => (clearTimeout(t), reject(new Error('aborted')));
    signal?.addEventListener('abort', onAbort, { once: true });
  });

/** Only scheme, host and path: a URL in an error never carries a query (tokens travel there sometimes). */
export const safeUrl = (url: string) => {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return '(an invalid URL)';
  }
};

async function readCapped(res: Response, max: number): Promise<{ text: string; truncated: boolean }> {
  if (!res.body) return { text: '', truncated: false };
  const decoder = new TextDecoder();
  let text = '';
  let truncated = false;
  for await (const chunk of res.body as unknown as AsyncIterable<Uint8Array>) {
    text += decoder.decode(chunk, { stream: true });
    if (text.length > max) {
      text = text.slice(0, max);
      truncated = true;
      break;
    }
  }
  return { text, truncated };
}

export async function request(r: HttpRequest): Promise<HttpResponse> {
  const retries = r.retries ?? 4;
  const maxWait = r.maxWaitMs ?? 60_000;
  const headers: Record<string, string> = { accept: 'application/json', 'user-agent': 'concord', ...(r.headers ?? {}) };
  let body: string | undefined;
  if (r.body !== undefined) {
    body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body);
    if (typeof r.body !== 'string' && !Object.keys(headers).some((k) => k.toLowerCase() === 'content-type')) headers['content-type'] = 'application/json';
  }
  for (let attempt = 1; ; attempt++) {
    let waitMs: number;
    let reason: string;
    let status: number | undefined;
    try {
      const signal = AbortSignal.any([AbortSignal.timeout(r.timeoutMs ?? 30_000), ...(r.signal ? [r.signal] : [])]);
      const res = await fetch(r.url, { method: r.method ?? 'GET', headers, ...(body !== undefined ? { body } : {}), signal, redirect: 'follow' });
      const { text, truncated } = await readCapped(res, r.maxBytes ?? 4 * 1024 * 1024);
      if (!RETRIED(res.status) || attempt > retries) {
        let json: unknown;
        try {
          json = text && /json/.test(res.headers.get('content-type') ?? '') ? JSON.parse(text) : undefined;
        } catch {
          json = undefined;
        }
        return { status: res.status, headers: Object.fromEntries(res.headers.entries()), text, json, attempts: attempt, truncated };
      }
      status = res.status;
      reason = `HTTP ${res.status}`;
      waitMs = retryAfterMs(res.headers.get('retry-after')) ?? (r.backoffMs ?? 500) * 2 ** (attempt - 1);
    } catch (e) {
      if (r.signal?.aborted) throw new ConcordError('GITHOST_UNAVAILABLE', `${r.method ?? 'GET'} ${safeUrl(r.url)} was cancelled`);
      if (attempt > retries) throw new ConcordError('GITHOST_UNAVAILABLE', `${r.method ?? 'GET'} ${safeUrl(r.url)} failed after ${attempt} tries: ${(e as Error).message}`, { hint: 'check the URL and the network, then run it again' });
      reason = (e as Error).name === 'TimeoutError' ? 'timed out' : (e as Error).message;
      waitMs = (r.backoffMs ?? 500) * 2 ** (attempt - 1);
    }
    if (waitMs > maxWait) throw new ConcordError('GITHOST_UNAVAILABLE', `${r.method ?? 'GET'} ${safeUrl(r.url)}: ${reason}, and the server asks to wait ${Math.ceil(waitMs / 1000)} s (more than the ${Math.ceil(maxWait / 1000)} s accepted)`, { hint: 'try again later', data: { retry_after_ms: waitMs } });
    r.onRetry?.({ attempt, ...(status !== undefined ? { status } : {}), waitMs, reason });
    await sleep(waitMs, r.signal);
  }
}
