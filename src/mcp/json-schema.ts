// The JSON Schemas tools/list publishes, derived from the tools' zod schemas and cut to what an agent
// needs, since every client sends the list to its model on every turn (docs/mcp.md, "Token budget").
//
// A published schema may be looser than the zod schema the server parses with, never stricter: every
// result the server sends validates against it, and the server still refuses what zod refuses.
// Rejected: publishing the full conversion (22,764 tokens for 32 tools, most of it the nested fields of
// results that agents read from the results themselves), and the types of result fields (1,100 tokens for
// 45 tools, which took the list over its 8,000).
import { z } from 'zod';
import { realSchema } from '../core/on-first-use.js';

export type JsonSchema = { type: 'object'; properties?: Record<string, object>; required?: string[] };
type Json = Record<string, unknown>;

/** Value checks the server makes anyway: id regexes, length caps, bounds no real value comes near. */
const DROPPED = new Set(['$schema', 'pattern', 'minLength', 'maxLength', 'maxItems', 'maxProperties', 'propertyNames']);
const FAR = 10_000;
/** What a field of a result holds inside it: the result shows it. */
const NESTED = new Set(['properties', 'required', 'additionalProperties', 'items', 'enum']);

function lean(node: unknown, io: 'input' | 'output', depth: number): unknown {
  if (Array.isArray(node)) return node.map((n) => lean(n, io, depth));
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [key, value] of Object.entries(node as Json)) {
    if (DROPPED.has(key)) continue;
    if ((key === 'maximum' && (value as number) >= FAR) || (key === 'minimum' && (value as number) <= -FAR)) continue;
    if (key === 'exclusiveMinimum' && value === 0) continue;
    // Unknown argument names are refused by the server (which also takes the seed's spellings); results carry no undeclared field.
    if (key === 'additionalProperties' && value === false) continue;
    // `additionalProperties: {}` (any value) is what JSON Schema assumes anyway.
    if (key === 'additionalProperties' && typeof value === 'object' && value && Object.keys(value).length === 0) continue;
    if (io === 'output') {
      // Results: their fields; what is inside a row or a record, the result shows.
      if (key === 'default' || key === 'description' || key === 'minimum' || key === 'maximum') continue;
      if (depth >= 1 && NESTED.has(key)) continue;
    }
    if (key === 'properties') out[key] = Object.fromEntries(Object.entries(value as Json).map(([k, v]) => [k, lean(v, io, depth + 1)]));
    else out[key] = lean(value, io, depth);
  }
  const shaped = listForOneOrMany(nullableAsType(out));
  return io === 'input' ? listOfStrings(shaped) : shaped;
}

/** `anyOf: [X, {type: "array", items: X}]` (one value or a list) as the list: every list argument also takes one value. */
function listForOneOrMany(node: Json): Json {
  const any = node['anyOf'] as Json[] | undefined;
  if (!any || any.length !== 2 || any[1]?.['type'] !== 'array' || JSON.stringify(any[1]['items']) !== JSON.stringify(any[0])) return node;
  const { anyOf: _anyOf, ...rest } = node;
  return { ...any[1], ...rest };
}

/** `anyOf: [{type: "number", …}, {type: "null"}]` as `type: ["number", "null"]`: the same, in fewer tokens. */
function nullableAsType(node: Json): Json {
  const any = node['anyOf'] as Json[] | undefined;
  if (!any || any.length !== 2 || any[1]?.['type'] !== 'null' || typeof any[0]?.['type'] !== 'string') return node;
  const { anyOf: _anyOf, ...rest } = node;
  return { ...any[0], ...rest, type: [any[0]['type'], 'null'] };
}

/** The whole conversion of `schema`, every nested field included (tests check results against it too). */
export function fullSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const { $schema: _ignored, ...rest } = z.toJSONSchema(realSchema(schema), { io, unrepresentable: 'any' }) as Json;
  return rest as JsonSchema;
}

/** A list of plain strings as a list: the argument's name says what it lists (ids, labels, repos). */
function listOfStrings(node: Json): Json {
  if (node['type'] !== 'array' || JSON.stringify(node['items']) !== '{"type":"string"}') return node;
  const { items: _items, ...rest } = node;
  return rest;
}

/**
 * The JSON Schema of `schema` as tools/list publishes it. A result is published as the names of its fields:
 * which fields come back is what an agent plans with, their values it reads in the result itself.
 */
export function publishedSchema(schema: z.ZodType, io: 'input' | 'output'): JsonSchema {
  const published = oneObject(lean(fullSchema(schema, io), io, 0) as Json) as JsonSchema;
  if (io === 'output') return { type: 'object', properties: Object.fromEntries(Object.keys(published.properties ?? {}).map((k) => [k, {}])) };
  return published;
}

/**
 * One of several objects (a sweep's report or its dry run) as one object with the fields they all have,
 * none required: MCP wants an object, and the looser schema still fits every result.
 */
function oneObject(node: Json): Json {
  const any = node['anyOf'] as Json[] | undefined;
  if (!any || node['type'] || !any.every((n) => n['type'] === 'object')) return node;
  const [first, ...rest] = any.map((n) => (n['properties'] ?? {}) as Json);
  const shared = Object.entries(first!).filter(([k, v]) => rest.every((p) => JSON.stringify(p[k]) === JSON.stringify(v)));
  return { type: 'object', properties: Object.fromEntries(shared) };
}
