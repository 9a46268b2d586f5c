// The one process runner: argv without a shell, its own process group, limits, TERM then KILL to the group.
//
// Every child Concord starts (dependency-check commands, shell hooks, agent CLIs) goes through here.
// The child is spawned detached, so it leads a new process group and one signal reaches everything
// it started. When the child exits, whatever it left running in its group is stopped too: an agent
// that forks a helper and exits, or hangs after its result, leaves nothing behind. A grandchild that
// escaped the group can keep a pipe open; the runner then resolves shortly after the exit anyway.
// Every group is also handed to a watchdog that kills it if Concord dies first (checks/group-reaper.ts).
import { type ChildProcess, spawn, type SpawnOptions } from 'node:child_process';
import fs from 'node:fs';
import type { Readable } from 'node:stream';
import { reaper } from './checks/group-reaper.js';

export interface ProcessSpec {
  argv: readonly string[];
  cwd: string;
  /** Exactly the child's environment (callers allow-list it with allowEnv); undefined: this process's. */
  env?: Readonly<Record<string, string>>;
  /** Text written to stdin, which is then closed (an agent waiting for EOF never hangs); a stream is piped in. Default: no stdin. */
  stdin?: string | Readable;
  signal?: AbortSignal;
  /** Stop after this long. */
  wallMs?: number;
  /** Stop after this long without output on stdout or stderr. */
  idleMs?: number;
  /** Between SIGTERM and SIGKILL (default 2 s). */
  graceMs?: number;
  /** Characters kept of each stream (default 1 MB); the rest is dropped and `truncated` says so. */
  maxOutput?: number;
  /** Keep stdout as text (default true; false for a pipeline stage whose stdout feeds the next). */
  captureStdout?: boolean;
  /**
   * Done when its output closes, as in a shell pipeline, rather than when it exits: a child it left
   * holding stdout keeps it running, until the wall time (dependency checks). Default: done at exit,
   * and whatever it left in its group is stopped then (agents).
   */
  untilOutputCloses?: boolean;
  /** Each complete line of output, as it comes. */
  onLine?: (line: string, stream: 'stdout' | 'stderr') => void;
  /** Each chunk of output, as it comes (logs). */
  onOutput?: (chunk: Buffer, stream: 'stdout' | 'stderr') => void;
}

export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
  /** Why the runner stopped it, if it did: `wall_time`, `idle`, `aborted`, or the reason given to stop(). */
  stopped?: string;
  /** It could not start (`ENOENT`: not found). */
  spawnError?: { code: string; message: string };
  stdout: string;
  stderr: string;
  truncated: boolean;
  durationMs: number;
  /** Processes of its group were still alive after it exited (they were stopped). */
  leftovers: boolean;
}

export interface ProcessHandle {
  readonly pid: number | undefined;
  readonly stdout: Readable | null;
  /** TERM to the group, KILL after the grace period. The first reason is the one reported. */
  stop(reason: string): void;
  readonly done: Promise<ProcessExit>;
}

const DEFAULT_GRACE_MS = 2_000;
const DEFAULT_MAX_OUTPUT = 1024 * 1024;
/**
 * How long to wait, after the child exited, for the rest of its output: long enough for a loaded machine to
 * deliver it (at 250 ms, one run in a few hundred lost its last line under load), short enough that a
 * grandchild that escaped the group and holds the pipe does not keep us.
 */
const DRAIN_MS = 3_000;
/** A line longer than this is passed on in pieces (bounded memory for output without newlines). */
const MAX_LINE = 1024 * 1024;

/** Signals a process group; false if it has no member left (or was never ours). */
export function signalGroup(pid: number | undefined, signal: NodeJS.Signals | 0): boolean {
  if (pid === undefined) return false;
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    return false;
  }
}

/** State and process group of a process from /proc (Linux), or undefined if it is gone or unknown. */
function procStat(pid: string | number): { state: string; pgrp: number } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    // "pid (comm) state ppid pgrp ...": comm may hold spaces and parentheses, so split after the last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    return { state: fields[0]!, pgrp: Number(fields[2]) };
  } catch {
    return undefined;
  }
}

const dead = (state: string) => state === 'Z' || state === 'X';

/**
 * Who a pid is: the pid and its start time (/proc, Linux), so a pid the system reused for another
 * process is not mistaken for the one recorded. Elsewhere, the pid alone.
 */
export function processIdentity(pid: number): string | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return `${pid}.${stat.slice(stat.lastIndexOf(')') + 2).split(' ')[19]}`;
  } catch {
    return fs.existsSync('/proc/self/stat') ? undefined : String(pid);
  }
}

/** Whether a process is alive; a zombie (dead, not yet reaped) is not. */
export function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
  const s = fs.existsSync('/proc/self/stat') ? procStat(pid) : { state: 'R', pgrp: 0 };
  return s !== undefined && !dead(s.state);
}

/**
 * Whether any process of the group is alive. A member that died but was not reaped yet (a zombie,
 * reparented to an init that reaps slowly) still answers signal 0, so on Linux the group's members
 * are read from /proc and zombies do not count.
 */
export function groupAlive(pid: number | undefined): boolean {
  if (!signalGroup(pid, 0)) return false;
  let entries: string[];
  try {
    entries = fs.readdirSync('/proc');
  } catch {
    return true;
  }
  for (const e of entries) {
    if (!/^\d+$/.test(e)) continue;
    const s = procStat(e);
    if (s && s.pgrp === pid && !dead(s.state)) return true;
  }
  return false;
}

/** Spawns `argv` as the leader of a new process group, which the watchdog kills if Concord ends first. */
export function spawnGroup(argv: readonly string[], options: Pick<SpawnOptions, 'cwd' | 'stdio' | 'env'>): ChildProcess {
  const child = spawn(argv[0]!, argv.slice(1), { ...options, detached: true, windowsHide: true });
  if (child.pid !== undefined) reaper().watch(child.pid);
  return child;
}

/**
 * SIGKILL to a child's whole process group (spawned by spawnGroup), even when its leader has exited: a
 * grandchild it left running in the background is still in the group.
 */
export function killGroup(c: ChildProcess): void {
  if (c.pid === undefined) return;
  if (!signalGroup(c.pid, 'SIGKILL')) {
    try {
      c.kill('SIGKILL');
    } catch {
      // Already gone.
    }
  }
  reaper().forget(c.pid);
}

/** TERM to a group, then KILL after `graceMs` if any member is left; resolves when it is empty (or after KILL). */
export async function stopGroup(pid: number, graceMs: number): Promise<void> {
  if (!signalGroup(pid, 'SIGTERM')) return;
  const deadline = Date.now() + graceMs;
  while (Date.now() < deadline) {
    await new Promise((r) => setTimeout(r, Math.min(25, graceMs)));
    if (!groupAlive(pid)) return;
  }
  signalGroup(pid, 'SIGKILL');
  for (let i = 0; i < 40 && groupAlive(pid); i++) await new Promise((r) => setTimeout(r, 5));
}

export function startProcess(spec: ProcessSpec): ProcessHandle {
  const started = performance.now();
  const max = spec.maxOutput ?? DEFAULT_MAX_OUTPUT;
  const grace = spec.graceMs ?? DEFAULT_GRACE_MS;
  const out = { stdout: '', stderr: '', truncated: false };
  const partial = { stdout: '', stderr: '' };
  let stopped: string | undefined;
  let spawnError: ProcessExit['spawnError'];
  let leftovers = false;
  const timers: NodeJS.Timeout[] = [];
  let exited = false;
  let exit: { code: number | null; signal: NodeJS.Signals | null } = { code: null, signal: null };

  const child = spawnGroup(spec.argv, { cwd: spec.cwd, ...(spec.env ? { env: spec.env } : {}), stdio: [spec.stdin === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
  const pid = child.pid;

  let finishLater: (() => void) | undefined;
  const stop = (reason: string) => {
    if (stopped || (exited && !spec.untilOutputCloses)) return;
    stopped = reason;
    signalGroup(pid, 'SIGTERM');
    timers.push(setTimeout(() => signalGroup(pid, 'SIGKILL'), grace).unref());
    // Exited but waiting for its output: a pipe held by a process outside the group must not keep us.
    if (exited) setTimeout(() => finishLater?.(), grace + DRAIN_MS).unref();
  };

  let idle: NodeJS.Timeout | undefined;
  const touch = () => {
    if (!spec.idleMs) return;
    if (idle) clearTimeout(idle);
    idle = setTimeout(() => stop('idle'), spec.idleMs);
  };
  const keep = (stream: 'stdout' | 'stderr', text: string) => {
    if (stream === 'stdout' && spec.captureStdout === false) return;
    const room = max - out[stream].length;
    if (room <= 0) {
      out.truncated = true;
      return;
    }
    if (text.length > room) out.truncated = true;
    out[stream] += text.slice(0, room);
  };
  const lines = (stream: 'stdout' | 'stderr', text: string, flush: boolean) => {
    if (!spec.onLine) return;
    let buf = partial[stream] + text;
    let nl: number;
    while ((nl = buf.indexOf('\n')) !== -1) {
      spec.onLine(buf.slice(0, nl).replace(/\r$/, ''), stream);
      buf = buf.slice(nl + 1);
    }
    while (buf.length > MAX_LINE) {
      spec.onLine(buf.slice(0, MAX_LINE), stream);
      buf = buf.slice(MAX_LINE);
    }
    if (flush && buf) {
      spec.onLine(buf, stream);
      buf = '';
    }
    partial[stream] = buf;
  };
  for (const stream of ['stdout', 'stderr'] as const) {
    const s = child[stream];
    if (stream === 'stdout' && spec.captureStdout === false && !spec.onLine && !spec.onOutput) continue;
    s?.setEncoding?.('utf8');
    s?.on('data', (d: string | Buffer) => {
      const text = typeof d === 'string' ? d : d.toString('utf8');
      touch();
      spec.onOutput?.(Buffer.from(text, 'utf8'), stream);
      keep(stream, text);
      lines(stream, text, false);
    });
  }

  if (child.stdin) {
    // A child that exits without reading all its input is normal (`| head -1`, an agent that fails early).
    child.stdin.on('error', () => undefined);
    if (typeof spec.stdin === 'string') child.stdin.end(spec.stdin);
    else spec.stdin?.pipe(child.stdin);
  }

  const done = new Promise<ProcessExit>((resolve) => {
    let finished = false;
    const finish = () => {
      if (finished) return;
      finished = true;
      for (const t of timers) clearTimeout(t);
      if (idle) clearTimeout(idle);
      spec.signal?.removeEventListener('abort', onAbort);
      for (const s of [child.stdin, child.stdout, child.stderr]) s?.destroy();
      if (pid !== undefined && !groupAlive(pid)) reaper().forget(pid);
      lines('stdout', '', true);
      lines('stderr', '', true);
      resolve({
        ...exit,
        ...(stopped ? { stopped } : {}),
        ...(spawnError ? { spawnError } : {}),
        stdout: out.stdout,
        stderr: out.stderr,
        truncated: out.truncated,
        durationMs: performance.now() - started,
        leftovers,
      });
    };
    const onAbort = () => stop('aborted');
    child.once('error', (e: NodeJS.ErrnoException) => {
      spawnError ??= { code: e.code ?? 'ERROR', message: e.message };
      exited = true;
      finish();
    });
    // Whatever it left in its group (a forked helper, a shell's background job) goes with it.
    const reap = () => (groupAlive(pid) ? ((leftovers = true), stopGroup(pid!, Math.min(grace, 1_000))) : Promise.resolve());
    child.once('exit', (code, signal) => {
      exited = true;
      exit = { code, signal };
      let closed = false;
      child.once('close', () => (closed = true));
      if (spec.untilOutputCloses) {
        finishLater = () => void reap().then(finish);
        if (stopped) setTimeout(finishLater, grace + DRAIN_MS).unref();
        return void child.once('close', finishLater);
      }
      void reap().then(() => {
        if (closed || (child.stdout?.readableEnded ?? true)) return finish();
        child.once('close', finish);
        setTimeout(finish, DRAIN_MS).unref();
      });
    });
    if (spec.signal?.aborted) onAbort();
    else spec.signal?.addEventListener('abort', onAbort, { once: true });
  });
  if (spec.wallMs) timers.push(setTimeout(() => stop('wall_time'), spec.wallMs));
  touch();
  return { pid, stdout: child.stdout, stop, done };
}

export function runProcess(spec: ProcessSpec): Promise<ProcessExit> {
  return startProcess(spec).done;
}

/** The variables every child may see: the search path, home, user, locale, temp dir and terminal. */
const BASE_ENV = ['PATH', 'HOME', 'USER', 'LOGNAME', 'SHELL', 'LANG', 'LANGUAGE', 'LC_*', 'TZ', 'TMPDIR', 'TERM', 'NO_COLOR', 'SSL_CERT_FILE', 'SSL_CERT_DIR', 'HTTP_PROXY', 'HTTPS_PROXY', 'NO_PROXY', 'http_proxy', 'https_proxy', 'no_proxy'];

/** The allow-listed environment: the base names, plus `allow` (NAME or PREFIX_*), plus fixed values. */
export function allowEnv(from: Readonly<Record<string, string | undefined>>, allow: readonly string[], set: Readonly<Record<string, string>> = {}): Record<string, string> {
  const patterns = [...BASE_ENV, ...allow];
  const exact = new Set(patterns.filter((p) => !p.endsWith('*')));
  const prefixes = patterns.filter((p) => p.endsWith('*')).map((p) => p.slice(0, -1));
  const env: Record<string, string> = {};
  for (const [k, v] of Object.entries(from)) {
    if (v === undefined) continue;
    if (exact.has(k) || prefixes.some((p) => k.startsWith(p))) env[k] = v;
  }
  return { ...env, ...set };
}
