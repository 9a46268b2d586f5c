#!/usr/bin/env node
// Entry point of the `concord` command (bin/concord.cjs runs it from the bundle): the only place that exits the process.
// It imports only the version statically: `concord --version` answers without the rest of the CLI, which the
// bundle keeps in its main part (scripts/bundle.mjs), loaded by the first `import()` below.
import fs from 'node:fs';
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
  const stdout = outputTo(1, 'stdout');
  if ((argv[0] === '--version' || argv[0] === '-V') && !argv.includes('--json')) {
    stdout.write(`${VERSION}\n`);
    return;
  }
  quietWhenReaderGoes();
  (await import('../app/snapshot.js')).runsOneCommand();
  process.exitCode = await runCli(argv, { stdout, stderr: outputTo(2, 'stderr'), env: process.env, cwd: process.cwd(), ...(options.build ? { build: options.build } : {}) });
}

/** `concord todo list | head`: when the reader goes away, stop quietly instead of crashing on EPIPE. */
function readerGone(e: NodeJS.ErrnoException): void {
  if (e.code === 'EPIPE') process.exit(process.exitCode ?? 0);
  throw e;
}

/**
 * The same for process.stdout and process.stderr, which Node makes on first use (a server's transport, a
 * library's log): the handler is attached when they are made, so a command that never uses them never makes them.
 */
function quietWhenReaderGoes(): void {
  for (const name of ['stdout', 'stderr'] as const) {
    const made = Object.getOwnPropertyDescriptor(process, name);
    if (!made?.get || !made.configurable) {
      process[name].on('error', readerGone);
      continue;
    }
    Object.defineProperty(process, name, {
      configurable: true,
      enumerable: made.enumerable ?? true,
      get() {
        const stream = made.get!.call(process) as NodeJS.WriteStream;
        Object.defineProperty(process, name, { configurable: true, enumerable: made.enumerable ?? true, writable: true, value: stream });
        stream.on('error', readerGone);
        return stream;
      },
    });
  }
}

/**
 * Where the CLI writes its answer. A terminal gets Node's own stream (colours, columns). A pipe or a file gets
 * its descriptor written synchronously, as Node itself writes pipes and files on Linux: making process.stdout
 * for a pipe builds a net.Socket and loads its modules, a few ms of every command an agent runs.
 */
function outputTo(fd: 1 | 2, name: 'stdout' | 'stderr'): NodeJS.WritableStream & { isTTY?: boolean } {
  let terminal: boolean;
  try {
    terminal = fs.fstatSync(fd).isCharacterDevice();
  } catch {
    terminal = true; // no such descriptor: let Node decide what process.stdout is
  }
  if (terminal) return process[name];
  const write = (chunk: string | Uint8Array, ...rest: unknown[]): boolean => {
    let bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    try {
      while (bytes.length > 0) {
        try {
          bytes = bytes.subarray(fs.writeSync(fd, bytes));
        } catch (e) {
          // A pipe another process left non-blocking: wait for the reader, as Node's own stream would.
          if ((e as NodeJS.ErrnoException).code !== 'EAGAIN') throw e;
          Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
        }
      }
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code !== 'EBADF') readerGone(e as NodeJS.ErrnoException); // EBADF: closed by the caller (`2>&-`), nothing to tell
    }
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  };
  return { write, isTTY: false } as unknown as NodeJS.WritableStream & { isTTY?: boolean };
}

// `node dist/cli/main.js ...` (the unbundled build) runs it directly; the bundle is run by bin/concord.cjs.
if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) void main();
