// Webhooks: the event POSTed as JSON, signed with HMAC-SHA256, within a timeout; any 2xx is delivered.
import type { DeliveryResult } from './shell.js';
import { SIGNATURE_HEADER, signWebhook, TIMESTAMP_HEADER } from '../app/webhook-signature.js';

export interface WebhookCall {
  hook: string;
  url: string;
  secret: string;
  body: string;
  event: string;
  delivery: number;
  /** Unix seconds, signed with the body. */
  timestamp: number;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export async function postWebhook(call: WebhookCall): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  const timeout = AbortSignal.timeout(call.timeoutMs);
  const signal = call.signal ? AbortSignal.any([timeout, call.signal]) : timeout;
  try {
    const res = await fetch(call.url, {
      method: 'POST',
      body: call.body,
      redirect: 'manual',
      signal,
      headers: {
        'content-type': 'application/json',
        'user-agent': 'concord-hooks/1',
        'x-concord-event': call.event,
        'x-concord-delivery': String(call.delivery),
        [TIMESTAMP_HEADER]: String(call.timestamp),
        [SIGNATURE_HEADER]: signWebhook(call.secret, call.timestamp, call.body),
      },
    });
    const text = (await res.text().catch(() => '')).trim().slice(0, 2_000);
    const ok = res.status >= 200 && res.status < 300;
    return { hook: call.hook, ok, status: res.status, duration_ms: elapsed(), ...(ok ? {} : { error: `HTTP ${res.status}${text ? `: ${text.slice(0, 300)}` : ''}` }), ...(text ? { output: text } : {}) };
  } catch (e) {
    if (call.signal?.aborted) return { hook: call.hook, ok: false, status: null, duration_ms: elapsed(), error: 'stopped before it finished', aborted: true };
    if (timeout.aborted) return { hook: call.hook, ok: false, status: null, duration_ms: elapsed(), error: `timed out after ${call.timeoutMs} ms` };
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    return { hook: call.hook, ok: false, status: null, duration_ms: elapsed(), error: `request failed: ${cause?.code ?? cause?.message ?? (e as Error).message}` };
  }
}
