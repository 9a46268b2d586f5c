// Output shapes shared by several tools: blocker references and what blocks a repo.
import { z } from 'zod';
import { DependencyCompactSchema, IssueCompactSchema } from './compact.js';

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
