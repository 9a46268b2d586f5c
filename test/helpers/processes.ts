// Whether a process still runs: a zombie (dead, not yet reaped by whoever adopted it) counts as gone.
import fs from 'node:fs';

export function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
  } catch {
    return false;
  }
  try {
    // /proc/<pid>/stat: "pid (name) S ...": the state follows the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
    return stat.slice(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3) !== 'Z';
  } catch {
    return true;
  }
}

/** The pid a fixture wrote to `file`, once it is there. */
export async function pidFrom(file: string, ms = 20_000): Promise<number> {
  const until = Date.now() + ms;
  for (;;) {
    const text = fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : '';
    if (/^\d+$/.test(text)) return Number(text);
    if (Date.now() > until) throw new Error(`no pid in ${file} after ${ms} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}
