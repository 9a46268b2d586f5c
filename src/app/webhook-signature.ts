// Webhook signatures: HMAC-SHA256 over "<timestamp>.<body>", so a captured request cannot be replayed later (hooks sign, inbound activity webhooks verify).
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-concord-signature';
export const TIMESTAMP_HEADER = 'x-concord-timestamp';

/** The signature header value: `sha256=<hex>`. */
export function signWebhook(secret: string, timestamp: number, body: string): string {
  return 'sha256=' + createHmac('sha256', secret).update(`${timestamp}.${body}`).digest('hex');
}

/**
 * What a receiver does: recompute the signature, compare in constant time, and refuse old timestamps.
 * `now` and `toleranceSeconds` bound replays (default five minutes).
 */
export function verifyWebhook(secret: string, headers: { signature: string | undefined; timestamp: string | undefined }, body: string, now = Date.now(), toleranceSeconds = 300): boolean {
  const ts = Number(headers.timestamp);
  if (!headers.signature || !Number.isInteger(ts)) return false;
  if (Math.abs(now / 1000 - ts) > toleranceSeconds) return false;
  const expected = Buffer.from(signWebhook(secret, ts, body));
  const given = Buffer.from(headers.signature);
  return expected.length === given.length && timingSafeEqual(expected, given);
}
