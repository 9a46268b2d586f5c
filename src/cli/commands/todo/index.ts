// The `todo` group: list, show, create, update, complete, note, delete; with the seed's flat names.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { todoComplete } from './complete.js';
import { todoCreate } from './create.js';
import { todoDelete } from './delete.js';
import { todoList } from './list.js';
import { todoNote } from './note.js';
import { todoShow } from './show.js';
import { todoUpdate } from './update.js';

export function registerTodo(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'todo', 'todos: units of work in one repo, with blockers');
  nounVerb(program, group, 'list', 'list-todos', todoList(ctx), 'ls');
  nounVerb(program, group, 'show', 'show-todo', todoShow(ctx));
  nounVerb(program, group, 'create', 'create-todo', todoCreate(ctx), 'add');
  nounVerb(program, group, 'update', 'update-todo', todoUpdate(ctx), 'edit');
  nounVerb(program, group, 'complete', 'complete-todo', todoComplete(ctx), 'done');
  nounVerb(program, group, 'note', undefined, todoNote(ctx));
  nounVerb(program, group, 'delete', undefined, todoDelete(ctx), 'rm');
}
