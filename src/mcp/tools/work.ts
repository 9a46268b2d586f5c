// Tools for agents at work: what to do next, and claiming it (claim, heartbeat, release).
import { z } from 'zod';
import { claimTodo, heartbeat, releaseTodo } from '../../app/claims.js';
import { ready } from '../../app/queries.js';
import { ClaimInputSchema, HeartbeatInputSchema, LeaseSchema, LeaseViewSchema, ReleaseInputSchema } from '../../core/claims.js';
import { compactReady, ReadyRowSchema } from '../compact.js';
import { defineTool, READ } from '../tool.js';

export const workTools = [
  defineTool({
    name: 'coord_ready_todos',
    title: 'Ready todos',
    description: 'Todos that can be worked on now, best first; claimed ones left out, abandoned ones (in progress, no live claim) flagged stale.',
    input: z.object({
      repo: z.string().optional().describe('Repo name or nickname'),
      role: z.string().optional().describe('Only repos with this role'),
      assignee: z.string().optional(),
      plan: z.string().optional(),
      limit: z.number().int().min(1).max(100).optional().describe('Default 10'),
    }),
    output: z.object({ items: z.array(ReadyRowSchema), total: z.number().int() }),
    annotations: READ,
    run: async ({ ws }, { limit, ...options }) => {
      const all = await ready(ws, options);
      return { items: all.slice(0, limit ?? 10).map(compactReady), total: all.length };
    },
  }),
  defineTool({
    name: 'coord_claim_todo',
    title: 'Claim a todo',
    description: 'Take a ready (or stale) todo: in_progress, you as assignee, under a lease (default 15 min). Keep the secret token it returns: renew with coord_heartbeat, pass it as claim_token to update, note or complete.',
    input: ClaimInputSchema,
    output: z.object({ claim: LeaseSchema.omit({ session: true }) }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
    run: async ({ ws }, args) => claimTodo(ws, args),
  }),
  defineTool({
    name: 'coord_heartbeat',
    title: 'Renew a claim',
    description: 'Extend the lease of your claim; fails with STALE_CLAIM if another agent took the todo over.',
    input: HeartbeatInputSchema,
    output: z.object({ claim: LeaseViewSchema }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async ({ ws }, args) => heartbeat(ws, args),
  }),
  defineTool({
    name: 'coord_release_todo',
    title: 'Release a claim',
    description: 'Give a claimed todo back without completing it (pending again), so another agent can take it.',
    input: ReleaseInputSchema,
    output: z.object({ released: z.boolean() }),
    annotations: { readOnlyHint: false, destructiveHint: false, idempotentHint: true, openWorldHint: false },
    run: async ({ ws }, args) => releaseTodo(ws, args),
  }),
];
