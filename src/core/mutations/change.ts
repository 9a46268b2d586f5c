// What a planned write changes in ecosystem.yaml, record by record, and what planners are given.
import type { Graph } from '../graph/graph.js';
import type { IdKind } from '../ids.js';
import type { Issue, Todo } from '../model.js';
import type { SectionName } from '../sections.js';
import type { InvalidRecord } from './references.js';

/** A step into a nested record: a key, or the element of a list whose `id` matches. */
export type PathSegment = string | { id: string };

export type RecordChange =
  | { op: 'create'; section: SectionName; record: Record<string, unknown> }
  | {
      op: 'update';
      section: SectionName;
      id: string;
      /** Nested record inside the item (a plan's milestone): ['milestones', { id: 'MILESTONE-1' }]. */
      path?: PathSegment[];
      /** Fields to set; `undefined` removes the field. */
      set?: Record<string, unknown>;
      /** Values appended to list fields, leaving the existing entries as written. */
      append?: Record<string, unknown[]>;
    }
  | { op: 'delete'; section: SectionName; id: string };

export interface MutationContext {
  graph: Graph;
  /** ISO time of the change. */
  now: string;
  actor: string;
  newId(kind: IdKind): string;
  /** Full records (the graph only holds query rows of todos and issues). */
  todo(id: string): Todo | undefined;
  issue(id: string): Issue | undefined;
  /** A record that is in the file under this id but invalid (so not in the graph), if there is one. */
  invalid?(section: SectionName, id: string): InvalidRecord | undefined;
}

/** The invalid todo or issue with this id, if any: what blocker edges may name. */
export function invalidWorkItem(ctx: MutationContext, id: string): InvalidRecord | undefined {
  return ctx.invalid?.('todos', id) ?? ctx.invalid?.('issues', id);
}

export interface MutationPlan {
  /** The record the caller asked about (created or changed), to return to it. */
  target: { section: SectionName; id: string; path?: PathSegment[] };
  changes: RecordChange[];
  /**
   * The changes mirror an outside source (an import): statuses follow the source's, so the transition
   * table is not applied (references and cycles still are).
   */
  mirrored?: boolean;
  /** Things the caller should know that do not stop the write (an issue closed with open todos under it). */
  warnings?: string[];
}

/** Drops undefined fields and empty lists, for new records. */
export function compact(record: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(record)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}
