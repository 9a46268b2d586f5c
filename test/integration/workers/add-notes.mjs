// Child process for the lost-write tests: adds notes to todos until told to stop, printing what it was told was written.
// Prints "wrote" on stderr after each write, and the counts as JSON on stdout at the end.
// Arguments: file, tag, then either a count or "until:<path>" (stop once that file exists), then todo ids to cycle through.
import fs from 'node:fs';
import { Workspace } from '../../../dist/app/workspace.js';
import { addTodoNote } from '../../../dist/app/todos.js';

const [file, tag, limit, ...todos] = process.argv.slice(2);
const ws = new Workspace({ file, actor: tag, surface: 'cli' });
const until = limit.startsWith('until:') ? limit.slice(6) : undefined;
const written = [];
const failed = [];
for (let i = 0; until ? !fs.existsSync(until) : i < Number(limit); i++) {
  const text = `${tag} note ${i}`;
  try {
    await addTodoNote(ws, todos[i % todos.length], { text });
    written.push(text);
    process.stderr.write('wrote\n');
  } catch (e) {
    // A refused write (CONCURRENT_EDIT after its retries, LOCK_TIMEOUT) is honest: it is not counted as written.
    failed.push(`${e.code ?? 'ERROR'}: ${e.message}`);
  }
}
ws.close();
process.stdout.write(JSON.stringify({ written, failed }));
