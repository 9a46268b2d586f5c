// Whole-process measurements: CPU time, wall time and peak memory of one run of a command.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { readEnvironment } from '../app/environment.js';

export interface ProcessSample {
  /** User + system CPU of the child, as the child itself saw it at exit. */
  cpu_ms: number;
  wall_ms: number;
  /** Peak resident set size. */
  rss_mib: number;
}

// A CommonJS preload (cheaper than an ESM one) that reports the child's own resource use on fd 3 at exit:
// getrusage of a child that has exited is out of reach from Node, and /usr/bin/time rounds to 10 ms.
const PRELOAD = `process.on('exit', () => {
  const c = process.cpuUsage();
  require('node:fs').writeSync(3, JSON.stringify({ cpu: (c.user + c.system) / 1000, rss: process.resourceUsage().maxRSS / 1024 }));
});
`;

/** Writes the preload into `dir` and returns the node arguments that load it. */
export function usagePreload(dir: string): string[] {
  const file = path.join(dir, 'usage-preload.cjs');
  fs.writeFileSync(file, PRELOAD);
  return ['--require', file];
}

export interface RunOptions {
  preload: string[];
  cwd?: string;
  env?: Record<string, string | undefined>;
  /** What the command must exit with (default 0): a failed run is a bench error, not a fast run. */
  exitCode?: number;
}

/** Runs `node <preload> <args>` to completion and measures it. */
export function runNode(args: readonly string[], options: RunOptions): ProcessSample & { stdout: string; stderr: string } {
  const start = performance.now();
  const r = spawnSync(process.execPath, [...options.preload, ...args], {
    cwd: options.cwd,
    env: options.env ?? benchEnv(),
    stdio: ['ignore', 'pipe', 'pipe', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const wall_ms = performance.now() - start;
  const usage = r.output[3]?.toString() ?? '';
  if (r.error) throw r.error;
  if (r.status !== (options.exitCode ?? 0) || !usage) {
    throw new Error(`node ${args.join(' ')} exited with ${r.status ?? r.signal}: ${r.stderr.toString().slice(0, 2000)}`);
  }
  const { cpu, rss } = JSON.parse(usage) as { cpu: number; rss: number };
  return { cpu_ms: cpu, wall_ms, rss_mib: rss, stdout: r.stdout.toString(), stderr: r.stderr.toString() };
}

/**
 * The environment of the runs: this process's (as an agent's commands get theirs), or with
 * CONCORD_BENCH_ENV=clean only PATH, HOME, TMPDIR and LANG. Never the CONCORD_* settings of whoever runs the
 * bench. Both `node -e 0` and the commands get it, so the ratios compare like with like.
 */
export function benchEnv(extra: Record<string, string> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  const vars = readEnvironment().vars;
  const keep = cleanEnv() ? ['PATH', 'HOME', 'TMPDIR', 'LANG'] : Object.keys(vars).filter((k) => !k.startsWith('CONCORD_'));
  for (const k of keep) if (vars[k] !== undefined) env[k] = vars[k]!;
  return { ...env, CONCORD_ACTOR: 'bench', ...extra };
}

export const cleanEnv = (): boolean => readEnvironment().settings['CONCORD_BENCH_ENV'] === 'clean';

/** What in the environment changes the cost of starting Node (said in each table's title). */
export function envNote(): string {
  if (cleanEnv()) return 'clean environment';
  const vars = readEnvironment().vars;
  const heavy = ['NODE_OPTIONS', 'NODE_EXTRA_CA_CERTS'].filter((k) => vars[k]);
  return heavy.length ? `environment as given, with ${heavy.join(', ')}` : 'environment as given';
}

/** Peak resident set size of a running process (Linux), or undefined elsewhere. */
export function peakRssMib(pid: number): number | undefined {
  try {
    const m = /VmHWM:\s+(\d+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
    return m ? Number(m[1]) / 1024 : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the command draws a progress line when stderr is a terminal (util-linux `script` gives it one). */
export function showsProgressOnTerminal(args: readonly string[], cwd: string): boolean | undefined {
  const quote = (s: string) => `'${s.replace(/'/g, `'\\''`)}'`;
  const line = [process.execPath, ...args].map(quote).join(' ');
  const child = spawnSync('script', ['-qec', `${line} >/dev/null`, '/dev/null'], { cwd, env: benchEnv(), encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
  if (child.error || child.status !== 0) return undefined;
  return /indexing .*first read/.test(child.stdout);
}

export const median = (xs: readonly number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length === 0 ? NaN : s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
};
