// What the import parsers produce from a peer tool's files: items in a neutral shape, before Concord ids exist.
import type { Priority, TodoStatus } from '../enums.js';
import type { Note } from '../schema/common.js';

export const IMPORT_TOOLS = ['backlog', 'taskmaster', 'beads'] as const;
export type ImportTool = (typeof IMPORT_TOOLS)[number];
export const EXPORT_TOOLS = ['backlog', 'taskmaster'] as const;
export type ExportTool = (typeof EXPORT_TOOLS)[number];

/** A blocker as the source wrote it: another item of the same source, or a capability of another project (beads). */
export type SourceRef =
  | {
      source_id: string;
      /**
       * The item is not in its own folder: it may be one of another folder of the same tool, in this import
       * or imported earlier into another repo (a Backlog.md project depending on API-3 of the api repo's):
       * the id as written, and the folder it is not in, for the report when no repo (or several) has it.
       */
      outside?: { written: string; folder: string };
    }
  | { external: { project: string; capability: string }; raw: string };

/** The todo fields an import sets; each tool owns a fixed set of them (OWNED_FIELDS), the rest is left alone. */
export interface ImportedFields {
  task: string;
  description?: string | undefined;
  status: TodoStatus;
  priority: Priority;
  created?: string | undefined;
  updated?: string | undefined;
  assignee?: string | undefined;
  labels: string[];
  acceptance_criteria: string[];
  notes: Note[];
  estimated_hours?: number | undefined;
}

export interface SourceItem {
  /** `tool:id`, unique within the source: the key an import matches on. */
  source_id: string;
  /** Where it was read (`backlog/tasks/task-3 - X.md`, `tasks.json tag master task 4`), for messages. */
  where: string;
  fields: ImportedFields;
  blocked_by: SourceRef[];
  /** The item this one is a subtask of (its source_id): the parent is blocked by its subtasks. */
  parent?: string | undefined;
  /** The milestone's source_id; `null` when the source says it has none. Absent for tools without milestones. */
  milestone?: string | null | undefined;
  /** The Concord id an export wrote for a todo that had no source_id, so a re-import finds it again. */
  concord_id?: string | undefined;
  /** What the source has that Concord has no field for, kept under metadata.<tool> so an export can write it back. */
  metadata?: Record<string, unknown> | undefined;
}

export interface SourceMilestone {
  source_id: string;
  name: string;
  description?: string | undefined;
  due?: string | undefined;
  status: 'pending' | 'completed';
  /** The Concord id an export wrote for a milestone that had no source_id. */
  concord_id?: string | undefined;
}

export interface ImportProblem {
  /** File (and line) the problem is in. */
  where: string;
  /** The source id of the item, when the problem belongs to one. */
  item?: string | undefined;
  reason: string;
}

/** Everything read from one source folder. */
export interface SourceBatch {
  tool: ImportTool;
  /** The milestones of the source, as one plan per source folder (Backlog.md). */
  milestones?: { plan: { source_id: string; title: string }; list: SourceMilestone[] } | undefined;
  items: SourceItem[];
  /** Items that were not imported at all, with the reason. */
  skipped: ImportProblem[];
  /** Items imported with something left behind (an unknown status, a dependency on a missing id). */
  partial: ImportProblem[];
}

/** Which todo fields each tool owns: a re-import sets exactly these (and metadata.<tool>), nothing else. */
export const OWNED_FIELDS: Record<ImportTool, readonly (keyof ImportedFields | 'plan' | 'milestone')[]> = {
  backlog: ['task', 'description', 'status', 'priority', 'created', 'assignee', 'labels', 'acceptance_criteria', 'notes', 'plan', 'milestone'],
  taskmaster: ['task', 'description', 'status', 'priority', 'created', 'assignee', 'labels', 'acceptance_criteria'],
  beads: ['task', 'description', 'status', 'priority', 'created', 'assignee', 'labels', 'acceptance_criteria', 'notes', 'estimated_hours'],
};

/** `backlog:TASK-14` -> `backlog`. */
export function toolOfSourceId(sourceId: string): string {
  return sourceId.slice(0, Math.max(0, sourceId.indexOf(':')));
}
