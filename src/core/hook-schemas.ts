// Inputs and outputs of hook administration: configured hooks, deliveries, replay, test firing.
import { z } from 'zod';
import { oneOrMany } from './schema/common.js';

export const DELIVERY_STATES = ['pending', 'delivering', 'delivered', 'dead'] as const;
export type DeliveryStatus = (typeof DELIVERY_STATES)[number];
const DeliveryStatesSchema = oneOrMany(z.enum(DELIVERY_STATES));

export const DeliveriesInputSchema = z.object({
  status: DeliveryStatesSchema.optional(),
  hook: z.string().min(1).optional(),
  event: z.number().int().positive().optional().describe('Deliveries of this event (its sequence number)'),
  limit: z.number().int().min(1).max(10_000).default(50),
});
export type DeliveriesInput = z.input<typeof DeliveriesInputSchema>;

export const ReplayInputSchema = z.object({
  ids: z.array(z.number().int().positive()).optional().describe('These deliveries'),
  hook: z.string().min(1).optional(),
  event: z.number().int().positive().optional(),
  status: DeliveryStatesSchema.optional().describe('Default: dead (unless ids are given)'),
});
export type ReplayInput = z.input<typeof ReplayInputSchema>;

export const DeliverySchema = z.object({
  id: z.number().int(),
  hook: z.string(),
  event: z.number().int().describe('Sequence number of the event'),
  event_type: z.string(),
  status: z.enum(DELIVERY_STATES),
  attempts: z.number().int(),
  max_attempts: z.number().int().nullable().describe('null when the hook is no longer configured'),
  next_attempt_at: z.string().nullable(),
  created_at: z.string(),
  delivered_at: z.string().nullable(),
  last_error: z.string().nullable(),
  last_status: z.number().int().nullable().describe('Exit code (shell) or HTTP status (webhook)'),
  last_duration_ms: z.number().int().nullable(),
});
export type Delivery = z.infer<typeof DeliverySchema>;

export const HookInfoSchema = z.object({
  name: z.string(),
  kind: z.enum(['shell', 'webhook']),
  target: z.string().describe('The command or URL'),
  events: z.array(z.string()),
  filter: z.object({ repo: z.array(z.string()).optional(), priority: z.array(z.string()).optional() }).optional(),
  enabled: z.boolean(),
  timeout_ms: z.number().int(),
  max_attempts: z.number().int(),
  deliveries: z.record(z.string(), z.number().int()).describe('Count per status'),
  problems: z.array(z.string()),
});

export const HookOutcomeSchema = z.object({
  hook: z.string(),
  ok: z.boolean(),
  status: z.number().int().nullable(),
  duration_ms: z.number().int(),
  error: z.string().optional(),
  output: z.string().optional(),
});
export type HookOutcome = z.infer<typeof HookOutcomeSchema>;

export const DrainSummarySchema = z.object({
  attempted: z.number().int(),
  delivered: z.number().int(),
  retrying: z.number().int(),
  dead: z.number().int(),
  outcomes: z.array(HookOutcomeSchema.extend({ delivery: z.number().int(), event: z.number().int(), attempt: z.number().int() })),
});
export type DrainSummary = z.infer<typeof DrainSummarySchema>;

export const FireTestInputSchema = z.object({
  event: z.string().trim().min(1).describe('The event type to fire a sample of, e.g. todo:status_changed'),
  hook: z.string().min(1).optional().describe('Only this hook (default: every enabled hook subscribed to the type)'),
});
export type FireTestInput = z.input<typeof FireTestInputSchema>;

export const FireTestSchema = z.object({
  event: z.record(z.string(), z.unknown()).describe('The sample event that was sent'),
  outcomes: z.array(HookOutcomeSchema),
});
