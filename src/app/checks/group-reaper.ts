// The process groups Concord started, killed by a watchdog process when Concord ends without killing them.
//
// Concord kills a group at its deadline and when its work ends, but a Concord that is interrupted (Ctrl-C,
// SIGTERM) runs no cleanup, and one killed with kill -9 runs no code at all. So a watchdog, started on first
// use in a session of its own (a Ctrl-C in the terminal does not reach it), reads the groups that are alive
// from a pipe; when the pipe closes, which the kernel does when Concord dies however it dies, it kills every
// group still listed and exits. Rejected: exit and signal handlers (never run on kill -9), PR_SET_PDEATHSIG
// or a subreaper (only through a native addon), one watchdog per group (a node process per command).

import { spawn } from 'node:child_process';

const WATCHDOG = `
const groups = new Set();
let pending = '';
const reap = () => {
  for (const g of groups) try { process.kill(-g, 'SIGKILL'); } catch {}
  groups.clear();
  process.stdin.destroy();
};
process.stdin.setEncoding('utf8');
process.stdin.on('data', (d) => {
  pending += d;
  for (let i = pending.indexOf('\\n'); i !== -1; i = pending.indexOf('\\n')) {
    const line = pending.slice(0, i);
    pending = pending.slice(i + 1);
    const pid = Number(line.slice(1));
    if (line[0] === '+') groups.add(pid);
    else groups.delete(pid);
  }
});
process.stdin.on('end', reap);
process.stdin.on('error', reap);
`;

export interface GroupReaper {
  /** A new group (its leader's pid) to kill if Concord ends first. */
  watch(pid: number): void;
  /** A group Concord has killed itself. */
  forget(pid: number): void;
}

let current: GroupReaper | undefined;

/** The watchdog of this process, started on first use. */
export function reaper(): GroupReaper {
  current ??= startReaper();
  return current;
}

function startReaper(): GroupReaper {
  const watchdog = spawn(process.execPath, ['-e', WATCHDOG], { detached: true, stdio: ['pipe', 'ignore', 'ignore'], windowsHide: true });
  // Neither the watchdog nor its pipe keeps Concord running.
  watchdog.unref();
  (watchdog.stdin as unknown as { unref?: () => void } | null)?.unref?.();
  let alive = true;
  watchdog.once('error', () => (alive = false));
  watchdog.once('exit', () => (alive = false));
  watchdog.stdin?.on('error', () => (alive = false));
  const send = (line: string) => {
    // Without a watchdog, groups are still killed at their deadline and when their work ends.
    if (alive && watchdog.stdin?.writable) watchdog.stdin.write(line);
  };
  return { watch: (pid) => send(`+${pid}\n`), forget: (pid) => send(`-${pid}\n`) };
}
