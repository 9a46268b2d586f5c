// A problem found in ecosystem.yaml or concord.yaml: where it is, what is wrong, how to fix it.
import { z } from 'zod';
import { lazySchema } from './on-first-use.js';

export const DiagnosticSchema = lazySchema(() => z.object({
  severity: z.enum(['error', 'warning']),
  /** SCREAMING_SNAKE: YAML_SYNTAX, INVALID_FIELD, MISSING_FIELD, DUPLICATE_ID, UNKNOWN_REFERENCE, ... */
  code: z.string(),
  message: z.string(),
  fix: z.string().optional(),
  file: z.string().optional(),
  line: z.number().int().positive().optional(),
  column: z.number().int().positive().optional(),
  section: z.string().optional(),
  id: z.string().optional(),
  /** Path of the field inside the record, as written: `status`, `milestones[1].due`. */
  field: z.string().optional(),
}));
export type Diagnostic = z.infer<typeof DiagnosticSchema>;

export interface Position {
  line: number;
  column: number;
}

/** `file:line:col: error CODE section id field: message (fix)` — the one-line form used by lint. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = [d.file, d.line, d.column].filter((x) => x !== undefined).join(':');
  const what = [d.id, d.field].filter(Boolean).join(' ');
  const head = `${where ? where + ': ' : ''}${d.severity} ${d.code}${what ? ` [${what}]` : ''}: ${d.message}`;
  return d.fix ? `${head}\n    fix: ${d.fix}` : head;
}

export function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const p of path) {
    if (typeof p === 'number') out += `[${p}]`;
    else out += out ? `.${String(p)}` : String(p);
  }
  return out;
}
