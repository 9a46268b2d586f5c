// The fleet in tests: a coordinator (`concord serve --database-url`) and workers (`concord worker
// --database-url --checkouts`), each a real process in its own process group on loopback, with their
// own checkouts (clones) and state folders, as on separate hosts.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { CLI } from './cli.js';
import { tempDir } from './temp.js';

export interface FleetProcess {
  child: ChildProcess;
  log: string[];
  /** Resolves when the process exits, with its code. */
  exited: Promise<number | null>;
}

function start(args: string[], cwd: string, env: Record<string, string>, ready: RegExp): Promise<FleetProcess> {
  const child = spawn(process.execPath, [CLI, ...args], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const log: string[] = [];
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));
  return new Promise((resolve, reject) => {
    const t = setTimeout(() => reject(new Error(`${args.join(' ')} did not start:\n${log.join('')}`)), 30_000);
    const onData = (d: Buffer) => {
      log.push(d.toString('utf8'));
      if (ready.test(log.join(''))) {
        clearTimeout(t);
        resolve({ child, log, exited });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(t);
      reject(new Error(`${args.join(' ')} exited with ${code} before it was ready:\n${log.join('')}`));
    });
  });
}

export function startCoordinator(dir: string, url: string, env: Record<string, string>): Promise<FleetProcess> {
  return start(['serve', '--database-url', url, '--port', '0'], dir, { ...env, CONCORD_ACTOR: 'coordinator' }, /coordinator: /);
}

/** A worker "host": clones of `repos` under a checkouts folder of its own. */
export function workerHost(repoDirs: Record<string, string>): string {
  const root = tempDir('concord-host-');
  for (const [name, dir] of Object.entries(repoDirs)) execFileSync('git', ['clone', '-q', dir, path.join(root, 'checkouts', name)]);
  fs.mkdirSync(path.join(root, 'state'), { recursive: true });
  return root;
}

export function startWorker(host: string, url: string, env: Record<string, string>, concurrency = 3): Promise<FleetProcess> {
  return start(['worker', '--database-url', url, '--checkouts', path.join(host, 'checkouts'), '--concurrency', String(concurrency), '--drain-seconds', '5'], host, { ...env, CONCORD_STATE_DIR: path.join(host, 'state') }, /fleet worker /);
}

/** SIGKILL to the whole process group. */
export function killGroup(p: FleetProcess): void {
  try {
    process.kill(-p.child.pid!, 'SIGKILL');
  } catch {
    // Already gone.
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, ms = 120_000, every = 100): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, every));
  }
}
