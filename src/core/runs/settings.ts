// The settings of execution in concord.yaml: `pools:`, `queue:` (and `executors:`, in core/executors).
import { z } from 'zod';
import { onFirstUse } from '../on-first-use.js';
import { RetrySettingsSchema } from './retry.js';

export const SELECTORS = ['least_loaded', 'round_robin', 'affinity'] as const;
export type Selector = (typeof SELECTORS)[number];

export const LimitsSchema = onFirstUse(() =>
  z.strictObject({
    wall_seconds: z.number().positive().max(7 * 24 * 3600).default(3600).describe('Longest an attempt may run'),
    idle_seconds: z.number().positive().max(24 * 3600).default(600).describe('Longest an agent may stay silent'),
    after_result_seconds: z.number().min(0).max(3600).default(30).describe('Kill an agent this long after its result event (some hang there)'),
    turns: z.number().int().positive().optional().describe('Turn cap, counted from the event stream'),
    cost_usd: z.number().positive().optional().describe('Cost cap in USD, counted from the event stream'),
    kill_grace_seconds: z.number().min(0).max(300).default(5).describe('Between SIGTERM and SIGKILL to the process group'),
  }),
);
export type Limits = z.infer<ReturnType<typeof LimitsSchema>>;

export const PoolSchema = onFirstUse(() =>
  z.strictObject({
    name: z.string().trim().min(1).max(100),
    repos: z.array(z.string().min(1)).default(() => []).describe('Repos it serves (names or nicknames); none and no roles: every repo'),
    roles: z.array(z.string().min(1)).default(() => []).describe('Roles whose repos it serves'),
    concurrency: z.number().int().min(1).max(256).default(1).describe('Runs one worker of the pool runs at once'),
    selector: z.enum(SELECTORS).default('least_loaded').describe('Which repo a free worker serves next: least loaded, round robin, or the repo it ran last'),
    executor: z.string().min(1).default('claude').describe('The executor profile (built in or under executors:)'),
    isolation: z.enum(['worktree', 'in_place']).default('worktree').describe('A fresh git worktree per attempt, or the repo checkout itself'),
    limits: LimitsSchema().default(() => LimitsSchema().parse({})),
  }),
);
export type Pool = z.infer<ReturnType<typeof PoolSchema>>;

export const QueueSettingsSchema = onFirstUse(() =>
  z.strictObject({
    capacity: z.number().int().min(1).max(1_000_000).default(50).describe('Queued runs at most; more is refused (exit 75, HTTP 503)'),
    max_running: z.number().int().min(1).max(10_000).default(8).describe('Runs dispatched or running at once, across every pool'),
    per_repo: z.number().int().min(1).max(256).default(1).describe('Runs at once in one repo (1: strictly serial)'),
    repos: z.record(z.string(), z.number().int().min(1).max(256)).default(() => ({})).describe('per_repo for single repos'),
    heartbeat_seconds: z.number().positive().max(3600).default(10),
    lease_seconds: z.number().positive().max(24 * 3600).default(30).describe('A run whose worker stops heartbeating is reclaimed after this'),
    poll_ms: z.number().int().min(5).max(60_000).default(200).describe('How often an idle worker looks for work'),
    retry: RetrySettingsSchema.default(() => RetrySettingsSchema.parse({})),
    database_url: z.string().trim().min(1).optional().describe('PostgreSQL of the fleet (docs/fleet.md; CONCORD_DATABASE_URL, --database-url): runs, leases and jobs there instead of in state.db'),
  }),
);
export type QueueSettings = z.infer<ReturnType<typeof QueueSettingsSchema>>;

/** The pool used when concord.yaml declares none: every repo, one at a time, with claude. */
export const defaultPool = onFirstUse((): Pool => PoolSchema().parse({ name: 'default' }));
