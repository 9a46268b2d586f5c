// A cross-repo plan (roadmap) and its milestones.
import { z } from 'zod';
import { MilestoneStatusSchema, PlanStatusSchema } from '../enums.js';
import { IssueIdSchema, MilestoneIdSchema, PlanIdSchema, RepoNameSchema } from '../ids.js';
import { MetadataSchema, SourceIdSchema, StringListSchema, TimestampSchema } from './common.js';
import { lazySchema } from '../on-first-use.js';

export const MilestoneSchema = lazySchema(() => z.object({
  id: MilestoneIdSchema,
  name: z.string().min(1),
  description: z.string().optional(),
  due: TimestampSchema.optional(),
  status: MilestoneStatusSchema.default('pending'),
  dependencies: z.array(MilestoneIdSchema).default([]).describe('Milestones that must complete first'),
  completion_criteria: StringListSchema.default([]),
  deliverables: StringListSchema.default([]),
  source_id: SourceIdSchema.optional(),
}));
export type Milestone = z.infer<typeof MilestoneSchema>;

export const PlanSchema = lazySchema(() => z.object({
  id: PlanIdSchema,
  title: z.string().min(1),
  description: z.string().optional(),
  status: PlanStatusSchema.default('draft'),
  repos: z.array(RepoNameSchema).default([]),
  created: TimestampSchema.optional(),
  updated: TimestampSchema.optional(),
  target: TimestampSchema.optional(),
  owner: z.string().min(1).optional(),
  labels: StringListSchema.default([]),
  issues: z.array(IssueIdSchema).default([]).describe('Issues that belong to this plan'),
  depends_on: z.array(PlanIdSchema).default([]).describe('Plans that must complete first'),
  milestones: z.array(MilestoneSchema).default([]),
  source_id: SourceIdSchema.optional(),
  metadata: MetadataSchema.optional(),
}));
export type Plan = z.infer<typeof PlanSchema>;

export const PLAN_KEY_ORDER = [
  'id', 'title', 'description', 'status', 'repos', 'created', 'updated', 'target', 'owner', 'labels',
  'issues', 'depends_on', 'milestones', 'source_id', 'metadata',
];
export const MILESTONE_KEY_ORDER = [
  'id', 'name', 'description', 'due', 'status', 'dependencies', 'completion_criteria', 'deliverables', 'source_id',
];
