// The six record sections of ecosystem.yaml: where each lives, how its records are keyed, written and aliased.
import type { z } from 'zod';
import type { ValueAliasTable } from './enums.js';
import type { EntityKind } from './events.js';
import type { IdKind } from './ids.js';
import { DEPENDENCY_KEY_ORDER, DependencySchema } from './schema/dependency.js';
import { ISSUE_KEY_ORDER, IssueSchema } from './schema/issue.js';
import { MILESTONE_KEY_ORDER, MilestoneSchema, PLAN_KEY_ORDER, PlanSchema } from './schema/plan.js';
import { REPO_KEY_ORDER, RepoSchema, ROLE_KEY_ORDER, RoleSchema } from './schema/repo.js';
import { TODO_KEY_ORDER, TodoSchema } from './schema/todo.js';

export const SECTION_NAMES = ['repos', 'roles', 'issues', 'plans', 'todos', 'dependencies'] as const;
export type SectionName = (typeof SECTION_NAMES)[number];

export interface RecordSpec {
  /** Singular noun used in messages: "todo", "issue". */
  noun: string;
  schema: z.ZodObject;
  idKey: 'id' | 'name';
  idKind?: IdKind;
  /** Written key -> canonical key (`tags` -> `labels`). The canonical key wins when both are present. */
  keyAliases: Record<string, string>;
  /** Canonical enum field -> alias table for its values. */
  enumAliases: Record<string, ValueAliasTable>;
  /** Canonical field order for new records. */
  keyOrder: readonly string[];
  /** Nested record lists (plan.milestones). */
  nested?: Record<string, RecordSpec>;
}

export interface SectionSpec extends RecordSpec {
  name: SectionName;
  /** Path of the section's sequence in the document. */
  path: readonly string[];
}

const timestampAliases = { created_at: 'created', updated_at: 'updated', created_on: 'created', updated_on: 'updated' };

export const MILESTONE_SPEC: RecordSpec = {
  noun: 'milestone',
  schema: MilestoneSchema,
  idKey: 'id',
  idKind: 'milestone',
  keyAliases: { title: 'name', due_date: 'due', target: 'due', depends_on: 'dependencies', criteria: 'completion_criteria' },
  enumAliases: { status: 'milestoneStatus' },
  keyOrder: MILESTONE_KEY_ORDER,
};

export const SECTIONS: Record<SectionName, SectionSpec> = {
  repos: {
    name: 'repos',
    noun: 'repo',
    path: ['repos'],
    schema: RepoSchema,
    idKey: 'name',
    keyAliases: { remote: 'url', git_url: 'url', labels: 'tags' },
    enumAliases: {},
    keyOrder: REPO_KEY_ORDER,
  },
  roles: {
    name: 'roles',
    noun: 'role',
    path: ['roles'],
    schema: RoleSchema,
    idKey: 'name',
    keyAliases: {},
    enumAliases: {},
    keyOrder: ROLE_KEY_ORDER,
  },
  issues: {
    name: 'issues',
    noun: 'issue',
    path: ['coordination', 'issues'],
    schema: IssueSchema,
    idKey: 'id',
    idKind: 'issue',
    keyAliases: {
      ...timestampAliases,
      tags: 'labels',
      fixed_at: 'resolved_at',
      closed_at: 'resolved_at',
      dependencies: 'blocked_by',
      depends_on: 'blocked_by',
      due: 'target',
      plan_id: 'plan',
      milestone_id: 'milestone',
      files: 'affected_files',
    },
    enumAliases: { status: 'issueStatus', priority: 'priority' },
    keyOrder: ISSUE_KEY_ORDER,
  },
  plans: {
    name: 'plans',
    noun: 'plan',
    path: ['coordination', 'plans'],
    schema: PlanSchema,
    idKey: 'id',
    idKind: 'plan',
    keyAliases: { ...timestampAliases, tags: 'labels', issue_ids: 'issues', due: 'target', name: 'title' },
    enumAliases: { status: 'planStatus' },
    keyOrder: PLAN_KEY_ORDER,
    nested: { milestones: MILESTONE_SPEC },
  },
  todos: {
    name: 'todos',
    noun: 'todo',
    path: ['coordination', 'todos'],
    schema: TodoSchema,
    idKey: 'id',
    idKind: 'todo',
    keyAliases: {
      ...timestampAliases,
      title: 'task',
      tags: 'labels',
      depends_on: 'blocked_by',
      dependencies: 'blocked_by',
      issue_id: 'issue',
      plan_id: 'plan',
      milestone_id: 'milestone',
      estimate: 'estimated_hours',
      estimate_hours: 'estimated_hours',
      hours: 'estimated_hours',
      actual: 'actual_hours',
      criteria: 'acceptance_criteria',
    },
    enumAliases: { status: 'todoStatus', priority: 'priority' },
    keyOrder: TODO_KEY_ORDER,
  },
  dependencies: {
    name: 'dependencies',
    noun: 'dependency',
    path: ['coordination', 'dependencies'],
    schema: DependencySchema,
    idKey: 'id',
    idKind: 'dependency',
    keyAliases: { ...timestampAliases, constraint: 'version_constraint', version: 'version_constraint' },
    enumAliases: { type: 'dependencyType', status: 'dependencyStatus' },
    keyOrder: DEPENDENCY_KEY_ORDER,
  },
};

/** The written keys that may hold `field` of a record, canonical first. */
export function keysForField(spec: RecordSpec, field: string): string[] {
  const keys = [field];
  for (const [alias, canonical] of Object.entries(spec.keyAliases)) if (canonical === field) keys.push(alias);
  return keys;
}

/** The kind of entity the records of each section are (events and ids name kinds). */
export const KIND_OF_SECTION = { repos: 'repo', roles: 'role', issues: 'issue', plans: 'plan', todos: 'todo', dependencies: 'dependency' } as const satisfies Record<SectionName, EntityKind>;

/** The section holding an entity of each kind (a milestone lives inside its plan; jobs and activities live outside the file). */
export const SECTION_OF_KIND: Record<Exclude<EntityKind, 'job' | 'activity' | 'workflow'>, SectionName> = { repo: 'repos', role: 'roles', issue: 'issues', plan: 'plans', milestone: 'plans', todo: 'todos', dependency: 'dependencies' };
