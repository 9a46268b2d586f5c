#!/usr/bin/env node
// Entry point of the `concord` command (bin/concord.cjs runs it from the bundle): the only place that exits the process.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runsOneCommand } from '../app/snapshot.js';
import { runCli } from './program.js';

export { runCli };

/** Where the worker thread of a server's first index starts when it runs from the bundle (app/index-worker.ts). */
export async function indexWorker(...args: Parameters<typeof import('../app/index-worker.js').runIndexWorker>): Promise<void> {
  return (await import('../app/index-worker.js')).runIndexWorker(...args);
}

/** The build's warm-up of the servers and the tool listing it ships (scripts/bundle.mjs; cli/warm-up.ts). */
export async function buildWarmUp(file: string, todo: string): Promise<{ listings: Record<string, unknown[]>; listingFile: string }> {
  const { warmServers, toolListings, SHIPPED_LISTING } = await import('./warm-up.js');
  await warmServers(file, todo);
  return { listings: toolListings(), listingFile: SHIPPED_LISTING };
}

/** Runs the command line of this process; `build` names the build that runs (bin/concord.cjs gives it). */
export async function main(options: { build?: string } = {}): Promise<void> {
  // `concord todo list | head`: when the reader goes away, stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  runsOneCommand();
  process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), ...(options.build ? { build: options.build } : {}) });
}

// `node dist/cli/main.js ...` (the unbundled build) runs it directly; the bundle is run by bin/concord.cjs.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
