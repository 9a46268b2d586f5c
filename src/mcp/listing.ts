// The tools of a tool set as tools/list gives them, and their inputs as calls parse them. Built once per
// process and set, not per session (the JSON Schemas take ~0.2 s).
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
  const listing: Listing = { byName, tools: () => (tools ??= [...byName.values()].map(({ tool, input }) => listed(tool, input))) };
  listings.set(set, listing);
  return listing;
}
