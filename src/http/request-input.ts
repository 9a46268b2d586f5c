// An HTTP request as an operation's input: the path's parameters, then the query string (GET, DELETE) or
// the JSON body (POST, PATCH, PUT). Query values are typed by the input's JSON Schema: a list takes repeated
// parameters or a comma-separated value (`status=pending,blocked`), numbers and booleans are converted.
import type { Context } from 'hono';
import { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import { realSchema } from '../core/on-first-use.js';
import type { Operation } from '../ops/operation.js';

type Kind = 'list' | 'number' | 'boolean' | 'string';
interface JsonSchema {
  type?: string | string[];
  anyOf?: JsonSchema[];
  items?: JsonSchema;
  properties?: Record<string, JsonSchema>;
}

function kindOf(s: JsonSchema | undefined): { kind: Kind; item: Kind } {
  if (!s) return { kind: 'string', item: 'string' };
  const options = s.anyOf ?? [s];
  const list = options.find((o) => o.type === 'array');
  if (list) return { kind: 'list', item: kindOf(list.items).kind };
  const types = options.flatMap((o) => (Array.isArray(o.type) ? o.type : o.type ? [o.type] : []));
  if (types.includes('integer') || types.includes('number')) return { kind: 'number', item: 'string' };
  if (types.includes('boolean')) return { kind: 'boolean', item: 'string' };
  return { kind: 'string', item: 'string' };
}

const kinds = new WeakMap<Operation, Map<string, { kind: Kind; item: Kind }>>();

/** The kind of each input field, from the input's JSON Schema (computed once per operation). */
function fieldKinds(op: Operation): Map<string, { kind: Kind; item: Kind }> {
  let known = kinds.get(op);
  if (!known) {
    const schema = z.toJSONSchema(realSchema(op.input), { io: 'input', unrepresentable: 'any' }) as JsonSchema;
    known = new Map(Object.entries(schema.properties ?? {}).map(([k, v]) => [k, kindOf(v)]));
    kinds.set(op, known);
  }
  return known;
}

function scalar(value: string, kind: Kind): unknown {
  if (kind === 'number') return value.trim() !== '' && Number.isFinite(Number(value)) ? Number(value) : value;
  if (kind === 'boolean') return value === '' || value === 'true' || value === '1' ? true : value === 'false' || value === '0' ? false : value;
  return value;
}

/** The query string as input fields (unknown names are kept, for the strict parse to refuse them). */
export function queryInput(op: Operation, c: Context): Record<string, unknown> {
  const fields = fieldKinds(op);
  const out: Record<string, unknown> = {};
  for (const [name, values] of Object.entries(c.req.queries())) {
    const { kind, item } = fields.get(name) ?? { kind: 'string', item: 'string' };
    if (kind === 'list') out[name] = values.flatMap((v) => v.split(',')).map((v) => v.trim()).filter(Boolean).map((v) => scalar(v, item));
    else out[name] = values.length === 1 ? scalar(values[0]!, kind) : values.map((v) => scalar(v, kind));
  }
  return out;
}

/** The JSON body as an object (an empty body is `{}`). */
async function bodyInput(c: Context): Promise<Record<string, unknown>> {
  const text = await c.req.text();
  if (text.trim() === '') return {};
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (e) {
    throw new ConcordError('INVALID_INPUT', `the request body is not JSON: ${(e as Error).message}`, { hint: 'send a JSON object of the input fields, with Content-Type: application/json' });
  }
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw new ConcordError('INVALID_INPUT', 'the request body must be a JSON object of the input fields', { hint: 'e.g. {"task": "Fix the build", "repo": "api"}' });
  return body as Record<string, unknown>;
}

/** The raw input of `op` for this request; a body field that contradicts the path is refused. */
export async function requestInput(op: Operation, c: Context, method: string, params: readonly string[]): Promise<Record<string, unknown>> {
  const raw = method === 'GET' || method === 'DELETE' ? queryInput(op, c) : await bodyInput(c);
  for (const p of params) {
    const value = c.req.param(p);
    if (raw[p] !== undefined && raw[p] !== value) {
      throw new ConcordError('INVALID_INPUT', `${p} is ${JSON.stringify(value)} in the path but ${JSON.stringify(raw[p])} in the request`, { hint: `leave ${p} out of the request; the path names it` });
    }
    raw[p] = value;
  }
  return raw;
}
