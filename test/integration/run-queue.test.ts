// The embedded SQLite queue against the run queue contract.
import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openRunQueue, type SqliteRunQueue } from '../../src/state/run-queue.js';
import { runQueueContract } from '../contract/run-queue.js';
import { tempDir } from '../helpers/temp.js';

const opened: SqliteRunQueue[] = [];
let file = '';
afterAll(() => opened.forEach((q) => q.close()));

runQueueContract('embedded SQLite', {
  async open() {
    file = path.join(tempDir('concord-queue-'), 'state.db');
    const q = openRunQueue(file, (n) => randomBytes(n));
    opened.push(q);
    return q;
  },
  async another() {
    const q = openRunQueue(file, (n) => randomBytes(n));
    opened.push(q);
    return q;
  },
});
