// Runs a pipeline of commands without a shell, each stage in its own process group, under a deadline.
//
// A stage is spawned detached so that its whole process tree (a wrapper script, `npx` and the node it
// starts) can be killed with one signal to the group; a timed-out pipeline resolves at its deadline even
// if a grandchild that escaped its group keeps a pipe open. Whatever is left of a group when its pipeline
// ends (a background child) is killed too: a check leaves no process behind. A group also dies with
// Concord, however Concord ends (Ctrl-C, SIGTERM, kill -9): see group-reaper.ts.
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import { reaper } from './group-reaper.js';

export interface PipelineOptions {
  cwd: string;
  signal: AbortSignal;
  /** Bytes of output kept per stream (the rest is dropped, and `truncated` says so). */
  maxOutput?: number;
  /** Environment of the stages (default: this process's). */
  env?: Record<string, string | undefined>;
}

export interface StageExit {
  argv0: string;
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface PipelineResult {
  /** Output of the last stage. */
  stdout: string;
  /** Error output of every stage. */
  stderr: string;
  stages: StageExit[];
  /** The stage that could not start (`ENOENT`: not found), if any. */
  spawnError?: { argv0: string; code: string; message: string };
  aborted: boolean;
  truncated: boolean;
}

const DEFAULT_MAX_OUTPUT = 1024 * 1024;

export function runPipeline(stages: readonly (readonly string[])[], options: PipelineOptions): Promise<PipelineResult> {
  const max = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
  const children: ChildProcess[] = [];
  const exits: (StageExit | undefined)[] = stages.map(() => undefined);
  let stdout = '';
  let stderr = '';
  let truncated = false;
  let spawnError: PipelineResult['spawnError'];
  const append = (current: string, chunk: Buffer): string => {
    if (current.length >= max) {
      truncated = true;
      return current;
    }
    const text = current + chunk.toString('utf8');
    if (text.length > max) truncated = true;
    return text.slice(0, max);
  };

  return new Promise((resolve) => {
    let settled = false;
    let open = stages.length;
    const finish = (aborted: boolean) => {
      if (settled) return;
      settled = true;
      options.signal.removeEventListener('abort', onAbort);
      children.forEach(killGroup);
      for (const c of children) for (const s of [c.stdin, c.stdout, c.stderr]) s?.destroy();
      const stageExits = stages.map((argv, i) => exits[i] ?? { argv0: argv[0]!, code: null, signal: aborted ? ('SIGKILL' as const) : null });
      resolve({ stdout, stderr, stages: stageExits, ...(spawnError ? { spawnError } : {}), aborted, truncated });
    };
    const onAbort = () => finish(true);
    if (options.signal.aborted) return finish(true);
    options.signal.addEventListener('abort', onAbort, { once: true });

    stages.forEach((argv, i) => {
      const child = spawnGroup(argv, { cwd: options.cwd, ...(options.env ? { env: options.env } : {}), stdio: [i === 0 ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
      children.push(child);
      const prev = children[i - 1];
      if (prev?.stdout && child.stdin) {
        prev.stdout.pipe(child.stdin);
        // A stage that exits without reading all its input is normal (`| head -1`).
        child.stdin.on('error', () => undefined);
      }
      if (i === stages.length - 1) child.stdout?.on('data', (d: Buffer) => (stdout = append(stdout, d)));
      child.stderr?.on('data', (d: Buffer) => (stderr = append(stderr, d)));
      child.on('error', (e: NodeJS.ErrnoException) => {
        spawnError ??= { argv0: argv[0]!, code: e.code ?? 'ERROR', message: e.message };
        if (!exits[i]) {
          exits[i] = { argv0: argv[0]!, code: null, signal: null };
          // A stage that never started: stop the others, which would wait for input or readers forever.
          children.forEach(killGroup);
          if (--open === 0) finish(false);
        }
      });
      child.on('close', (code, signal) => {
        if (exits[i]) return;
        exits[i] = { argv0: argv[0]!, code, signal };
        if (--open === 0) finish(false);
      });
    });
  });
}

/** Spawns `argv` as the leader of a new process group, which Concord kills if it ends first. */
export function spawnGroup(argv: readonly string[], options: Pick<SpawnOptions, 'cwd' | 'stdio' | 'env'>): ChildProcess {
  const child = spawn(argv[0]!, argv.slice(1), { ...options, detached: true, windowsHide: true });
  if (child.pid !== undefined) reaper().watch(child.pid);
  return child;
}

/**
 * Kills a child's whole process group (spawned by spawnGroup). The group is signalled even when its leader
 * has exited: a grandchild it left running in the background is still in the group.
 */
export function killGroup(c: ChildProcess): void {
  if (c.pid === undefined) return;
  try {
    process.kill(-c.pid, 'SIGKILL');
  } catch {
    // No process is left in the group.
  }
  reaper().forget(c.pid);
}
