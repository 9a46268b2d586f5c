// Child process for the crash test: writes as fast as it can until it is killed.
import { Workspace } from '../../../dist/app/workspace.js';
import { createTodo, updateTodo } from '../../../dist/app/todos.js';

const ws = new Workspace({ file: process.argv[2], actor: 'crasher' });
process.stdout.write('started\n');
for (let i = 0; ; i++) {
  const r = await createTodo(ws, { task: `crash test ${i} ${'x'.repeat(i % 50)}`, repo: 'api' });
  await updateTodo(ws, r.todo.id, { status: 'in_progress', description: `line one\nline two ${i}` });
  process.stdout.write(`wrote ${i}\n`);
}
