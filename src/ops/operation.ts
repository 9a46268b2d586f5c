// What an operation of Concord is: one declaration (input, output, the app function, its CLI command, MCP
// tool and HTTP route) from which every surface is generated (docs/api.md).
//
// Glossary: an *operation* is one thing a caller can ask of a workspace (list todos, claim one, trigger a
// job), named `noun.verb` (`todo.list`); its *input* is a zod object, the one declaration of its arguments
// (the CLI's options, the MCP tool's inputSchema and the HTTP query or body are derived from it); its
// *result* is what the app function returns, its *answer* what the surfaces send (CLI --json, the HTTP
// body), described by its *output* schema. Surfaces may shape it (MCP sends compact rows), never change
// what it means.
import type { z } from 'zod';
import type { Workspace } from '../app/workspace.js';
import type { ConcordError } from '../core/errors.js';

/**
 * What an operation does to the workspace: the HTTP status, MCP annotations and CLI conventions follow.
 * `create` makes something new (not idempotent), `update` sets state (idempotent), `action` does something
 * that is neither (claim, trigger, check).
 */
export type Effect = 'read' | 'create' | 'update' | 'delete' | 'action';

export const HTTP_METHODS = ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];
/** `GET /api/todos/{id}`: the method and the path, its `{params}` fields of the input. */
export type HttpRoute = `${HttpMethod} /api/${string}`;

/** What a surface hands an operation besides its input. */
export interface OperationContext {
  /** Aborted when the caller goes away (Ctrl-C, an HTTP client that disconnects). */
  signal?: AbortSignal;
  /** Wakes the scheduler of this process, when one runs (`concord serve`): queued work is planned now. */
  wake?: () => void;
  /** Long operations report how far they are (the CLI draws a status line on a terminal). */
  progress?: (done: number, total: number) => void;
}

/** The command line of an operation (the CLI is generated from it family by family; docs/cli.md). */
export interface CliSpec {
  /** The words that run it: `todo list`, `ready`. */
  command: string;
  /** Other commands that run it, listed in the help too (the seed's `blocking` for `repo blocking`). */
  also?: readonly string[];
}

/** The MCP tool of an operation (src/mcp/operation-tool.ts makes it). */
export interface McpSpec {
  tool: string;
  /** What agents read in tools/list when the summary is not enough (every word costs tokens of every turn). */
  description?: string;
  /** The answer as agents get it, when that is more compact than the answer (rows instead of records). */
  compact?: { output: z.ZodObject; shape: (answer: never) => unknown };
  /** Other spellings of argument names the tool takes (the file's: SECTIONS.x.keyAliases). */
  aliases?: Readonly<Record<string, string>>;
  /**
   * Operations that name the same tool are one tool (coord_delete: a todo, an issue, a plan, a dependency),
   * each picked by its `kind` argument; their inputs take `id`, their answers have one shape.
   */
  kind?: string;
}

export interface Operation<I extends z.ZodObject = z.ZodObject, R = unknown, O extends z.ZodType = z.ZodType> {
  id: string;
  /** One line: the CLI command's description, the OpenAPI summary. */
  summary: string;
  input: I;
  output: O;
  effect: Effect;
  /** Names the input in errors: `invalid <label>: field: problem` (default: the id). */
  label?: string;
  /** Calls one app function, imported lazily (a CLI run loads only the modules of its command). */
  run: (ws: Workspace, input: z.output<I>, ctx: OperationContext) => Promise<R>;
  /** The result as surfaces send it; without it, the result itself. */
  answer?: (result: R, input: z.output<I>) => z.input<O>;
  /**
   * An answer that reports a failure the caller must see as one (a triggered job that failed): the CLI prints
   * the answer and exits 1, HTTP and MCP answer the error with the answer in its data.
   */
  failure?: (answer: z.input<O>) => ConcordError | undefined;
  http: HttpRoute;
  cli: CliSpec;
  /** Absent when agents need no tool of its own: another answers it (coord_get_run reads a run's log), or people steer it (run retry, resume). */
  mcp?: McpSpec;
}

type Base<I extends z.ZodObject, R, O extends z.ZodType> = Omit<Operation<I, R, O>, 'answer'>;

/**
 * Typed constructor: `run`'s input comes from the input schema, and its result must fit the output schema;
 * an operation whose result is not its answer says how to make one (`answer`).
 */
export function defineOperation<I extends z.ZodObject, O extends z.ZodType>(def: Base<I, z.input<O>, O> & { answer?: undefined }): Operation;
export function defineOperation<I extends z.ZodObject, R, O extends z.ZodType>(def: Base<I, R, O> & { answer: (result: R, input: z.output<I>) => z.input<O> }): Operation;
export function defineOperation(def: Operation): Operation {
  return def;
}

/** The answer of `op` for `result`. */
export function answerOf(op: Operation, result: unknown, input: Record<string, unknown>): unknown {
  return op.answer ? op.answer(result, input) : result;
}

/** `GET /api/todos/{id}` -> method, path and the names of its parameters. */
export function routeOf(op: Operation): { method: HttpMethod; path: string; params: string[] } {
  const space = op.http.indexOf(' ');
  const path = op.http.slice(space + 1);
  return { method: op.http.slice(0, space) as HttpMethod, path, params: [...path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!) };
}
