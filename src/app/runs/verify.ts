// Verifying an attempt: what it changed (its work committed, the diffstat) and the todo's acceptance commands.
import { parseCommandLine } from '../../core/checks/command-line.js';
import type { Diffstat } from '../../core/runs/outcome.js';
import { runPipeline } from '../checks/pipeline.js';
import { git } from '../git.js';

type Env = Readonly<Record<string, string | undefined>>;

/** Commits what the agent left uncommitted (tracked or not) on the run's branch, so nothing is lost. */
export async function commitLeftovers(cwd: string, env: Env, message: string): Promise<boolean> {
  const status = await git(cwd, ['status', '--porcelain', '--untracked-files=all'], { env });
  if (!status.stdout.trim()) return false;
  await git(cwd, ['add', '-A'], { env });
  await git(cwd, ['commit', '-q', '--no-verify', '-m', message], { env });
  return true;
}

/** Files, insertions and deletions between the base commit and HEAD. */
export async function diffstat(cwd: string, base: string, env: Env): Promise<Diffstat> {
  const r = await git(cwd, ['diff', '--shortstat', base, 'HEAD'], { env });
  const n = (re: RegExp) => Number(re.exec(r.stdout)?.[1] ?? 0);
  return { files: n(/(\d+) files? changed/), insertions: n(/(\d+) insertions?\(\+\)/), deletions: n(/(\d+) deletions?\(-\)/) };
}

export const headCommit = async (cwd: string, env: Env): Promise<string> => (await git(cwd, ['rev-parse', 'HEAD'], { env })).stdout.trim();

/** Runs each acceptance command (no shell: a pipeline of argv) in the worktree; returns what failed. */
export async function runAcceptance(cwd: string, commands: readonly string[], env: Record<string, string>, timeoutMs: number): Promise<string[]> {
  const failures: string[] = [];
  for (const command of commands) {
    const parsed = parseCommandLine(command);
    if (!parsed.ok) {
      failures.push(`\`${command}\`: ${parsed.error}`);
      continue;
    }
    const r = await runPipeline(parsed.stages, { cwd, signal: AbortSignal.timeout(timeoutMs), env });
    const last = r.stages.at(-1);
    if (r.spawnError) failures.push(`\`${command}\`: ${r.spawnError.argv0} could not start (${r.spawnError.code})`);
    else if (r.aborted) failures.push(`\`${command}\`: timed out after ${timeoutMs} ms`);
    else if (r.stages.some((s) => s.code !== 0)) {
      const tail = (r.stderr + r.stdout).trim().split('\n').slice(-5).join('\n');
      failures.push(`\`${command}\` exited with code ${last?.code ?? last?.signal}${tail ? `:\n${tail}` : ''}`);
    }
  }
  return failures;
}
