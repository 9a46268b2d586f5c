// MCP tools made from operations of the manifest (src/ops): the tool's name, input and output come from the
// operation's declaration, its annotations from the operation's effect, its answer from the operation's
// run (shaped compact where the operation says how). Families move here from hand-written tools/*.ts.
import type { ZodObject, ZodType } from 'zod';
import { answerOf, type Effect, type Operation } from '../ops/operation.js';
import { CREATE, READ, type ToolAnnotations, type ToolDef, UPDATE } from './tool.js';

const ANNOTATIONS: Record<Effect, ToolAnnotations> = {
  read: READ,
  create: CREATE,
  update: UPDATE,
  delete: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  action: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
};

/** The tool of `op` (which must have one: `mcp` in its declaration). */
export function toolOf(op: Operation): ToolDef {
  const mcp = op.mcp;
  if (!mcp) throw new Error(`operation ${op.id} has no MCP tool`);
  const compact = mcp.compact;
  return {
    name: mcp.tool,
    title: op.summary,
    description: mcp.description ?? `${op.summary[0]!.toUpperCase()}${op.summary.slice(1)}.`,
    input: op.input,
    output: (compact?.output ?? op.output) as ZodObject | ZodType as ZodObject,
    annotations: ANNOTATIONS[op.effect],
    run: async ({ ws }, args) => {
      const answer = answerOf(op, await op.run(ws, args, {}), args);
      const failed = op.failure?.(answer as never);
      if (failed) throw failed;
      return (compact ? compact.shape(answer as never) : answer) as Record<string, unknown>;
    },
  };
}

/** The tools of the operations that have one. */
export const toolsOf = (ops: readonly Operation[]): ToolDef[] => ops.filter((op) => op.mcp).map(toolOf);
