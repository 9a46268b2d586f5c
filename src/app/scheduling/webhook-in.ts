// Inbound webhooks of activities (POST /api/hooks/in/NAME, src/http/api.ts): verify the HMAC signature,
// then queue the call like an event, through the trigger's quiet period.
import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConcordError } from '../../core/errors.js';
import { hint, op } from '../../core/hints.js';
import { ScheduleStore } from '../../state/schedule-store.js';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifyWebhook } from '../webhook-signature.js';
import type { Workspace } from '../workspace.js';
import { loadActivities } from './activities.js';
import { quietDueAt } from './event-queue.js';
import { inScheduleTransaction } from './plan.js';

export const MAX_WEBHOOK_BODY = 1024 * 1024;
/** Body bytes kept with the fire (commands see it in CONCORD_FIRE_PAYLOAD). */
const KEPT_BODY = 16 * 1024;
const GITHUB_HEADER = 'x-hub-signature-256';

export interface WebhookCall {
  body: string;
  /** Header names in lower case. */
  headers: Record<string, string | undefined>;
}

function sameText(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Concord's own signature (timestamped, replay-bounded), or GitHub's `X-Hub-Signature-256` over the body. */
function verified(secret: string, call: WebhookCall, now: number): boolean {
  if (call.headers[SIGNATURE_HEADER]) return verifyWebhook(secret, { signature: call.headers[SIGNATURE_HEADER], timestamp: call.headers[TIMESTAMP_HEADER] }, call.body, now);
  const gh = call.headers[GITHUB_HEADER];
  return gh !== undefined && sameText(gh, 'sha256=' + createHmac('sha256', secret).update(call.body).digest('hex'));
}

/** Accepts a signed call for the webhook trigger `name`; the activity runs when its quiet period ends. */
export async function receiveWebhook(ws: Workspace, name: string, call: WebhookCall): Promise<{ activity: string; due_at: string }> {
  if (Buffer.byteLength(call.body) > MAX_WEBHOOK_BODY) throw new ConcordError('INVALID_INPUT', `the webhook body is over ${MAX_WEBHOOK_BODY} bytes`, { hint: 'send less' });
  const found = loadActivities(ws).activities.flatMap((a) => a.target.triggers.map((t, i) => ({ target: a.target, trigger: t, i }))).find((x) => x.trigger.webhook === name);
  if (!found || !found.target.enabled) throw new ConcordError('ACTIVITY_NOT_FOUND', `no enabled activity has the webhook "${name}"`, { hint: hint`see ${op('activity.list')}; enable it with ${op('activity.enable')}` });
  const secret = found.trigger.secret_env ? ws.env.vars[found.trigger.secret_env] : undefined;
  if (!secret) throw new ConcordError('INVALID_SETTINGS', `the secret of webhook "${name}" is not set: ${found.trigger.secret_env} is empty`, { hint: `set ${found.trigger.secret_env} in the server's environment` });
  const now = ws.time();
  if (!verified(secret, call, now)) throw new ConcordError('WEBHOOK_SIGNATURE_INVALID', `the call to webhook "${name}" is not signed with its secret (or its timestamp is more than 5 minutes off)`, { hint: `sign the body with HMAC-SHA256: ${SIGNATURE_HEADER} + ${TIMESTAMP_HEADER}, or ${GITHUB_HEADER}` });
  const iso = (ms: number) => new Date(ms).toISOString();
  const store = new ScheduleStore(ws.db);
  let due = '';
  await inScheduleTransaction(ws, () => store.addQuiet(found.target.id, `webhook:${name}`, iso(now), (first) => (due = iso(quietDueAt(found.trigger, Date.parse(first), now))), { at: iso(now), body: call.body.slice(0, KEPT_BODY) }));
  return { activity: found.target.name, due_at: due };
}
