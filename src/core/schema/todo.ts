// A todo: an atomic unit of work in exactly one repo, with blocked_by / blocking edges.
import { z } from 'zod';
import { PrioritySchema, TodoStatusSchema } from '../enums.js';
import { IssueIdSchema, ItemIdSchema, MilestoneIdSchema, PlanIdSchema, RepoNameSchema, TodoIdSchema } from '../ids.js';
import { HoursSchema, LinkSchema, MetadataSchema, NoteSchema, SourceIdSchema, StringListSchema, TimestampSchema } from './common.js';
import { lazySchema } from '../on-first-use.js';

export const TodoSchema = lazySchema(() => z.object({
  id: TodoIdSchema,
  task: z.string().min(1).describe('What to do, in one line'),
  description: z.string().optional(),
  repo: RepoNameSchema.optional().describe('The repo the work happens in'),
  status: TodoStatusSchema.default('pending'),
  priority: PrioritySchema.default('medium'),
  created: TimestampSchema.optional(),
  updated: TimestampSchema.optional(),
  estimated_hours: HoursSchema.optional(),
  actual_hours: HoursSchema.optional(),
  blocked_by: z.array(ItemIdSchema).default([]).describe('Todos or issues that must be resolved first'),
  blocking: z.array(ItemIdSchema).default([]).describe('Todos or issues waiting on this todo'),
  assignee: z.string().min(1).optional(),
  labels: StringListSchema.default([]),
  acceptance_criteria: StringListSchema.default([]),
  acceptance_commands: z.array(z.string().min(1).max(2_000)).max(50).optional().describe('Commands that must pass (in the repo, without a shell) before a run counts as done'),
  plan: PlanIdSchema.optional(),
  milestone: MilestoneIdSchema.optional(),
  issue: IssueIdSchema.optional(),
  links: z.array(LinkSchema).optional().describe('Its pull/merge requests and the Git host issue it came from'),
  notes: z.array(NoteSchema).default([]).describe('Append-only context for the next session'),
  source_id: SourceIdSchema.optional(),
  metadata: MetadataSchema.optional(),
}));
export type Todo = z.infer<typeof TodoSchema>;

export const TODO_KEY_ORDER = [
  'id', 'task', 'description', 'repo', 'status', 'priority', 'created', 'updated', 'estimated_hours',
  'actual_hours', 'blocked_by', 'blocking', 'assignee', 'labels', 'acceptance_criteria', 'acceptance_commands', 'plan', 'milestone',
  'issue', 'links', 'notes', 'source_id', 'metadata',
];
