// Child process for the concurrency test: creates N todos in one ecosystem, printing their ids.
import { Workspace } from '../../../dist/app/workspace.js';
import { createTodo } from '../../../dist/app/todos.js';

const [file, count, actor] = process.argv.slice(2);
const ws = new Workspace({ file, actor, surface: 'cli' });
const ids = [];
for (let i = 0; i < Number(count); i++) {
  const r = await createTodo(ws, { task: `${actor} task ${i}`, repo: 'api', labels: [actor] });
  ids.push(r.todo.id);
}
ws.close();
process.stdout.write(JSON.stringify(ids));
