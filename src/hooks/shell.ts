// Shell hooks: `sh -c COMMAND` in the ecosystem's folder, the event as JSON on stdin and in CONCORD_* variables.
import { spawn } from 'node:child_process';
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
 * Runs the command in its own process group, so a timeout kills everything it started (a shell
 * pipeline, a sleeping child), not only the shell.
 */
export function runShellHook(call: ShellCall): Promise<DeliveryResult> {
  const started = performance.now();
  const elapsed = () => Math.round(performance.now() - started);
  return new Promise((resolve) => {
    let output = '';
    let settled = false;
    const child = spawn('/bin/sh', ['-c', call.command], { cwd: call.cwd, env: call.env, stdio: ['pipe', 'pipe', 'pipe'], detached: true });
    const finish = (r: Omit<DeliveryResult, 'hook' | 'duration_ms'>) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      call.signal?.removeEventListener('abort', onAbort);
      const tail = output.trim().slice(-KEEP);
      resolve({ hook: call.hook, duration_ms: elapsed(), ...r, ...(tail ? { output: tail } : {}) });
    };
    const kill = () => {
      try {
        if (child.pid) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // Already gone.
      }
      child.stdout.destroy();
      child.stderr.destroy();
    };
    const timer = setTimeout(() => {
      kill();
      finish({ ok: false, status: null, error: `timed out after ${call.timeoutMs} ms` });
    }, call.timeoutMs);
    const onAbort = () => {
      kill();
      finish({ ok: false, status: null, error: 'stopped before it finished', aborted: true });
    };
    call.signal?.addEventListener('abort', onAbort, { once: true });
    const collect = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-2 * KEEP);
    };
    child.stdout.on('data', collect);
    child.stderr.on('data', collect);
    child.on('error', (e) => finish({ ok: false, status: null, error: `could not start: ${e.message}` }));
    child.on('close', (code, sig) => {
      if (code === 0) return finish({ ok: true, status: 0 });
      const said = output.trim().split('\n').slice(-3).join(' | ').slice(-300);
      finish({ ok: false, status: code, error: (code === null ? `killed by ${sig}` : `exited with code ${code}`) + (said ? `: ${said}` : '') });
    });
    child.stdin.on('error', () => undefined); // a command that does not read stdin closes it early
    child.stdin.end(call.stdin);
    if (call.signal?.aborted) onAbort();
  });
}
