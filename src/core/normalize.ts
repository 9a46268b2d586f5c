// Written record (what a person typed, with legacy aliases) -> normalized record, with diagnostics.
import type { z } from 'zod';
import { fieldPath, type Diagnostic, type Position } from './diagnostics.js';
import { resolveEnumAlias } from './enums.js';
import { suggest } from './errors.js';
import { parseHours } from './hours.js';
import { parseOptions } from './on-first-use.js';
import { isCanonicalTime } from './schema/common.js';
import type { RecordSpec } from './sections.js';

/** Finds the position of a written path inside the record (keys as written, not canonical). */
export type Locate = (path: readonly (string | number)[]) => Position | undefined;

export interface NormalizedRecord {
  /** The normalized record, or undefined when it has errors (it is then not served). */
  record: Record<string, unknown> | undefined;
  /** Keys Concord does not know, kept as written (they also stay in the file untouched). */
  extra: Record<string, unknown> | undefined;
  diagnostics: Diagnostic[];
  /** The id (or name) as written, when there is one, for messages. */
  id: string | undefined;
}

type FieldKind = 'string' | 'number' | 'list' | 'enum' | 'record' | 'object' | 'other';

const kindCache = new WeakMap<z.ZodObject, Map<string, { kind: FieldKind; item?: FieldKind }>>();

function unwrap(t: z.ZodType): z.ZodType {
  let cur = t as z.ZodType & { _zod: { def: { innerType?: z.ZodType } } };
  while (cur._zod.def.innerType) cur = cur._zod.def.innerType as typeof cur;
  return cur;
}

function kindOf(t: z.ZodType): FieldKind {
  const type = (unwrap(t) as unknown as { _zod: { def: { type: string } } })._zod.def.type;
  switch (type) {
    case 'string':
      return 'string';
    case 'number':
      return 'number';
    case 'array':
      return 'list';
    case 'enum':
      return 'enum';
    case 'record':
      return 'record';
    case 'object':
      return 'object';
    default:
      return 'other';
  }
}

function fieldKinds(schema: z.ZodObject): Map<string, { kind: FieldKind; item?: FieldKind }> {
  let kinds = kindCache.get(schema);
  if (kinds) return kinds;
  kinds = new Map();
  for (const [key, t] of Object.entries(schema.shape as Record<string, z.ZodType>)) {
    const kind = kindOf(t);
    if (kind === 'list') {
      const element = (unwrap(t) as unknown as { _zod: { def: { element: z.ZodType } } })._zod.def.element;
      kinds.set(key, { kind, item: kindOf(element) });
    } else kinds.set(key, { kind });
  }
  kindCache.set(schema, kinds);
  return kinds;
}

const DATE_ONLY = /^\d{4}-\d{2}-\d{2}$/;
const HAS_ZONE = /(Z|[+-]\d{2}:?\d{2})$/i;

/** `2026-02-20 12:00:00+00:00`, `2026-04-15T05:22:50.662728`, Date objects -> `2026-02-20T12:00:00Z`. */
export function normalizeTimestamp(value: unknown): unknown {
  if (value instanceof Date) return isoSeconds(value.getTime());
  if (typeof value !== 'string') return value;
  // What Concord writes needs no Date round trip (it would give the same text back).
  if (isCanonicalTime(value)) return value;
  const s = value.trim();
  if (DATE_ONLY.test(s)) return s;
  let iso = s.replace(' ', 'T');
  if (!HAS_ZONE.test(iso)) iso += 'Z';
  const ms = Date.parse(iso);
  return Number.isNaN(ms) ? value : isoSeconds(ms);
}

export function isoSeconds(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

const TIMESTAMP_FIELDS = new Set(['created', 'updated', 'target', 'due', 'resolved_at', 'at']);

function coerce(
  key: string,
  value: unknown,
  kind: { kind: FieldKind; item?: FieldKind } | undefined,
  spec: RecordSpec,
): unknown {
  if (value === null || value === undefined) return undefined;
  if (!kind) return value;
  if (TIMESTAMP_FIELDS.has(key)) return normalizeTimestamp(value);
  const alias = spec.enumAliases[key];
  if (alias) return resolveEnumAlias(alias, value);
  switch (kind.kind) {
    case 'string':
      if (typeof value === 'number' || typeof value === 'boolean') return String(value);
      if (typeof value === 'string' && value.trim() === '' && key !== 'description') return undefined;
      return value;
    case 'number':
      if (typeof value === 'string') {
        const hours = parseHours(value);
        return hours ?? value;
      }
      return value;
    case 'list': {
      const list = Array.isArray(value) ? value : [value];
      // Most lists are of non-empty strings already: they are taken as they are (the schema copies them).
      if (kind.item === 'string' && !list.every((x) => typeof x === 'string' && x !== '')) {
        return list
          .filter((x) => x !== null && x !== undefined && x !== '')
          .map((x) => (typeof x === 'number' || typeof x === 'boolean' ? String(x) : x));
      }
      return list;
    }
    default:
      return value;
  }
}

/**
 * Turns one written record into its normalized form. Never throws: every problem becomes a diagnostic
 * with the field's position and a fix, and a record with an error is left out (`record: undefined`).
 */
export function normalizeRecord(spec: RecordSpec, raw: unknown, locate: Locate, basePath: (string | number)[] = []): NormalizedRecord {
  const diagnostics: Diagnostic[] = [];
  const at = (path: (string | number)[]) => {
    const pos = locate([...basePath, ...path]);
    return pos ? { line: pos.line, column: pos.column } : {};
  };
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    diagnostics.push({
      severity: 'error',
      code: 'NOT_A_MAPPING',
      message: `each ${spec.noun} must be a mapping of fields (${spec.idKey}: ..., ...), found ${describe(raw)}`,
      fix: `write the ${spec.noun} as "- ${spec.idKey}: ..." followed by its fields`,
      ...at([]),
    });
    return { record: undefined, extra: undefined, diagnostics, id: undefined };
  }
  const written = raw as Record<string, unknown>;
  const rawId = written[spec.idKey];
  const id = typeof rawId === 'string' || typeof rawId === 'number' ? String(rawId) : undefined;
  const kinds = fieldKinds(spec.schema);
  const canonical: Record<string, unknown> = {};
  const writtenKeyOf: Record<string, string> = {};
  const extra: Record<string, unknown> = {};

  // The written keys of each field; a list only when more than one sets it (rare: legacy spellings).
  const sources = new Map<string, string | string[]>();
  for (const key of Object.keys(written)) {
    const target = kinds.has(key) ? key : spec.keyAliases[key];
    if (target === undefined || !kinds.has(target)) {
      extra[key] = written[key];
      continue;
    }
    const earlier = sources.get(target);
    sources.set(target, earlier === undefined ? key : [...(typeof earlier === 'string' ? [earlier] : earlier), key]);
  }
  for (const [target, keys] of sources) {
    // The canonical spelling wins over legacy ones; the others are reported and ignored.
    const key = typeof keys === 'string' ? keys : keys.includes(target) ? target : keys[0]!;
    for (const other of typeof keys === 'string' ? [] : keys) {
      if (other === key) continue;
      diagnostics.push({
        severity: 'warning',
        code: 'ALIAS_CONFLICT',
        message: `both "${key}" and "${other}" set ${target}; "${other}" is ignored`,
        fix: `remove "${other}"`,
        field: other,
        ...at([other]),
      });
    }
    writtenKeyOf[target] = key;
    const value = written[key];
    const nestedSpec = spec.nested?.[target];
    if (nestedSpec && Array.isArray(value)) {
      const items: unknown[] = [];
      value.forEach((item, i) => {
        const n = normalizeRecord(nestedSpec, item, locate, [...basePath, key, i]);
        for (const d of n.diagnostics) diagnostics.push({ ...d, field: d.field ? `${key}[${i}].${d.field}` : `${key}[${i}]` });
        items.push(n.record);
      });
      canonical[target] = items;
    } else {
      const coerced = coerce(target, value, kinds.get(target), spec);
      if (coerced !== undefined) canonical[target] = coerced;
    }
  }

  // A nested record with an error makes its parent invalid too (its diagnostics say which one).
  const nestedBroken = Object.keys(spec.nested ?? {}).some(
    (k) => Array.isArray(canonical[k]) && (canonical[k] as unknown[]).includes(undefined),
  );
  const parsed = spec.schema.safeParse(canonical, parseOptions(spec.schema));
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const [head, ...rest] = issue.path as (string | number)[];
      if (head !== undefined && spec.nested?.[String(head)] && rest.length > 0) continue; // reported by the nested pass
      const writtenHead = head === undefined ? undefined : (writtenKeyOf[String(head)] ?? String(head));
      const path = writtenHead === undefined ? [] : [writtenHead, ...rest];
      diagnostics.push({ ...describeIssue(spec, issue, canonical, path), ...at(path) });
    }
  }
  const hasError = diagnostics.some((d) => d.severity === 'error') || nestedBroken || !parsed.success;
  const record = hasError || !parsed.success ? undefined : (parsed.data as Record<string, unknown>);
  if (record && spec.noun === 'todo' && record['repo'] === undefined) {
    diagnostics.push({
      severity: 'warning',
      code: 'MISSING_FIELD',
      message: `todo ${id ?? '?'} has no repo; it cannot be routed to a worker`,
      fix: 'add "repo: <name of a repo under repos:>"',
      field: 'repo',
      ...at([]),
    });
  }
  for (const d of diagnostics) if (id && !d.id) d.id = id;
  return { record, extra: Object.keys(extra).length ? extra : undefined, diagnostics, id };
}

function describe(v: unknown): string {
  if (v === null || v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'a list';
  return `${typeof v} ${JSON.stringify(v).slice(0, 40)}`;
}

function valueAt(obj: unknown, path: readonly PropertyKey[]): unknown {
  let cur = obj;
  for (const p of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[p];
  }
  return cur;
}

function describeIssue(spec: RecordSpec, issue: z.core.$ZodIssue, canonical: Record<string, unknown>, writtenPath: (string | number)[]): Diagnostic {
  const field = fieldPath(writtenPath);
  const value = valueAt(canonical, issue.path);
  const base = { severity: 'error' as const, field: field || undefined };
  if (issue.code === 'invalid_value' && 'values' in issue) {
    const options = issue.values.map(String);
    const guess = typeof value === 'string' ? suggest(value, options) : undefined;
    return {
      ...base,
      code: 'INVALID_FIELD',
      message: `${field} ${JSON.stringify(value)} is not a valid ${spec.noun} ${field}; use one of ${options.join(', ')}`,
      fix: guess ? `write "${guess}"` : `write one of ${options.join(', ')}`,
    };
  }
  if (issue.code === 'invalid_type' && value === undefined) {
    return {
      ...base,
      code: 'MISSING_FIELD',
      message: `${spec.noun} is missing required field "${field}"`,
      fix: `add "${field}: ..."`,
    };
  }
  if (issue.code === 'invalid_type') {
    return {
      ...base,
      code: 'INVALID_FIELD',
      message: `${field} should be ${issue.expected === 'array' ? 'a list' : `a ${issue.expected}`}, found ${describe(value)}`,
      fix: issue.expected === 'array' ? `write "${field}: [a, b]"` : `write ${field} as a ${issue.expected}`,
    };
  }
  return {
    ...base,
    code: 'INVALID_FIELD',
    message: `${field || spec.noun}: ${issue.message}${value !== undefined ? ` (found ${describe(value)})` : ''}`,
    fix: `correct ${field || 'the record'}`,
  };
}
