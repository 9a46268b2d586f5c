// Hooks in concord.yaml: who subscribes to which events, how each is delivered, and the retry policy.
import { z } from 'zod';
import { PrioritySchema } from './enums.js';
import { checkTypePattern } from './event-match.js';
import { onFirstUse } from './on-first-use.js';
import { namedList, oneOrMany } from './schema/common.js';

const HookFilterSchema = onFirstUse(() =>
  z.strictObject({
    repo: oneOrMany(z.string().min(1)).optional().describe('Only events about these repos'),
    priority: z
      .union([PrioritySchema, z.array(PrioritySchema)], { error: 'priority is critical, high, medium or low, or a list of them' })
      .transform((v) => (Array.isArray(v) ? v : [v]))
      .optional()
      .describe('Only events about items of these priorities'),
  }),
);

export const HookSchema = onFirstUse(() =>
  z
    .strictObject({
      name: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, 'a hook name uses letters, digits, . _ - (no spaces)'),
      events: oneOrMany(z.string().min(1)).describe('Event types, globs allowed: todo:*, *:status_changed, *'),
      filter: HookFilterSchema().optional(),
      command: z.string().min(1).optional().describe('A shell command: the event is JSON on stdin and in CONCORD_* variables'),
      url: z.url().optional().describe('A webhook: the event is POSTed as JSON, signed with HMAC-SHA256'),
      secret: z.string().min(16, 'a webhook secret needs at least 16 characters').optional(),
      secret_env: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'the name of an environment variable').optional().describe('Environment variable holding the secret'),
      timeout_ms: z.number().int().positive().max(300_000).default(5_000),
      max_attempts: z.number().int().min(1).max(100).optional().describe('Default: hook_delivery.max_attempts'),
      on_hook_events: z.boolean().default(false).describe('Also receive events caused by hooks (off: no loops)'),
      enabled: z.boolean().default(true),
    })
    .superRefine((h, ctx) => {
      if ((h.command === undefined) === (h.url === undefined)) ctx.addIssue({ code: 'custom', path: [], message: 'give exactly one of command (shell) or url (webhook)' });
      if (h.url !== undefined) {
        if (!/^https?:\/\//i.test(h.url)) ctx.addIssue({ code: 'custom', path: ['url'], message: 'a webhook url starts with http:// or https://' });
        if (h.secret === undefined && h.secret_env === undefined) ctx.addIssue({ code: 'custom', path: ['secret_env'], message: 'a webhook is signed: give secret_env (or secret)' });
      }
      h.events.forEach((p, i) => {
        const problem = checkTypePattern(p);
        if (problem) ctx.addIssue({ code: 'custom', path: ['events', i], message: problem });
      });
    }),
);
export type Hook = z.infer<ReturnType<typeof HookSchema>>;

/** The hooks list: every entry checked, names compared across all, so one run reports every problem. */
export const HooksSchema = onFirstUse(() => namedList(HookSchema(), 'hooks'));

export const HookDeliverySchema = onFirstUse(() =>
  z.strictObject({
    after_write: z.boolean().default(true).describe('Each CLI command that changed something delivers due hook calls before it exits'),
    budget_ms: z.number().int().min(0).max(600_000).default(2_000).describe('How long after a write new deliveries may start'),
    max_attempts: z.number().int().min(1).max(100).default(5).describe('Attempts before a delivery is dead-lettered'),
    backoff_seconds: z.number().positive().max(86_400).default(10).describe('Wait before the 2nd attempt; doubles each time'),
    max_backoff_seconds: z.number().positive().max(604_800).default(3_600),
    concurrency: z.number().int().min(1).max(64).default(4),
  }),
);
export type HookDelivery = z.infer<ReturnType<typeof HookDeliverySchema>>;

/** Seconds to wait after failed attempt number `attempt` (1-based): exponential, capped. */
export function computeBackoffSeconds(attempt: number, policy: Pick<HookDelivery, 'backoff_seconds' | 'max_backoff_seconds'>): number {
  return Math.min(policy.max_backoff_seconds, policy.backoff_seconds * 2 ** Math.max(0, attempt - 1));
}
