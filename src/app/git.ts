// git as a child process, through the one process runner (bounded, no shell).
import { ConcordError } from '../core/errors.js';
import { allowEnv, runProcess } from './process.js';

export interface GitOptions {
  env: Readonly<Record<string, string | undefined>>;
  /** Return the result instead of throwing when git fails. */
  allowFail?: boolean;
  timeoutMs?: number;
}

export interface GitResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Identity for commits Concord makes itself, used only when the repo has none configured. */
const IDENTITY = { GIT_AUTHOR_NAME: 'Concord', GIT_AUTHOR_EMAIL: 'concord@localhost', GIT_COMMITTER_NAME: 'Concord', GIT_COMMITTER_EMAIL: 'concord@localhost' };

export async function git(cwd: string, args: readonly string[], o: GitOptions): Promise<GitResult> {
  const env = allowEnv(o.env, ['GIT_*', 'SSH_AUTH_SOCK']);
  for (const [k, v] of Object.entries(IDENTITY)) env[k] ??= v;
  const r = await runProcess({ argv: ['git', ...args], cwd, env, wallMs: o.timeoutMs ?? 60_000, graceMs: 1_000 });
  const result = { code: r.spawnError ? null : r.code, stdout: r.stdout, stderr: r.stderr + (r.spawnError ? r.spawnError.message : '') };
  if (result.code !== 0 && !o.allowFail) {
    throw new ConcordError('IO_ERROR', `git ${args.join(' ')} failed in ${cwd}: ${result.stderr.trim().split('\n').slice(-2).join(' ') || `exit ${result.code}`}`, {
      hint: 'check that the repo path in ecosystem.yaml is a git repository and that git works there',
      data: { cwd, args: [...args], code: result.code },
    });
  }
  return result;
}
