// Inputs of every write, as zod schemas built from the entity schemas: CLI, MCP and HTTP all parse these.
import { z } from 'zod';
import { ClaimTokenInput } from './claims.js';
import {
  DependencyStatusSchema,
  DependencyTypeSchema,
  IssueStatusSchema,
  MilestoneStatusSchema,
  PlanStatusSchema,
  PrioritySchema,
  TodoStatusSchema,
} from './enums.js';
import { IssueIdSchema, ItemIdSchema, MilestoneIdSchema, PlanIdSchema, RepoNameSchema, RoleNameSchema } from './ids.js';
import { InputLineSchema as Line, InputListSchema as StringListSchema, InputMetadataSchema as MetadataSchema, InputNoteSchema as NoteText, InputTextSchema as Text } from './limits.js';
import { HoursSchema, LinkSchema, TimestampSchema } from './schema/common.js';

const links = lazySchema(() => z.array(LinkSchema).max(50));
import { ValidationSchema } from './schema/dependency.js';
import { lazySchema } from './on-first-use.js';

const ids = lazySchema(() => z.array(ItemIdSchema));
const repos = lazySchema(() => z.array(RepoNameSchema));
/**
 * `add_<field>` and `remove_<field>`: edit a list against its current value instead of replacing it. No
 * descriptions: the names say it, and each would cost tokens in every MCP client's tool list.
 */
const EDGE_EDITS = {
  add_blocked_by: ids.optional(),
  remove_blocked_by: ids.optional(),
  add_blocking: ids.optional(),
  remove_blocking: ids.optional(),
  add_labels: StringListSchema.optional(),
  remove_labels: StringListSchema.optional(),
};
/** In an update, `null` clears an optional field. */
const clearable = <T extends z.ZodType>(t: T) => t.nullable().optional();

export const CreateTodoInputSchema = lazySchema(() => z.object({
  task: Line.trim().min(1).describe('What to do, in one line'),
  repo: RepoNameSchema.describe('Repo the work happens in'),
  description: Text.optional(),
  status: TodoStatusSchema.optional(),
  priority: PrioritySchema.optional(),
  estimated_hours: HoursSchema.optional(),
  blocked_by: ids.optional().describe('Todos or issues that must be resolved first'),
  blocking: ids.optional().describe('Todos or issues that wait on this one'),
  assignee: Line.min(1).optional(),
  labels: StringListSchema.optional(),
  acceptance_criteria: StringListSchema.optional(),
  acceptance_commands: z.array(z.string().min(1).max(2_000)).max(50).optional().describe('Commands that must pass before a run counts as done (no shell)'),
  plan: PlanIdSchema.optional(),
  milestone: MilestoneIdSchema.optional(),
  issue: IssueIdSchema.optional(),
  links: links.optional(),
  note: NoteText.trim().min(1).optional().describe('A first note: context for whoever picks the todo up'),
  metadata: MetadataSchema.optional(),
}));
export type CreateTodoInput = z.input<typeof CreateTodoInputSchema>;

export const UpdateTodoInputSchema = lazySchema(() => z.object({
  task: Line.trim().min(1).optional(),
  repo: RepoNameSchema.optional(),
  description: clearable(Text),
  status: TodoStatusSchema.optional(),
  priority: PrioritySchema.optional(),
  estimated_hours: clearable(HoursSchema),
  actual_hours: clearable(HoursSchema),
  blocked_by: ids.optional().describe('Replaces the list; the other side of each edge is kept in step'),
  blocking: ids.optional(),
  assignee: clearable(Line.min(1)),
  labels: StringListSchema.optional(),
  acceptance_criteria: StringListSchema.optional(),
  acceptance_commands: z.array(z.string().min(1).max(2_000)).max(50).optional().describe('Commands that must pass before a run counts as done (no shell)'),
  plan: clearable(PlanIdSchema),
  milestone: clearable(MilestoneIdSchema),
  issue: clearable(IssueIdSchema),
  links: links.optional(),
  metadata: clearable(MetadataSchema),
  note: NoteText.trim().min(1).optional().describe('A note appended to the todo with this change'),
  ...EDGE_EDITS,
  force: z.boolean().optional().describe('Start or complete even though blockers are unresolved'),
  claim_token: ClaimTokenInput,
}));
export type UpdateTodoInput = z.input<typeof UpdateTodoInputSchema>;

export const CompleteTodoInputSchema = lazySchema(() => z.object({
  actual_hours: HoursSchema.optional(),
  note: NoteText.min(1).optional().describe('A closing note, appended to the todo'),
  force: z.boolean().optional(),
  claim_token: ClaimTokenInput,
}));
export type CompleteTodoInput = z.input<typeof CompleteTodoInputSchema>;

export const AddNoteInputSchema = lazySchema(() => z.object({ text: NoteText.trim().min(1).describe('Context for the next session'), claim_token: ClaimTokenInput }));
export type AddNoteInput = z.input<typeof AddNoteInputSchema>;

export const CreateIssueInputSchema = lazySchema(() => z.object({
  title: Line.trim().min(1),
  description: Text.optional(),
  repos: repos.optional(),
  status: IssueStatusSchema.optional(),
  priority: PrioritySchema.optional(),
  severity: Line.min(1).optional(),
  target: TimestampSchema.optional(),
  blocked_by: ids.optional(),
  blocking: ids.optional(),
  assignee: Line.min(1).optional(),
  labels: StringListSchema.optional(),
  plan: PlanIdSchema.optional(),
  milestone: MilestoneIdSchema.optional(),
  affected_files: StringListSchema.optional(),
  links: links.optional(),
  metadata: MetadataSchema.optional(),
}));
export type CreateIssueInput = z.input<typeof CreateIssueInputSchema>;

export const UpdateIssueInputSchema = lazySchema(() => z.object({
  title: Line.trim().min(1).optional(),
  description: clearable(Text),
  repos: repos.optional(),
  status: IssueStatusSchema.optional(),
  priority: PrioritySchema.optional(),
  severity: clearable(Line.min(1)),
  target: clearable(TimestampSchema),
  blocked_by: ids.optional(),
  blocking: ids.optional(),
  assignee: clearable(Line.min(1)),
  labels: StringListSchema.optional(),
  plan: clearable(PlanIdSchema),
  milestone: clearable(MilestoneIdSchema),
  resolution: clearable(Text),
  affected_files: StringListSchema.optional(),
  links: links.optional(),
  metadata: clearable(MetadataSchema),
  ...EDGE_EDITS,
}));
export type UpdateIssueInput = z.input<typeof UpdateIssueInputSchema>;

export const CloseIssueInputSchema = lazySchema(() => z.object({
  resolution: Text.min(1).optional(),
  status: z.enum(['resolved', 'closed']).optional().describe('Default closed'),
}));
export type CloseIssueInput = z.input<typeof CloseIssueInputSchema>;

export const DeleteInputSchema = lazySchema(() => z.object({
  force: z.boolean().optional().describe('Delete it even though open work waits on it (its dependents become ready)'),
}));
export type DeleteInput = z.input<typeof DeleteInputSchema>;

export const MilestoneInputSchema = lazySchema(() => z.object({
  name: Line.trim().min(1),
  description: Text.optional(),
  due: TimestampSchema.optional(),
  status: MilestoneStatusSchema.optional(),
  dependencies: z.array(MilestoneIdSchema).optional(),
  completion_criteria: StringListSchema.optional(),
  deliverables: StringListSchema.optional(),
}));
export type MilestoneInput = z.input<typeof MilestoneInputSchema>;

export const UpdateMilestoneInputSchema = lazySchema(() => z.object({
  name: Line.trim().min(1).optional(),
  description: clearable(Text),
  due: clearable(TimestampSchema),
  status: MilestoneStatusSchema.optional(),
  dependencies: z.array(MilestoneIdSchema).optional(),
  completion_criteria: StringListSchema.optional(),
  deliverables: StringListSchema.optional(),
  force: z.boolean().optional().describe('Complete it even though some of its todos or issues are still open'),
}));
export type UpdateMilestoneInput = z.input<typeof UpdateMilestoneInputSchema>;

export const CreatePlanInputSchema = lazySchema(() => z.object({
  title: Line.trim().min(1),
  description: Text.optional(),
  status: PlanStatusSchema.optional(),
  repos: repos.optional(),
  target: TimestampSchema.optional(),
  owner: Line.min(1).optional(),
  labels: StringListSchema.optional(),
  issues: z.array(IssueIdSchema).optional(),
  depends_on: z.array(PlanIdSchema).optional(),
  milestones: z.array(MilestoneInputSchema).optional(),
  metadata: MetadataSchema.optional(),
}));
export type CreatePlanInput = z.input<typeof CreatePlanInputSchema>;

export const UpdatePlanInputSchema = lazySchema(() => z.object({
  title: Line.trim().min(1).optional(),
  description: clearable(Text),
  status: PlanStatusSchema.optional(),
  repos: repos.optional(),
  target: clearable(TimestampSchema),
  owner: clearable(Line.min(1)),
  labels: StringListSchema.optional(),
  issues: z.array(IssueIdSchema).optional(),
  depends_on: z.array(PlanIdSchema).optional(),
  metadata: clearable(MetadataSchema),
  force: z.boolean().optional().describe('Complete it even though some of its todos or issues are still open'),
}));
export type UpdatePlanInput = z.input<typeof UpdatePlanInputSchema>;

export const CreateDependencyInputSchema = lazySchema(() => z.object({
  consumer: RepoNameSchema,
  provider: RepoNameSchema,
  type: DependencyTypeSchema.optional(),
  version_constraint: Line.min(1).optional(),
  status: DependencyStatusSchema.optional(),
  notes: Text.optional(),
  validation: ValidationSchema.optional(),
  metadata: MetadataSchema.optional(),
}));
export type CreateDependencyInput = z.input<typeof CreateDependencyInputSchema>;

export const UpdateDependencyInputSchema = lazySchema(() => z.object({
  type: DependencyTypeSchema.optional(),
  version_constraint: clearable(Line.min(1)),
  status: DependencyStatusSchema.optional(),
  notes: clearable(Text),
  validation: clearable(ValidationSchema),
  metadata: clearable(MetadataSchema),
}));
export type UpdateDependencyInput = z.input<typeof UpdateDependencyInputSchema>;


/** `concord import <tool> PATH...`: folders of a peer tool, mapped into the repos they belong to. */
export const ImportInputSchema = lazySchema(() => z.object({
  tool: z.enum(['backlog', 'taskmaster', 'beads']),
  paths: z.array(z.string().min(1)).min(1).max(1000).describe('Repository folders (or the tool folders themselves), absolute or relative to the current folder'),
  repo: RepoNameSchema.optional().describe('The repo to import into (one path only); default: the repo whose path is the folder'),
  dry_run: z.boolean().optional().describe('Plan and check everything, write nothing'),
}));
export type ImportInput = z.input<typeof ImportInputSchema>;

/** `concord export <tool> --repo NAME`: one repo's todos written in a peer tool's format. */
export const ExportInputSchema = lazySchema(() => z.object({
  tool: z.enum(['backlog', 'taskmaster']),
  repo: RepoNameSchema,
  to: z.string().min(1).optional().describe("Folder to write into (default: the repo's path)"),
  tag: z.string().trim().min(1).max(100).optional().describe('Taskmaster tag for todos that did not come from Taskmaster (default master)'),
  dry_run: z.boolean().optional().describe('List the files that would be written, write nothing'),
}));
export type ExportInput = z.input<typeof ExportInputSchema>;

/** A repo of the catalog (`concord repo add`). */
export const AddRepoInputSchema = lazySchema(() => z.object({
  name: RepoNameSchema,
  path: Line.optional(),
  url: Line.optional(),
  package: Line.optional(),
  role: RoleNameSchema.optional(),
  tags: StringListSchema.optional(),
  nickname: Line.optional(),
  description: Text.optional(),
  status: Line.optional(),
}));
export type AddRepoInput = z.input<typeof AddRepoInputSchema>;

export const UpdateRepoInputSchema = lazySchema(() => z.object({
  path: clearable(Line),
  url: clearable(Line),
  package: clearable(Line),
  role: clearable(RoleNameSchema),
  tags: StringListSchema.optional(),
  nickname: clearable(Line),
  description: clearable(Text),
  status: clearable(Line),
}));
export type UpdateRepoInput = z.input<typeof UpdateRepoInputSchema>;

export const AddRoleInputSchema = lazySchema(() => z.object({
  name: RoleNameSchema,
  description: Text.optional(),
  capabilities: StringListSchema.optional(),
  duties: StringListSchema.optional(),
  tags: StringListSchema.optional(),
}));
export type AddRoleInput = z.input<typeof AddRoleInputSchema>;

export const UpdateRoleInputSchema = lazySchema(() => z.object({
  description: clearable(Text),
  capabilities: StringListSchema.optional(),
  duties: StringListSchema.optional(),
  tags: StringListSchema.optional(),
}));
export type UpdateRoleInput = z.input<typeof UpdateRoleInputSchema>;

export const RemoveCatalogInputSchema = lazySchema(() => z.object({
  force: z.boolean().optional().describe('Also drop it from the lists that name it'),
}));
export type RemoveCatalogInput = z.input<typeof RemoveCatalogInputSchema>;
