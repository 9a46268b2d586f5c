// MCP tools made from operations of the manifest (src/ops): the tool's name, input and output come from the
// operation's declaration, its annotations from the operation's effect, its answer from the operation's run
// (shaped compact where the operation says how; a list as `{ items }`, since structured content is an object).
// The run family is served this way in the default set; `--tools all` adds a tool for every other operation
// that no hand-written tool (tools/*.ts: compact rows, cursors) serves.
import { z } from 'zod';
import { OPERATIONS } from '../ops/index.js';
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
  const isList = op.output instanceof z.ZodArray;
  const output = compact?.output ?? (isList ? z.object({ items: op.output }) : (op.output as z.ZodObject));
  // Capitalised and ended: the summary is also a CLI description ("jobs, their triggers, ...").
  const summary = `${op.summary[0]!.toUpperCase()}${op.summary.slice(1)}${op.summary.endsWith('.') ? '' : '.'}`;
  return {
    name: mcp.tool,
    title: op.summary,
    description: mcp.description ?? summary,
    input: op.input,
    output,
    annotations: ANNOTATIONS[op.effect],
    run: async ({ ws, wake }, args) => {
      const answer = answerOf(op, await op.run(ws, args, wake ? { wake } : {}), args);
      const failed = op.failure?.(answer as never);
      if (failed) throw failed;
      return (compact ? compact.shape(answer as never) : isList ? { items: answer } : answer) as Record<string, unknown>;
    },
  } as ToolDef;
}

/** The tools of the operations that have one. */
export const toolsOf = (ops: readonly Operation[]): ToolDef[] => ops.filter((op) => op.mcp).map(toolOf);

/** Tools for the operations of the manifest that `served` (the names of the default set's tools) does not cover. */
export const operationTools = (served: ReadonlySet<string>): ToolDef[] => toolsOf(OPERATIONS.filter((op) => !served.has(op.mcp?.tool ?? '')));
