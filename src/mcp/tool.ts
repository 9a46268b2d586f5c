// What an MCP tool is in Concord: zod input and output (the core's schemas), annotations, and a run
// function that calls the app layer. The server turns these into the MCP tool list and calls.
import type { z } from 'zod';
import type { Workspace } from '../app/workspace.js';

export interface ToolAnnotations {
  readOnlyHint: boolean;
  destructiveHint?: boolean;
  idempotentHint?: boolean;
  openWorldHint?: boolean;
}

export interface ToolContext {
  /** The workspace as seen by this session's actor, on the `mcp` surface. */
  ws: Workspace;
  /** Wakes the scheduler of this process when one runs (`concord serve`): what a trigger queued is planned now. */
  wake?: () => void;
}

export interface ToolDef<I extends z.ZodObject = z.ZodObject, O extends z.ZodObject = z.ZodObject> {
  name: string;
  /** For people (docs, a dashboard); tools/list leaves it out to save agents' tokens. */
  title: string;
  description: string;
  input: I;
  output: O;
  annotations: ToolAnnotations;
  /** Other spellings of argument names the tool takes (the seed's, the file's): alias -> argument. */
  aliases?: Readonly<Record<string, string>>;
  run: (ctx: ToolContext, args: z.output<I>) => Promise<z.input<O>>;
}

/** Typed constructor: the run function's argument and result types come from the schemas. */
export function defineTool<I extends z.ZodObject, O extends z.ZodObject>(def: ToolDef<I, O>): ToolDef {
  return def as unknown as ToolDef;
}

export const READ: ToolAnnotations = { readOnlyHint: true, openWorldHint: false };
export const CREATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false };
export const UPDATE: ToolAnnotations = { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false };
