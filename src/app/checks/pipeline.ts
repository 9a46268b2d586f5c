// Runs a pipeline of commands without a shell, each stage in its own process group, under a deadline.
//
// Each stage goes through the one process runner (app/process.ts), so its whole process tree (a wrapper
// script, `npx` and the node it starts) is killed with one signal to its group: at the deadline, when
// the pipeline ends (a background child left behind), and when Concord dies (the runner's watchdog).
// A timed-out pipeline resolves right after its deadline even if a grandchild that escaped its group
// keeps a pipe open.
import { type ProcessExit, startProcess } from '../process.js';

export interface PipelineOptions {
  cwd: string;
  signal: AbortSignal;
  /** Bytes of output kept per stream (the rest is dropped, and `truncated` says so). */
  maxOutput?: number;
  /** The stages' environment (default: this process's); unset values are left out. */
  env?: Readonly<Record<string, string | undefined>>;
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

export async function runPipeline(stages: readonly (readonly string[])[], options: PipelineOptions): Promise<PipelineResult> {
  const max = options.maxOutput ?? DEFAULT_MAX_OUTPUT;
  const last = stages.length - 1;
  const env = options.env ? Object.fromEntries(Object.entries(options.env).filter((e): e is [string, string] => e[1] !== undefined)) : undefined;
  if (options.signal.aborted) {
    return { stdout: '', stderr: '', stages: stages.map((argv) => ({ argv0: argv[0]!, code: null, signal: 'SIGKILL' as const })), aborted: true, truncated: false };
  }
  // A check has no state to save: stopping is immediate (KILL right after TERM).
  const handles: ReturnType<typeof startProcess>[] = [];
  stages.forEach((argv, i) => {
    const h = startProcess({ argv, cwd: options.cwd, ...(env ? { env } : {}), graceMs: 0, untilOutputCloses: true, maxOutput: max, captureStdout: i === last, signal: options.signal, ...(i > 0 && handles[i - 1]!.stdout ? { stdin: handles[i - 1]!.stdout! } : {}) });
    handles.push(h);
  });
  // A stage that never started: stop the others, which would wait for input or readers forever.
  const exits: ProcessExit[] = await Promise.all(
    handles.map((h) =>
      h.done.then((x) => {
        if (x.spawnError) for (const other of handles) other.stop('a stage could not start');
        return x;
      }),
    ),
  );
  const failed = exits.findIndex((x) => x.spawnError);
  const aborted = options.signal.aborted;
  return {
    stdout: exits[last]!.stdout,
    stderr: exits.map((x) => x.stderr).join('').slice(0, max),
    stages: exits.map((x, i) => ({ argv0: stages[i]![0]!, code: x.spawnError ? null : x.code, signal: aborted && x.code === null ? (x.signal ?? 'SIGKILL') : x.signal })),
    ...(failed !== -1 ? { spawnError: { argv0: stages[failed]![0]!, ...exits[failed]!.spawnError! } } : {}),
    aborted,
    truncated: exits.some((x) => x.truncated),
  };
}
