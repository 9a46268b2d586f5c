// Taking the best ready todo in one call (the execution operations' tools come from src/ops/runs.ts).
import { z } from 'zod';
import { claimNext } from '../../app/runs/claim-next.js';
import { LeaseSchema } from '../../core/claims.js';
import { ClaimNextInputSchema } from '../../core/runs/inputs.js';
import { compactTodo, TodoCompactSchema } from '../compact.js';
import { defineTool } from '../tool.js';

const WRITE = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false } as const;

export const runTools = [
  defineTool({
    name: 'coord_claim_next',
    title: 'Claim the next todo',
    description: 'Claim the best ready todo (for a repo or role) in one call: in_progress, you as assignee. No claim: none ready.',
    input: ClaimNextInputSchema,
    output: z.object({ claim: LeaseSchema.omit({ session: true }).optional(), todo: TodoCompactSchema.optional(), ready: z.number().int() }),
    annotations: WRITE,
    run: async ({ ws }, args) => {
      const r = await claimNext(ws, args);
      return { ...(r.claim ? { claim: r.claim } : {}), ...(r.todo ? { todo: compactTodo(r.todo) } : {}), ready: r.ready };
    },
  }),
];
