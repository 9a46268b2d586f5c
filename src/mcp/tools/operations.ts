// MCP tools made from the operation manifest (src/ops) for the operations no hand-written tool serves:
// the same input, the operation's answer as the result (a list as `items`), its failure as an error result.
// The hand-written tools (the other files here) shape answers for agents (compact rows, cursors); these
// answer what HTTP and the CLI's --json answer.
import { z } from 'zod';
import { OPERATIONS } from '../../ops/index.js';
import { answerOf, type Effect, type Operation } from '../../ops/operation.js';
import { CREATE, defineTool, READ, type ToolAnnotations, type ToolDef, UPDATE } from '../tool.js';

const ANNOTATIONS: Record<Effect, ToolAnnotations> = {
  read: READ,
  create: CREATE,
  update: UPDATE,
  delete: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  action: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
};

/** The tool of `op`: structured content is an object, so an answer that is a list comes as `{ items }`. */
export function operationTool(op: Operation): ToolDef {
  const isObject = op.output instanceof z.ZodObject;
  const output = isObject ? (op.output as z.ZodObject) : z.object({ items: op.output });
  return defineTool({
    name: op.mcp.tool,
    title: op.summary,
    // Capitalised and ended: the summary is also a CLI description ("jobs, their triggers, ...").
    description: `${op.summary.charAt(0).toUpperCase()}${op.summary.slice(1)}${op.summary.endsWith('.') ? '' : '.'}`,
    input: op.input,
    output,
    annotations: ANNOTATIONS[op.effect],
    run: async ({ ws, wake }, args) => {
      const answer = answerOf(op, await op.run(ws, args, wake ? { wake } : {}), args);
      const failed = op.failure?.(answer as never);
      if (failed) throw failed;
      return (isObject ? answer : { items: answer }) as never;
    },
  });
}

/** Tools for the operations that `served` (the hand-written tools' names) does not cover. */
export function operationTools(served: ReadonlySet<string>): ToolDef[] {
  return OPERATIONS.filter((op) => !served.has(op.mcp.tool)).map(operationTool);
}
