#!/usr/bin/env node
// Entry point of the `concord` command (bin/concord.cjs runs it from the bundle): the only place that exits the process.
// It imports only the version statically: `concord --version` answers without the rest of the CLI, which the
// bundle keeps in its main part (scripts/bundle.mjs), loaded by the first `import()` below.
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { VERSION } from '../core/version.js';

/** Runs the CLI and returns the exit code (cli/program.ts). */
export async function runCli(...args: Parameters<typeof import('./program.js').runCli>): Promise<number> {
  return (await import('./program.js')).runCli(...args);
}

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
  const argv = process.argv.slice(2);
  // What commander prints for `concord --version ...` (it answers the version option when it meets it, whatever
  // follows), without loading the CLI: half of that command's CPU. --json is runCli's.
  if ((argv[0] === '--version' || argv[0] === '-V') && !argv.includes('--json')) {
    process.stdout.write(`${VERSION}\n`);
    return;
  }
  // `concord todo list | head`: when the reader goes away, stop quietly instead of crashing on EPIPE.
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (e: NodeJS.ErrnoException) => {
      if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
      throw e;
    });
  }
  (await import('../app/snapshot.js')).runsOneCommand();
  process.exitCode = await runCli(argv, { stdout: process.stdout, stderr: process.stderr, env: process.env, cwd: process.cwd(), ...(options.build ? { build: options.build } : {}) });
}

// `node dist/cli/main.js ...` (the unbundled build) runs it directly; the bundle is run by bin/concord.cjs.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
