// Todo use-cases: every surface (CLI, MCP, HTTP) calls these.
import { AddNoteInputSchema, CompleteTodoInputSchema, CreateTodoInputSchema, DeleteInputSchema, UpdateTodoInputSchema } from '../core/inputs.js';
import type { Todo } from '../core/model.js';
import { planAddNote, planCompleteTodo, planCreateTodo, planDeleteTodo, planUpdateTodo } from '../core/mutations/todo.js';
import { leaseHooks } from './leases.js';
import { parseInput } from './input.js';
import { canonicalRepos } from './repo-names.js';
import { mutate, type WriteResult } from './write.js';
import type { Workspace } from './workspace.js';

export interface TodoWrite extends WriteResult {
  todo: Todo;
}

function asTodo(r: WriteResult): TodoWrite {
  return { ...r, todo: r.record as Todo };
}

export async function createTodo(ws: Workspace, input: unknown): Promise<TodoWrite> {
  const parsed = parseInput(CreateTodoInputSchema, input, 'todo');
  return asTodo(await mutate(ws, (ctx) => planCreateTodo(ctx, canonicalRepos(ctx.graph, parsed, ['repo']))));
}

/** Changing a claimed todo (fields, status, notes) needs the claim's token; finishing it releases the claim. */
export async function updateTodo(ws: Workspace, id: string, input: unknown): Promise<TodoWrite> {
  const parsed = parseInput(UpdateTodoInputSchema, input, 'todo update');
  return asTodo(await mutate(ws, (ctx) => planUpdateTodo(ctx, id, canonicalRepos(ctx.graph, parsed, ['repo'])), leaseHooks(ws, id, parsed.claim_token)));
}

export async function completeTodo(ws: Workspace, id: string, input: unknown = {}): Promise<TodoWrite> {
  const parsed = parseInput(CompleteTodoInputSchema, input, 'completion');
  return asTodo(await mutate(ws, (ctx) => planCompleteTodo(ctx, id, parsed), leaseHooks(ws, id, parsed.claim_token)));
}

export async function addTodoNote(ws: Workspace, id: string, input: unknown): Promise<TodoWrite> {
  const parsed = parseInput(AddNoteInputSchema, input, 'note');
  return asTodo(await mutate(ws, (ctx) => planAddNote(ctx, id, parsed), leaseHooks(ws, id, parsed.claim_token)));
}

/** Refused while open work waits on it, unless `force` (input: `DeleteInputSchema`). */
export async function deleteTodo(ws: Workspace, id: string, input: unknown = {}): Promise<WriteResult> {
  const parsed = parseInput(DeleteInputSchema, input, 'delete');
  return mutate(ws, (ctx) => planDeleteTodo(ctx, id, parsed));
}
