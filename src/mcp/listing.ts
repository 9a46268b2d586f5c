// The tools of a tool set as tools/list gives them, and their inputs as calls parse them. Built once per
// process and set, not per session; from the bundle, the build's listing is read instead (the JSON Schemas of
// 43 tools take 0.3-0.7 s CPU to convert; scripts/bundle.mjs writes them, from this module).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { toolInput, type ToolInput } from './arguments.js';
import { publishedSchema } from './json-schema.js';
import { toolsOf } from './registry.js';
import type { ToolSet } from './tool-sets.js';
import type { ToolAnnotations, ToolDef } from './tool.js';

/**
 * The hints that differ from the spec's defaults (readOnly false, destructive true, idempotent false,
 * openWorld true), which say the same in fewer tokens; readOnlyHint is always given, clients sort by it.
 */
function annotationsOf(a: ToolAnnotations): ToolAnnotations {
  return {
    readOnlyHint: a.readOnlyHint,
    ...(!a.readOnlyHint && a.destructiveHint === false ? { destructiveHint: false } : {}),
    ...(!a.readOnlyHint && a.idempotentHint ? { idempotentHint: true } : {}),
    ...(a.openWorldHint === false ? { openWorldHint: false } : {}),
  };
}

function listed(tool: ToolDef, input: ToolInput) {
  return {
    // No title: clients show the name without one, and 32 titles cost ~230 tokens of every turn.
    name: tool.name,
    description: tool.description,
    inputSchema: publishedSchema(input.schema, 'input'),
    outputSchema: publishedSchema(tool.output, 'output'),
    annotations: annotationsOf(tool.annotations),
  };
}

export interface Listing {
  tools: () => ReturnType<typeof listed>[];
  byName: ReadonlyMap<string, { tool: ToolDef; input: ToolInput }>;
}

const listings = new Map<ToolSet, Listing>();

export function listingOf(set: ToolSet): Listing {
  const known = listings.get(set);
  if (known) return known;
  const byName = new Map(toolsOf(set).map((tool) => [tool.name, { tool, input: toolInput(tool.name, tool.input, tool.aliases) }]));
  let tools: ReturnType<typeof listed>[] | undefined;
  const listing: Listing = { byName, tools: () => (tools ??= shipped(set) ?? [...byName.values()].map(({ tool, input }) => listed(tool, input))) };
  listings.set(set, listing);
  return listing;
}

/** The file the build writes beside the bundle's parts, with every set's listing. */
export const SHIPPED_LISTING = 'tools.json';

/**
 * The listing the build computed for `set`, when this code runs from the bundle (whose folder the build
 * rewrites whole, so the file is always of the same build); undefined from dist/ or the sources.
 */
function shipped(set: ToolSet): ReturnType<typeof listed>[] | undefined {
  const here = fileURLToPath(import.meta.url);
  if (!here.endsWith('.cjs')) return undefined;
  try {
    return (JSON.parse(fs.readFileSync(path.join(path.dirname(here), SHIPPED_LISTING), 'utf8')) as Partial<Record<ToolSet, ReturnType<typeof listed>[]>>)[set];
  } catch {
    return undefined;
  }
}
