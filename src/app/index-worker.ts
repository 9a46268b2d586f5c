// A server's first index of a large file, built in a worker thread (`concord mcp`, `concord serve`).
//
// The first index parses and validates every record: seconds at 10,000 todos, a minute at 50,000 on a loaded
// machine. On the main thread it kept the server from answering anything, an MCP client's initialize included,
// until it was done. In a worker thread the server answers at once what needs no index (initialize,
// tools/list, /health), and calls that need it wait for it, bounded (`untilIndexed` in app/snapshot.ts:
// INDEX_BUILDING, retry, rather than a client's timeout). The worker is another reader and writer of the
// same state database, as another `concord` process would be: it indexes under the state transaction, and
// the server's next read finds the index current. Rejected: parsing in the worker and sending the records
// back (copying them costs what parsing them does).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { Surface } from '../core/events.js';
import { READER_VERSION } from '../core/version.js';
import { indexingInBackground, loadSnapshot } from './snapshot.js';
import { Workspace } from './workspace.js';

/** Below this size the server indexes the file itself: it takes less than starting a worker would. */
const WORKER_BYTES = 500_000;

export interface IndexWorkerInput {
  file: string;
  env: Record<string, string | undefined>;
  actor: string;
  surface: Surface;
}

type WorkerMessage = { warn: string } | { done: true } | { failed: string };

// Evaluated as a script, so that it runs the same from the bundle (bin/concord.cjs loads it, and the entry
// exports `indexWorker`) and from dist/ (this module, imported).
const SCRIPT = `
const { parentPort, workerData } = require('node:worker_threads');
const run = workerData.bundle ? Promise.resolve(require(workerData.bundle).loadBundle().exports.indexWorker) : import(workerData.module).then((m) => m.runIndexWorker);
run
  .then((index) => index(workerData.input, (m) => parentPort.postMessage(m)))
  .then(() => parentPort.postMessage({ done: true }), (e) => parentPort.postMessage({ failed: String((e && e.message) || e) }));
`;

/**
 * Brings the index up to date without waiting for it (a server at start, so that on a fresh clone the
 * first call finds the file indexed or nearly): a first index of a large file in a worker thread, anything
 * else here. A failure is the first read's to report (it indexes the file again, and says why it cannot).
 */
export function refreshIndexSoon(ws: Workspace): void {
  try {
    const header = ws.index.header();
    const first = header === undefined || header.reader !== READER_VERSION;
    const size = fs.statSync(ws.file).size;
    if (first && size > WORKER_BYTES) {
      indexingInBackground(ws.file, indexInWorker({ file: ws.file, env: { ...ws.env.vars }, actor: ws.actor(), surface: ws.surface }, ws.warn), size);
      return;
    }
  } catch {
    // The read below reports it.
  }
  loadSnapshot(ws).catch(() => undefined);
}

/** Where the worker loads Concord from: the bundle this module is part of, or this module in dist/. */
function entry(): { bundle: string } | { module: string } {
  const here = fileURLToPath(import.meta.url);
  // In the bundle every module's import.meta.url is its part's file, dist/concord/<part>.cjs.
  return here.endsWith('.cjs') ? { bundle: path.join(path.dirname(here), '..', '..', 'bin', 'concord.cjs') } : { module: import.meta.url };
}

function indexInWorker(input: IndexWorkerInput, warn: (message: string) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    // Its stdout is not this process's (which is the MCP protocol on stdio): nothing the worker prints goes there.
    const worker = new Worker(SCRIPT, { eval: true, workerData: { ...entry(), input }, stdout: true });
    worker.stdout.resume();
    // A server that stops while the index is built does not wait for it (its transaction is rolled back).
    worker.unref();
    let settled = false;
    const settle = (error?: Error) => {
      if (settled) return;
      settled = true;
      if (error) reject(error);
      else resolve();
    };
    worker.on('message', (m: WorkerMessage) => {
      if ('warn' in m) warn(m.warn);
      else if ('done' in m) settle();
      else settle(new Error(m.failed));
    });
    worker.once('error', (e) => settle(e));
    worker.once('exit', (code) => settle(new Error(`the index worker exited with ${code}`)));
  });
}

/** The worker's side: the index brought up to date as any read would, on a connection of its own. */
export async function runIndexWorker(input: IndexWorkerInput, post: (m: WorkerMessage) => void): Promise<void> {
  const ws = new Workspace({ file: input.file, env: input.env, actor: input.actor, surface: input.surface, warn: (message) => post({ warn: message }) });
  try {
    await loadSnapshot(ws);
  } finally {
    ws.close();
  }
}
