// Compact JSON of the snapshot's rows: a todo or issue row as an array in field order, kept beside its record
// in the index, so the snapshot is one concatenation in SQLite and one JSON.parse, and a write re-encodes
// only the rows it touched (encoding the whole snapshot took ~50 ms of every write at 10,000 todos).
import { ISSUE_ROW_FIELDS, TODO_ROW_FIELDS } from '../core/model.js';
import type { SectionName } from '../core/sections.js';

const FIELDS: Partial<Record<SectionName, readonly string[]>> = { todos: TODO_ROW_FIELDS, issues: ISSUE_ROW_FIELDS };

/** The snapshot row of a todo or issue as JSON (the fields of its row as an array); other records are their own row. */
export function encodeRow(section: SectionName, record: Record<string, unknown>): string | null {
  const fields = FIELDS[section];
  if (!fields) return null;
  // A loop, not a map with a closure: a first index encodes every todo's row while its code is still cold.
  const row: unknown[] = new Array(fields.length);
  for (let i = 0; i < fields.length; i++) row[i] = record[fields[i]!] ?? null;
  return JSON.stringify(row);
}

/** Rows of `section` from their concatenated JSON (`[row, row, ...]`); a null field is an absent one. */
export function decodeRows<T>(section: SectionName, json: string): T[] {
  const rows = JSON.parse(json) as unknown[];
  const fields = FIELDS[section];
  if (!fields) return rows as T[];
  return (rows as unknown[][]).map((a) => {
    const o: Record<string, unknown> = {};
    for (let i = 0; i < fields.length; i++) if (a[i] !== null) o[fields[i]!] = a[i];
    return o as T;
  });
}
