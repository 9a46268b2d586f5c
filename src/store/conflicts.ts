// Unresolved merge conflicts in ecosystem.yaml: the `<<<<<<<` / `=======` / `>>>>>>>` blocks git leaves.
//
// A conflicted file holds both sides of every conflicting hunk, so no reading of it can be trusted: parsed
// as YAML it gives a dozen unrelated syntax errors, and what it does parse may be either side. Concord names
// each conflict instead, and refuses to read or write the file until it is resolved.
import type { Diagnostic } from '../core/diagnostics.js';
import { ConcordError } from '../core/errors.js';
import { hint, op } from '../core/hints.js';

export interface MergeConflict {
  /** 1-based lines of `<<<<<<<`, the `=======` separator(s), and `>>>>>>>` (undefined if missing). */
  start: number;
  separator?: number;
  end?: number;
}

const MARKER = /^(<{7}|={7}|>{7}|\|{7})(?:[ \t].*)?\r?$/;

/** Cheap test first: files without a marker at the start of a line pay one search per marker kind. */
const mayHaveMarkers = (text: string) => text.startsWith('<<<<<<<') || text.includes('\n<<<<<<<') || text.includes('\n>>>>>>>');

export function findMergeConflicts(text: string): MergeConflict[] {
  if (!mayHaveMarkers(text)) return [];
  const conflicts: MergeConflict[] = [];
  let open: MergeConflict | undefined;
  text.split('\n').forEach((line, i) => {
    const m = MARKER.exec(line);
    if (!m) return;
    const kind = m[1]![0];
    if (kind === '<') {
      open = { start: i + 1 };
      conflicts.push(open);
    } else if (kind === '=' && open) open.separator ??= i + 1;
    else if (kind === '>') {
      if (open) open.end = i + 1;
      else conflicts.push({ start: i + 1, end: i + 1 });
      open = undefined;
    }
  });
  return conflicts;
}

/** One line a person reads: `lines 12-20 (<<<<<<< at 12, ======= at 15, >>>>>>> at 20)`. */
export function describeConflict(c: MergeConflict): string {
  const marks = [`<<<<<<< at ${c.start}`, ...(c.separator ? [`======= at ${c.separator}`] : []), c.end ? `>>>>>>> at ${c.end}` : 'no >>>>>>> after it'];
  return `lines ${c.start}-${c.end ?? '?'} (${marks.join(', ')})`;
}

export function conflictDiagnostics(conflicts: readonly MergeConflict[]): Diagnostic[] {
  return conflicts.map((c) => ({
    severity: 'error',
    code: 'MERGE_CONFLICT',
    message: `unresolved merge conflict, ${describeConflict(c)}; nothing in the file is read until it is resolved`,
    fix: 'keep the lines you want from both sides, delete the marker lines, then lint the file again',
    line: c.start,
    column: 1,
  }));
}

/** Throws MERGE_CONFLICT when `text` (of `file`) has conflict markers: callers read or write nothing then. */
export function refuseConflicted(file: string, text: string): void {
  const conflicts = findMergeConflicts(text);
  if (conflicts.length === 0) return;
  const more = conflicts.length > 1 ? ` and ${conflicts.length - 1} more` : '';
  throw new ConcordError('MERGE_CONFLICT', `${file} has an unresolved merge conflict at ${describeConflict(conflicts[0]!)}${more}; Concord reads and writes nothing in it until it is resolved`, {
    hint: hint`keep the lines you want from both sides, delete the marker lines, then run ${op('lint')} (it lists every conflict)`,
    data: { conflicts },
  });
}
