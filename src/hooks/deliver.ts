// One attempt to deliver one event to one hook, by shell command or webhook.
import { hookSecret } from '../app/hooks-admin.js';
import type { Workspace } from '../app/workspace.js';
import { type DeliveryInfo, hookBody, hookEnvironment, type HookEvent } from '../core/hook-payload.js';
import type { Hook } from '../core/hook-settings.js';
import { runShellHook, type DeliveryResult } from './shell.js';
import { postWebhook } from './webhook.js';

export async function deliverToHook(ws: Workspace, hook: Hook, event: HookEvent, delivery: DeliveryInfo, signal?: AbortSignal): Promise<DeliveryResult> {
  const body = JSON.stringify(hookBody(event, delivery));
  if (hook.command !== undefined) {
    return runShellHook({
      hook: hook.name,
      command: hook.command,
      cwd: ws.dir,
      env: { ...ws.env.vars, ...hookEnvironment(event, delivery, ws.file) },
      stdin: body,
      timeoutMs: hook.timeout_ms,
      signal,
    });
  }
  const secret = hookSecret(ws, hook);
  if ('problem' in secret) return { hook: hook.name, ok: false, status: null, duration_ms: 0, error: secret.problem };
  return postWebhook({
    hook: hook.name,
    url: hook.url!,
    secret: secret.secret,
    body,
    event: event.type,
    delivery: delivery.id,
    timestamp: Math.floor(Date.parse(ws.now()) / 1000),
    timeoutMs: hook.timeout_ms,
    signal,
  });
}
