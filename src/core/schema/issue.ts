// A cross-repo issue: a problem or change that spans one or more repos.
import { z } from 'zod';
import { IssueStatusSchema, PrioritySchema } from '../enums.js';
import { IssueIdSchema, ItemIdSchema, MilestoneIdSchema, PlanIdSchema, RepoNameSchema } from '../ids.js';
import { LinkSchema, MetadataSchema, StringListSchema, TimestampSchema } from './common.js';
import { lazySchema } from '../on-first-use.js';

export const IssueSchema = lazySchema(() => z.object({
  id: IssueIdSchema,
  title: z.string().min(1),
  description: z.string().optional(),
  status: IssueStatusSchema.default('pending'),
  priority: PrioritySchema.default('medium'),
  severity: z.string().min(1).optional().describe('Free text: critical, migration, bug, ...'),
  repos: z.array(RepoNameSchema).default([]),
  created: TimestampSchema.optional(),
  updated: TimestampSchema.optional(),
  target: TimestampSchema.optional().describe('Target date'),
  blocked_by: z.array(ItemIdSchema).default([]).describe('Todos or issues that must be resolved first'),
  blocking: z.array(ItemIdSchema).default([]).describe('Todos or issues waiting on this issue'),
  assignee: z.string().min(1).optional(),
  labels: StringListSchema.default([]),
  plan: PlanIdSchema.optional(),
  milestone: MilestoneIdSchema.optional(),
  resolution: z.string().optional(),
  resolved_at: TimestampSchema.optional(),
  affected_files: StringListSchema.default([]),
  links: z.array(LinkSchema).optional().describe('The Git host issue it came from, its pull/merge requests'),
  metadata: MetadataSchema.optional(),
}));
export type Issue = z.infer<typeof IssueSchema>;

export const ISSUE_KEY_ORDER = [
  'id', 'title', 'description', 'status', 'priority', 'severity', 'repos', 'created', 'updated', 'target',
  'blocked_by', 'blocking', 'assignee', 'labels', 'plan', 'milestone', 'resolution', 'resolved_at',
  'affected_files', 'links', 'metadata',
];
