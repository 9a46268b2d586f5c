// The written form of ecosystem.yaml (what a person may type), derived from the normalized schemas and
// the alias tables, for the published JSON Schema that editors use to complete and check the file.
import { z } from 'zod';
import { VALUE_ALIASES } from '../enums.js';
import { type RecordSpec, SECTIONS } from '../sections.js';
import { lazySchema, realSchema } from '../on-first-use.js';

type Def = { type: string; innerType?: z.ZodType; element?: z.ZodType; options?: readonly string[]; entries?: Record<string, string> };
const def = (t: z.ZodType) => (t as unknown as { _zod: { def: Def } })._zod.def;

function unwrap(t: z.ZodType): { inner: z.ZodType; optional: boolean } {
  let cur = t;
  let optional = false;
  while (def(cur).innerType) {
    if (def(cur).type === 'optional' || def(cur).type === 'default') optional = true;
    cur = def(cur).innerType!;
  }
  return { inner: cur, optional };
}

const TIME_FIELDS = new Set(['created', 'updated', 'target', 'due', 'resolved_at']);

function writtenField(spec: RecordSpec, key: string, t: z.ZodType): z.ZodType {
  const { inner } = unwrap(t);
  const description = t.description ?? inner.description;
  const d = def(inner);
  let out: z.ZodType;
  const aliasTable = spec.enumAliases[key];
  if (d.type === 'enum' && aliasTable) {
    const canonical = Object.values(d.entries ?? {});
    // Values are read case-insensitively; list the spellings people write (p0 and P0).
    const keys = Object.keys(VALUE_ALIASES[aliasTable]).filter((k) => !canonical.includes(k));
    const legacy = [...new Set(keys.flatMap((k) => [k, k.toUpperCase()]))];
    out = z.union([z.enum(canonical as [string, ...string[]]), z.enum(legacy as [string, ...string[]]).describe('Legacy spelling, read as its canonical value')]);
  } else if (TIME_FIELDS.has(key)) {
    out = z.string().describe('A date (2026-01-31) or a time (2026-01-31T09:30:00Z, 2026-01-31 09:30:00+00:00)');
  } else if (d.type === 'number') {
    out = z.union([z.number(), z.string()]).describe('Hours, or a duration such as 3d, 2h, 90m');
  } else if (spec.nested?.[key]) {
    out = z.array(writtenRecord(spec.nested[key]!));
  } else {
    out = inner;
  }
  // `null` reads as "not set" (PyYAML writes `assignee: null`).
  return (description ? out.describe(description) : out).nullable().optional();
}

/** A written record: canonical fields, their legacy spellings, and any other key (kept as written). */
export function writtenRecord(spec: RecordSpec): z.ZodType {
  const shape: Record<string, z.ZodType> = {};
  const required = new Set<string>();
  for (const [key, t] of Object.entries(spec.schema.shape as Record<string, z.ZodType>)) {
    const field = writtenField(spec, key, t);
    // Only the id (or name) is required for editors: other required fields have legacy spellings.
    shape[key] = key === spec.idKey ? (((field as z.ZodOptional<z.ZodType>).unwrap() as z.ZodNullable<z.ZodType>).unwrap() as z.ZodType) : field;
    if (!unwrap(t).optional) required.add(key);
  }
  for (const [alias, canonical] of Object.entries(spec.keyAliases)) {
    if (shape[alias]) continue;
    const base = spec.schema.shape[canonical] as z.ZodType | undefined;
    if (base) shape[alias] = writtenField(spec, canonical, base).describe(`Legacy spelling of ${canonical}`);
  }
  const obj = z.looseObject(shape);
  return obj.describe(`A ${spec.noun}; requires ${[...required].join(', ')}`);
}

export const WrittenEcosystemSchema = lazySchema(() => z
  .looseObject({
    version: z.union([z.string(), z.number()]).optional(),
    last_updated: z.string().optional(),
    maintainer: z.string().optional(),
    description: z.string().optional(),
    repos: z.array(writtenRecord(SECTIONS.repos)).optional().describe('The catalog of repos'),
    roles: z.array(writtenRecord(SECTIONS.roles)).optional().describe('Roles repos play'),
    coordination: z
      .looseObject({
        issues: z.array(writtenRecord(SECTIONS.issues)).optional(),
        plans: z.array(writtenRecord(SECTIONS.plans)).optional(),
        todos: z.array(writtenRecord(SECTIONS.todos)).optional(),
        dependencies: z.array(writtenRecord(SECTIONS.dependencies)).optional(),
      })
      .optional(),
  })
  .describe('Concord ecosystem.yaml: repos, roles and coordination (issues, plans, todos, dependencies)'));

/** The JSON Schema published as schema/ecosystem.schema.json. */
export function ecosystemJsonSchema(): Record<string, unknown> {
  const schema = z.toJSONSchema(realSchema(WrittenEcosystemSchema), { io: 'input', unrepresentable: 'any' }) as Record<string, unknown>;
  return { $id: 'https://concord.dev/schema/ecosystem.schema.json', title: 'Concord ecosystem.yaml', ...schema };
}

