// MCP tools made from operations of the manifest (src/ops): the tool's name, input and output come from the
// operation's declaration, its annotations from the operation's effect, its answer from the operation's run
// (shaped compact where the operation says how; a list as `{ items }`, since structured content is an object).
// Operations that name one tool (each with its `kind`: coord_delete) are one tool that takes `kind`.
// The run family, the catalog's writes and the deletes are served this way in the default set; `--tools all`
// adds a tool for every other operation that no hand-written tool (tools/*.ts: compact rows, cursors) serves.
import { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import { OPERATIONS } from '../ops/index.js';
import { answerOf, type Effect, type Operation } from '../ops/operation.js';
import { CREATE, READ, type ToolAnnotations, type ToolContext, type ToolDef, UPDATE } from './tool.js';

const ANNOTATIONS: Record<Effect, ToolAnnotations> = {
  read: READ,
  create: CREATE,
  update: UPDATE,
  delete: { readOnlyHint: false, destructiveHint: true, idempotentHint: true, openWorldHint: false },
  action: { readOnlyHint: false, destructiveHint: false, idempotentHint: false, openWorldHint: false },
};

const outputOf = (op: Operation): z.ZodObject => op.mcp?.compact?.output ?? (op.output instanceof z.ZodArray ? z.object({ items: op.output }) : (op.output as z.ZodObject));

/** Runs `op` for a tool call: its answer, shaped as its tool's output says. */
async function answer(op: Operation, { ws, wake }: ToolContext, args: Record<string, unknown>): Promise<Record<string, unknown>> {
  const compact = op.mcp?.compact;
  const result = answerOf(op, await op.run(ws, args, wake ? { wake } : {}), args);
  const failed = op.failure?.(result as never);
  if (failed) throw failed;
  return (compact ? compact.shape(result as never) : op.output instanceof z.ZodArray ? { items: result } : result) as Record<string, unknown>;
}

// Capitalised and ended: the summary is also a CLI description ("jobs, their triggers, ...").
const sentence = (summary: string) => `${summary[0]!.toUpperCase()}${summary.slice(1)}${summary.endsWith('.') ? '' : '.'}`;

/** The tool of `op` (which must have one: `mcp` in its declaration). */
export function toolOf(op: Operation): ToolDef {
  const mcp = op.mcp;
  if (!mcp) throw new Error(`operation ${op.id} has no MCP tool`);
  return {
    name: mcp.tool,
    title: op.summary,
    description: mcp.description ?? sentence(op.summary),
    input: op.input,
    output: outputOf(op),
    annotations: ANNOTATIONS[op.effect],
    ...(mcp.aliases ? { aliases: mcp.aliases } : {}),
    run: (ctx, args) => answer(op, ctx, args),
  } as ToolDef;
}

/**
 * One tool for operations that name it, each with its `kind` (coord_delete): the input is `kind` and the
 * arguments of the operations (an argument only some take is refused for the others), the output their one
 * schema, the description the first one's.
 */
export function sharedToolOf(ops: readonly Operation[]): ToolDef {
  const name = ops[0]!.mcp!.tool;
  const byKind = new Map<string, Operation>();
  for (const op of ops) {
    const kind = op.mcp?.kind;
    if (!kind || op.mcp?.tool !== name) throw new Error(`operation ${op.id} shares tool ${name} without a kind`);
    if (op.effect !== ops[0]!.effect || outputOf(op) !== outputOf(ops[0]!)) throw new Error(`operation ${op.id} does not answer as the other operations of ${name} do`);
    byKind.set(kind, op);
  }
  const kinds = [...byKind.keys()] as [string, ...string[]];
  // An argument every operation takes keeps its declaration, one that only some take is optional; its
  // description stays when they all give the same one ("The todo, e.g. TODO-001" is not about a plan).
  const shape: Record<string, z.ZodType> = {};
  for (const op of ops) {
    for (const [key, t] of Object.entries(op.input.shape as Record<string, z.ZodType>)) {
      if (key in shape) continue;
      const all = ops.every((o) => key in o.input.shape);
      const agreed = ops.every((o) => !(key in o.input.shape) || (o.input.shape as Record<string, z.ZodType>)[key]!.description === t.description);
      const declared = agreed ? t : t.describe(undefined as unknown as string);
      shape[key] = all ? declared : declared.optional();
    }
  }
  const first = ops[0]!;
  return {
    name,
    title: first.summary,
    description: first.mcp!.description ?? sentence(first.summary),
    input: z.object({ kind: z.enum(kinds), ...shape }),
    output: outputOf(first),
    annotations: ANNOTATIONS[first.effect],
    run: (ctx, { kind, ...args }: Record<string, unknown>) => {
      const op = byKind.get(String(kind))!;
      const foreign = Object.keys(args).filter((k) => !(k in op.input.shape) && args[k] !== undefined);
      if (foreign.length) {
        throw new ConcordError('INVALID_INPUT', `invalid arguments for ${name}: ${foreign.map((k) => `${k}: a ${kind} does not take it`).join('; ')}`, {
          hint: `leave ${foreign.join(', ')} out for kind ${kind}`,
          data: { problems: foreign.map((k) => `${k}: not an argument of kind ${kind}`) },
        });
      }
      return answer(op, ctx, args);
    },
  } as ToolDef;
}

/** The tools of the operations that have one: operations that name the same tool are one tool. */
export function toolsOf(ops: readonly Operation[]): ToolDef[] {
  const byName = new Map<string, Operation[]>();
  for (const op of ops) if (op.mcp) byName.set(op.mcp.tool, [...(byName.get(op.mcp.tool) ?? []), op]);
  return [...byName.values()].map((group) => (group.length === 1 && !group[0]!.mcp!.kind ? toolOf(group[0]!) : sharedToolOf(group)));
}

/** Tools for the operations of the manifest that `served` (the names of the default set's tools) does not cover. */
export const operationTools = (served: ReadonlySet<string>): ToolDef[] => toolsOf(OPERATIONS.filter((op) => !served.has(op.mcp?.tool ?? '')));
