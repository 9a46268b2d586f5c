// Records that are in ecosystem.yaml but invalid: found by id, so answers say "invalid at line N", not "not found".
import fs from 'node:fs';
import { type InvalidRecord, invalidRecordError } from '../core/mutations/references.js';
import type { SectionName } from '../core/sections.js';
import { scanLayout } from '../store/scan.js';
import type { Workspace } from './workspace.js';

/** The record with this id if it is in the file but invalid: its line and its errors, lines counted in the file. */
export function invalidRecord(ws: Workspace, text: string, section: SectionName, id: string): InvalidRecord | undefined {
  const item = ws.index.item(section, id);
  if (!item || item.record || item.duplicate) return undefined;
  const errors = item.diagnostics.filter((d) => d.severity === 'error');
  if (!errors.length) return undefined;
  const first = scanLayout(text).sections[section]?.chunks[item.ordinal]?.line;
  const at = (line: number | undefined) => (line !== undefined && first !== undefined ? first + line - 1 : undefined);
  return {
    section,
    id,
    ...(first !== undefined ? { line: first } : {}),
    problems: errors.map((d) => ({ ...(d.field ? { field: d.field } : {}), message: d.message, ...(d.fix ? { fix: d.fix } : {}), ...(at(d.line) ? { line: at(d.line) } : {}) })),
  };
}

/** For a read that did not find `id`: the "invalid at line N" error when the file has it invalid, else `notFound`. */
export function missingRecordError(ws: Workspace, section: SectionName, id: string, notFound: () => Error): Error {
  const bad = invalidRecord(ws, fs.readFileSync(ws.file, 'utf8'), section, id);
  return bad ? invalidRecordError(bad) : notFound();
}
