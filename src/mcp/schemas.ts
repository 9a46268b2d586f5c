// Output shapes shared by several tools (blocker references, claims, status parts).
import { z } from 'zod';
import { ClaimSchema } from '../core/claims.js';
import { DependencyCompactSchema, IssueCompactSchema, PlanCompactSchema, TodoCompactSchema } from './compact.js';

export const BlockerRefSchema = z.object({
  id: z.string(),
  kind: z.enum(['todo', 'issue', 'missing']),
  title: z.string().optional(),
  status: z.string().optional(),
  repos: z.array(z.string()),
});

export const RepoBlockingSchema = z.object({
  repo: z.string(),
  issues: z.array(IssueCompactSchema).describe('Open issues naming the repo'),
  blockers: z.array(BlockerRefSchema.extend({ blocks: z.array(z.string()) })).describe("Unresolved blockers of the repo's todos"),
  dependencies: z.array(DependencyCompactSchema).describe('Unmet dependencies where the repo is the consumer'),
});

export const ReadyRowSchema = TodoCompactSchema.extend({
  unblocks: z.number().int().describe('Unresolved items waiting directly on this todo'),
  chain_hours: z.number().describe('Remaining hours of the longest chain this todo starts'),
});

export { ClaimSchema, DependencyCompactSchema, IssueCompactSchema, PlanCompactSchema, TodoCompactSchema };
