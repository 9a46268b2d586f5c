// The fleet's PostgreSQL queue against the run queue contract (the same suite as the embedded queue).
import { randomBytes } from 'node:crypto';
import { afterAll } from 'vitest';
import { openPool } from '../../src/fleet/pg.js';
import { PgRunQueue } from '../../src/fleet/pg-queue.js';
import { runQueueContract } from '../contract/run-queue.js';
import { freshDatabase } from '../helpers/postgres.js';

const opened: PgRunQueue[] = [];
let url = '';
afterAll(async () => {
  await Promise.all(opened.map((q) => q.close()));
});

const open = (u: string) => {
  const q = new PgRunQueue(openPool(u, 2), (n) => randomBytes(n));
  opened.push(q);
  return q;
};

runQueueContract('PostgreSQL', {
  async open() {
    url = await freshDatabase('queue');
    return open(url);
  },
  async another() {
    return open(url);
  },
});
