// Running the built `concord` CLI: as a real child process, or in this process (a worker thread that keeps the
// built CLI modules loaded) where the process is not the thing under test.
import { spawn, spawnSync } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { MessageChannel, receiveMessageOnPort, Worker } from 'node:worker_threads';

export const CLI = path.resolve(import.meta.dirname, '../../bin/concord.cjs');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
  json: () => unknown;
}

const baseEnv = (env: Record<string, string> = {}) => ({ PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', CONCORD_ACTOR: 'e2e', ...env });

export function concord(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  const r = spawnSync(process.execPath, [CLI, ...args], {
    cwd: options.cwd ?? process.cwd(),
    env: baseEnv(options.env),
    encoding: 'utf8',
    ...(options.input !== undefined ? { input: options.input } : {}),
    timeout: 60_000,
  });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr, json: () => JSON.parse(r.stdout) as unknown };
}

/**
 * The same, without blocking this process: for tests whose servers (HTTP fixtures) run in the test
 * process and must answer the CLI while it runs.
 */
export function concordAsync(args: string[], options: { cwd?: string; env?: Record<string, string> } = {}): Promise<CliResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: options.cwd ?? process.cwd(),
      env: baseEnv(options.env),
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString('utf8')));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString('utf8')));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.once('error', reject);
    child.once('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, json: () => JSON.parse(stdout) as unknown });
    });
  });
}

/** The built CLI's modules (`npm run build`), which the bundle is made of. */
const PROGRAM = path.resolve(import.meta.dirname, '../../dist/cli/program.js');
const THREAD = path.resolve(import.meta.dirname, 'cli-thread.mjs');
/** Commands that keep running (servers, workers) or read stdin: always a real process. */
const OWN_PROCESS = new Set(['serve', 'mcp', 'worker']);
let thread: Worker | undefined;

/**
 * `concord` as `concord()` runs it (same arguments, environment, result), without starting a process: the
 * built CLI modules run in a worker thread of this test process, loaded once, while this thread waits (as
 * spawnSync waits). For tests of what a command does and prints; tests of the process itself (exit on a
 * closed pipe, signals, the bundle and its start-up, locks and races between processes) use `concord()`.
 * Input on stdin and long-running commands go to a real process.
 */
export function concordInProcess(args: string[], options: { cwd?: string; env?: Record<string, string>; input?: string } = {}): CliResult {
  if (options.input !== undefined || OWN_PROCESS.has(args[0] ?? '') || (args[0] === 'hooks' && args.includes('--watch'))) return concord(args, options);
  if (!thread) {
    thread = new Worker(THREAD, { workerData: { program: pathToFileURL(PROGRAM).href }, stdout: false, stderr: false });
    thread.unref();
  }
  const signal = new Int32Array(new SharedArrayBuffer(4));
  const { port1, port2 } = new MessageChannel();
  thread.postMessage({ args, cwd: options.cwd ?? process.cwd(), env: baseEnv(options.env), port: port2, signal }, [port2]);
  if (Atomics.wait(signal, 0, 0, 60_000) === 'timed-out') throw new Error(`concord ${args.join(' ')} did not finish within 60 s in the CLI thread`);
  const r = receiveMessageOnPort(port1)!.message as { code: number; stdout: string; stderr: string };
  port1.close();
  return { ...r, json: () => JSON.parse(r.stdout) as unknown };
}
