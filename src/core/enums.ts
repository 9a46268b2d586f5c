// Every enum of the model, with the legacy spellings that hand-written files use for each value.
import { z } from 'zod';
import { lazySchema } from './on-first-use.js';

export const PRIORITIES = ['critical', 'high', 'medium', 'low'] as const;
export const ISSUE_STATUSES = ['pending', 'in_progress', 'blocked', 'resolved', 'closed'] as const;
export const TODO_STATUSES = ['pending', 'in_progress', 'blocked', 'completed', 'cancelled'] as const;
export const PLAN_STATUSES = ['draft', 'active', 'on_hold', 'completed', 'cancelled'] as const;
export const MILESTONE_STATUSES = ['pending', 'in_progress', 'completed', 'cancelled'] as const;
export const DEPENDENCY_TYPES = ['runtime', 'development', 'mcp', 'test', 'documentation'] as const;
export const DEPENDENCY_STATUSES = [
  'satisfied',
  'unsatisfied',
  'unknown',
  'deprecated',
  'pending',
  'failed',
  'cancelled',
] as const;

export const PrioritySchema = lazySchema(() => z.enum(PRIORITIES));
export const IssueStatusSchema = lazySchema(() => z.enum(ISSUE_STATUSES));
export const TodoStatusSchema = lazySchema(() => z.enum(TODO_STATUSES));
export const PlanStatusSchema = lazySchema(() => z.enum(PLAN_STATUSES));
export const MilestoneStatusSchema = lazySchema(() => z.enum(MILESTONE_STATUSES));
export const DependencyTypeSchema = lazySchema(() => z.enum(DEPENDENCY_TYPES));
export const DependencyStatusSchema = lazySchema(() => z.enum(DEPENDENCY_STATUSES));

export type Priority = z.infer<typeof PrioritySchema>;
export type IssueStatus = z.infer<typeof IssueStatusSchema>;
export type TodoStatus = z.infer<typeof TodoStatusSchema>;
export type PlanStatus = z.infer<typeof PlanStatusSchema>;
export type MilestoneStatus = z.infer<typeof MilestoneStatusSchema>;
export type DependencyType = z.infer<typeof DependencyTypeSchema>;
export type DependencyStatus = z.infer<typeof DependencyStatusSchema>;

/** Rank for sorting: lower is more urgent. */
export const PRIORITY_RANK: Record<Priority, number> = { critical: 0, high: 1, medium: 2, low: 3 };

/**
 * Legacy spellings seen in hand-written and older files (the real-world fixture uses P0-P3, `fixed`,
 * `done`). Keys are compared lower-cased with `-` and spaces read as `_`.
 */
export const VALUE_ALIASES = {
  priority: { p0: 'critical', p1: 'high', p2: 'medium', p3: 'low', urgent: 'critical', normal: 'medium' },
  issueStatus: {
    open: 'pending',
    new: 'pending',
    todo: 'pending',
    wip: 'in_progress',
    active: 'in_progress',
    started: 'in_progress',
    fixed: 'resolved',
    done: 'resolved',
    completed: 'resolved',
    wontfix: 'closed',
    cancelled: 'closed',
    canceled: 'closed',
  },
  todoStatus: {
    open: 'pending',
    todo: 'pending',
    new: 'pending',
    wip: 'in_progress',
    started: 'in_progress',
    active: 'in_progress',
    done: 'completed',
    fixed: 'completed',
    resolved: 'completed',
    closed: 'completed',
    canceled: 'cancelled',
    wontfix: 'cancelled',
  },
  planStatus: {
    pending: 'draft',
    planned: 'draft',
    proposed: 'draft',
    in_progress: 'active',
    paused: 'on_hold',
    hold: 'on_hold',
    done: 'completed',
    canceled: 'cancelled',
  },
  milestoneStatus: { open: 'pending', active: 'in_progress', done: 'completed', canceled: 'cancelled' },
  dependencyType: { dev: 'development', docs: 'documentation', doc: 'documentation', testing: 'test' },
  dependencyStatus: { ok: 'satisfied', passing: 'satisfied', failing: 'failed', canceled: 'cancelled' },
} as const satisfies Record<string, Record<string, string>>;

export type ValueAliasTable = keyof typeof VALUE_ALIASES;

/** Maps a written enum value to its canonical spelling; unknown values are returned as written. */
export function resolveEnumAlias(table: ValueAliasTable, value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const known = (RESOLVED[table] ??= new Map());
  let resolved = known.get(value);
  if (resolved === undefined) {
    const key = value.trim().toLowerCase().replace(/[-\s]+/g, '_');
    const aliases: Record<string, string> = VALUE_ALIASES[table];
    resolved = aliases[key] ?? key;
    if (known.size < RESOLVED_CAP) known.set(value, resolved);
  }
  return resolved;
}

// A file spells a few enum values thousands of times (a first index): each spelling is resolved once per table.
const RESOLVED: Partial<Record<ValueAliasTable, Map<string, string>>> = {};
const RESOLVED_CAP = 1_000;

/** Statuses after which a todo or issue no longer blocks anything. */
export const RESOLVED_TODO_STATUSES: ReadonlySet<TodoStatus> = new Set(['completed', 'cancelled']);
export const RESOLVED_ISSUE_STATUSES: ReadonlySet<IssueStatus> = new Set(['resolved', 'closed']);
