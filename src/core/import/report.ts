// What an import did (or, with --dry-run, would do): records created and updated, items left out, with reasons.
import type { ImportProblem } from './model.js';

export interface ImportEntry {
  kind: 'repo' | 'plan' | 'milestone' | 'todo';
  id: string;
  source_id?: string | undefined;
  title: string;
  repo?: string | undefined;
  /** For an update: the fields that change. */
  fields?: string[] | undefined;
}

export interface ImportReport {
  created: ImportEntry[];
  updated: ImportEntry[];
  /** Imported before and the same in the source now. */
  unchanged: number;
  /** Items not imported, with the reason. */
  skipped: ImportProblem[];
  /** Items imported with something left behind, with the reason. */
  partial: ImportProblem[];
  /** Todos imported before whose item is no longer in the source: left as they are. */
  missing: ImportEntry[];
  counts: { created: number; updated: number; unchanged: number; skipped: number; partial: number; missing: number };
}

export function emptyReport(): ImportReport {
  return { created: [], updated: [], unchanged: 0, skipped: [], partial: [], missing: [], counts: { created: 0, updated: 0, unchanged: 0, skipped: 0, partial: 0, missing: 0 } };
}

export function countReport(r: ImportReport): ImportReport {
  r.counts = { created: r.created.length, updated: r.updated.length, unchanged: r.unchanged, skipped: r.skipped.length, partial: r.partial.length, missing: r.missing.length };
  return r;
}
