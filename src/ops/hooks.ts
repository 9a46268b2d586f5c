// Operations on hooks: the configured hooks, their deliveries, and queueing deliveries again.
import { z } from 'zod';
import { DeliveriesInputSchema, DeliverySchema, HookInfoSchema, ReplayInputSchema } from '../core/hook-schemas.js';
import { defineOperation } from './operation.js';

const admin = () => import('../app/hooks-admin.js');

export const hookOperations = [
  defineOperation({
    id: 'hook.list',
    summary: 'the hooks of concord.yaml, with their delivery counts and problems',
    input: z.object({}),
    output: z.object({ hooks: z.array(HookInfoSchema) }),
    effect: 'read',
    run: async (ws) => (await admin()).listHooks(ws),
    http: 'GET /api/hooks',
    cli: { command: 'hooks list' },
    mcp: { tool: 'coord_list_hooks' },
  }),
  defineOperation({
    id: 'hook.deliveries',
    summary: 'deliveries of events to hooks, newest first: delivered, pending (with the next attempt), dead',
    input: DeliveriesInputSchema,
    output: z.object({ deliveries: z.array(DeliverySchema) }),
    effect: 'read',
    label: 'deliveries query',
    run: async (ws, input) => (await admin()).listDeliveries(ws, input),
    http: 'GET /api/hooks/deliveries',
    cli: { command: 'hooks deliveries' },
    mcp: { tool: 'coord_list_deliveries' },
  }),
  defineOperation({
    id: 'hook.replay',
    summary: 'deliver again: the given deliveries, or every dead one (of a hook, of an event)',
    input: ReplayInputSchema,
    output: z.object({ replayed: z.array(z.number().int()).describe('The deliveries queued again') }),
    effect: 'action',
    label: 'replay',
    run: async (ws, input) => (await admin()).replayDeliveries(ws, input),
    http: 'POST /api/hooks/deliveries/replay',
    cli: { command: 'hooks replay' },
    mcp: { tool: 'coord_replay_deliveries' },
  }),
];
