// Shell hooks: `sh -c COMMAND` in the ecosystem's folder, the event as JSON on stdin and in CONCORD_* variables.
import { runProcess } from '../app/process.js';
import type { HookOutcome } from '../core/hook-schemas.js';

const KEEP = 4_000;

export interface ShellCall {
  hook: string;
  command: string;
  cwd: string;
  env: Record<string, string | undefined>;
  stdin: string;
  timeoutMs: number;
  signal?: AbortSignal | undefined;
}

export type DeliveryResult = HookOutcome & { aborted?: boolean };

/**
 * Runs the command through the one process runner: its own process group, so a timeout kills
 * everything it started (a shell pipeline, a sleeping child), not only the shell.
 */
export async function runShellHook(call: ShellCall): Promise<DeliveryResult> {
  const env = Object.fromEntries(Object.entries(call.env).filter((e): e is [string, string] => e[1] !== undefined));
  let output = '';
  const r = await runProcess({
    argv: ['/bin/sh', '-c', call.command],
    cwd: call.cwd,
    env,
    stdin: call.stdin,
    wallMs: call.timeoutMs,
    graceMs: 0,
    captureStdout: false,
    maxOutput: 2 * KEEP,
    onOutput: (chunk) => (output = (output + chunk.toString('utf8')).slice(-2 * KEEP)),
    ...(call.signal ? { signal: call.signal } : {}),
  });
  const tail = output.trim().slice(-KEEP);
  const base = { hook: call.hook, duration_ms: Math.round(r.durationMs), ...(tail ? { output: tail } : {}) };
  if (r.spawnError) return { ...base, ok: false, status: null, error: `could not start: ${r.spawnError.message}` };
  if (r.stopped === 'aborted') return { ...base, ok: false, status: null, error: 'stopped before it finished', aborted: true };
  if (r.stopped === 'wall_time') return { ...base, ok: false, status: null, error: `timed out after ${call.timeoutMs} ms` };
  if (r.code === 0) return { ...base, ok: true, status: 0 };
  const said = output.trim().split('\n').slice(-3).join(' | ').slice(-300);
  return { ...base, ok: false, status: r.code, error: (r.code === null ? `killed by ${r.signal}` : `exited with code ${r.code}`) + (said ? `: ${said}` : '') };
}
