// Tool arguments as agents send them, made into what the tool's input takes: the seed's and the file's
// spellings of names (`estimate_hours`), one value where a list is expected (`status: "pending"`), and
// unknown names refused with the nearest known one (a misspelt filter must not silently match everything).
import type { z } from 'zod';
import { ConcordError, suggest } from '../core/errors.js';

export interface ToolInput {
  name: string;
  /** The input, strict: unknown names are refused. */
  schema: z.ZodObject;
  /** Other spellings of argument names -> the argument (only those naming one of the input's). */
  aliases: Readonly<Record<string, string>>;
  /** Arguments that take a list, so a single value is taken as a list of one. */
  lists: ReadonlySet<string>;
}

const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'readonly', 'catch']);

function takesList(schema: z.ZodType): boolean {
  let s = schema as unknown as { def: { type: string; innerType?: unknown } };
  while (WRAPPERS.has(s.def.type) && s.def.innerType) s = s.def.innerType as typeof s;
  return s.def.type === 'array';
}

export function toolInput(name: string, input: z.ZodObject, aliases: Readonly<Record<string, string>> = {}): ToolInput {
  const shape = input.shape as Record<string, z.ZodType>;
  const usable = Object.entries(aliases).filter(([alias, field]) => field in shape && !(alias in shape));
  const lists = new Set(Object.keys(shape).filter((k) => takesList(shape[k]!)));
  return { name, schema: input.strict(), aliases: Object.fromEntries(usable), lists };
}

type Parsed = { ok: true; data: Record<string, unknown> } | { ok: false; error: ConcordError };

export function parseArguments(tool: ToolInput, raw: Record<string, unknown> | undefined): Parsed {
  const args: Record<string, unknown> = {};
  const givenAs = new Map<string, string>();
  const wrapped = new Set<string>();
  for (const [given, value] of Object.entries(raw ?? {})) {
    const key = tool.aliases[given] ?? given;
    const first = givenAs.get(key);
    if (first !== undefined) return { ok: false, error: invalid(tool, [`${first} and ${given} are the same argument (${key}); give one of them`], undefined) };
    givenAs.set(key, given);
    if (tool.lists.has(key) && value !== null && value !== undefined && !Array.isArray(value)) {
      args[key] = [value];
      wrapped.add(key);
    } else args[key] = value;
  }
  const r = tool.schema.safeParse(args, { reportInput: true });
  if (r.success) return { ok: true, data: r.data as Record<string, unknown> };
  const known = [...Object.keys(tool.schema.shape), ...Object.keys(tool.aliases)];
  let guess: string | undefined;
  const problems = r.error.issues.map((i) => {
    // A single value taken as a list of one: name the value as it was given.
    const path = (wrapped.has(String(i.path[0])) && i.path[1] === 0 ? [i.path[0], ...i.path.slice(2)] : i.path).join('.');
    if (i.code === 'unrecognized_keys') {
      return i.keys
        .map((k) => {
          const near = suggest(k, known);
          guess ??= near ? `${near} (not ${k})` : undefined;
          return `${k}: unknown argument`;
        })
        .join('; ');
    }
    if (i.code === 'invalid_value' && typeof i.input === 'string') {
      const near = suggest(i.input, i.values.map(String));
      guess ??= near ? `${path}: ${JSON.stringify(near)}` : undefined;
    }
    return `${path || '(arguments)'}: ${i.message}`;
  });
  return { ok: false, error: invalid(tool, problems, guess) };
}

function invalid(tool: ToolInput, problems: string[], guess: string | undefined): ConcordError {
  return new ConcordError('INVALID_INPUT', `invalid arguments for ${tool.name}: ${problems.join('; ')}`, {
    hint: guess ? `did you mean ${guess}?` : `the arguments of ${tool.name} are in its inputSchema (tools/list)`,
    data: { problems },
  });
}
