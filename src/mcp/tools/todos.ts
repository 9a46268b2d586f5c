// Todo tools: list, get, create, update, complete, add a note.
import { z } from 'zod';
import { getTodo, listTodos } from '../../app/queries.js';
import { addTodoNote, completeTodo, createTodo, updateTodo } from '../../app/todos.js';
import { AddNoteInputSchema, CompleteTodoInputSchema, CreateTodoInputSchema, UpdateTodoInputSchema } from '../../core/inputs.js';
import { NoteSchema } from '../../core/schema/common.js';
import { TodoSchema } from '../../core/schema/todo.js';
import { LeaseViewSchema } from '../../core/claims.js';
import { SECTIONS } from '../../core/sections.js';
import { TodoListInputSchema } from '../../core/list-inputs.js';
import { byCursor, compactTodo, pageOf, pageSchema, toPage, TodoCompactSchema } from '../compact.js';
import { BlockerRefSchema } from '../schemas.js';
import { CREATE, defineTool, READ, UPDATE } from '../tool.js';

const NOTES_SHOWN = 10;
const TodoOut = z.object({ todo: TodoSchema });

export const todoTools = [
  defineTool({
    name: 'coord_list_todos',
    title: 'List todos',
    description: 'Todos as compact rows, filtered and paginated (coord_get_todo for one); stale: true lists abandoned work.',
    input: byCursor(TodoListInputSchema),
    output: pageSchema(TodoCompactSchema),
    annotations: READ,
    run: async ({ ws }, args) => toPage(await listTodos(ws, pageOf(args)), compactTodo),
  }),
  defineTool({
    name: 'coord_get_todo',
    title: 'Get a todo',
    description: 'One todo in full: fields, latest notes (context from earlier sessions), blockers, what it blocks, its claim.',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({
      todo: TodoSchema,
      notes_total: z.number().int(),
      ready: z.boolean(),
      blockers: z.array(BlockerRefSchema),
      blocking: z.array(BlockerRefSchema),
      claim: LeaseViewSchema.optional().describe('Who holds it now (claim or run) and until when; the token only its holder has'),
      stale: z.boolean().describe('In progress with no live claim: anyone may claim it'),
      extra: z.record(z.string(), z.unknown()).optional(),
    }),
    annotations: READ,
    run: async ({ ws }, { id }) => {
      const d = await getTodo(ws, id);
      return { ...d, todo: { ...d.todo, notes: d.todo.notes.slice(-NOTES_SHOWN) }, notes_total: d.todo.notes.length };
    },
  }),
  defineTool({
    name: 'coord_create_todo',
    title: 'Create a todo',
    description: 'Create a todo in one repo (blocked_by/blocking kept symmetric); returns it with its id.',
    // Links are written by exports and issue sync (docs/githosts.md), not by agents: left out of the tool list.
    input: CreateTodoInputSchema.omit({ links: true }),
    output: TodoOut,
    annotations: CREATE,
    aliases: SECTIONS.todos.keyAliases,
    run: async ({ ws }, args) => ({ todo: (await createTodo(ws, args)).todo }),
  }),
  defineTool({
    name: 'coord_update_todo',
    title: 'Update a todo',
    description: 'Change fields of a todo (null clears one); a claimed todo needs claim_token; status follows the transition table.',
    input: UpdateTodoInputSchema.omit({ links: true }).extend({ id: z.string().min(1) }),
    output: TodoOut,
    annotations: UPDATE,
    aliases: SECTIONS.todos.keyAliases,
    run: async ({ ws }, { id, ...args }) => ({ todo: (await updateTodo(ws, id, args)).todo }),
  }),
  defineTool({
    name: 'coord_complete_todo',
    title: 'Complete a todo',
    description: 'Mark a todo completed (optionally with actual hours and a closing note); releases its claim.',
    input: CompleteTodoInputSchema.extend({ id: z.string().min(1) }),
    output: TodoOut,
    annotations: UPDATE,
    aliases: SECTIONS.todos.keyAliases,
    run: async ({ ws }, { id, ...args }) => ({ todo: (await completeTodo(ws, id, args)).todo }),
  }),
  defineTool({
    name: 'coord_add_note',
    title: 'Add a note to a todo',
    description: 'Append a note (author and time are recorded) to a todo: the context the next session reads. A claimed todo needs claim_token.',
    input: AddNoteInputSchema.extend({ id: z.string().min(1) }),
    output: z.object({ id: z.string(), note: NoteSchema, notes_total: z.number().int() }),
    annotations: CREATE,
    run: async ({ ws }, { id, ...args }) => {
      const todo = (await addTodoNote(ws, id, args)).todo;
      return { id, note: todo.notes[todo.notes.length - 1]!, notes_total: todo.notes.length };
    },
  }),
];
