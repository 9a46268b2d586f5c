// Export: a local branch to a Git host, as one pull/merge request. The remote repository is created or reused,
// the branch (and the base, when the remote lacks it) pushed, and the request opened only if none is open for
// the branch already: running an export twice never makes a second one.
import { git } from '../app/git.js';
import { ConcordError } from '../core/errors.js';
import type { ChangeRequest, GitHostClient, RemoteRepo } from './client.js';

export interface ExportRequest {
  dir: string;
  project: string;
  /** Default: the branch checked out in `dir`. */
  branch?: string;
  base: string;
  title: string;
  body: string;
  private: boolean;
  description?: string;
  draft?: boolean;
  /** Commit what is not committed yet first, with this message. */
  commit?: string;
}

export interface ExportResult {
  repo: RemoteRepo;
  request: ChangeRequest;
  /** False when an open request for the branch existed already. */
  created: boolean;
  branch: string;
  pushed: string[];
}

export async function exportBranch(client: GitHostClient, r: ExportRequest, o: { env: Readonly<Record<string, string | undefined>>; log: (line: string) => void }): Promise<ExportResult> {
  // The token is checked before anything is created or pushed.
  const me = await client.whoami();
  o.log(`${client.name}: signed in as ${me.login}`);
  const env = o.env;
  const branch = r.branch ?? (await git(r.dir, ['rev-parse', '--abbrev-ref', 'HEAD'], { env })).stdout.trim();
  if (!branch || branch === 'HEAD') throw new ConcordError('INVALID_INPUT', `export: ${r.dir} has no branch checked out`, { hint: 'name one with branch:' });
  if (branch === r.base) throw new ConcordError('INVALID_INPUT', `export: the branch ${branch} is the base itself; a pull request needs a branch of its own`, { hint: 'create a branch for the work (git switch -c feature/x), or name it with branch:' });
  if (r.commit) {
    const status = (await git(r.dir, ['status', '--porcelain'], { env })).stdout;
    if (status.trim()) {
      await git(r.dir, ['add', '-A'], { env });
      await git(r.dir, ['commit', '-q', '-m', r.commit], { env });
      o.log(`committed ${status.trim().split('\n').length} change(s)`);
    }
  }
  const repo = await client.ensureRepo({ project: r.project, private: r.private, ...(r.description ? { description: r.description } : {}) });
  o.log(`${client.name}: ${repo.created ? 'created' : 'reusing'} ${repo.fullName} (${repo.webUrl})`);
  // The credentials ride in the environment (git's GIT_CONFIG_* variables), never in argv or the remote URL.
  const pushEnv = { ...env, GIT_CONFIG_COUNT: '1', GIT_CONFIG_KEY_0: 'http.extraHeader', GIT_CONFIG_VALUE_0: client.pushHeader(), GIT_TERMINAL_PROMPT: '0' };
  const remoteHas = async (ref: string) => (await git(r.dir, ['ls-remote', '--heads', repo.cloneUrl, ref], { env: pushEnv, timeoutMs: 120_000 })).stdout.trim() !== '';
  const pushed: string[] = [];
  const localHas = async (ref: string) => (await git(r.dir, ['rev-parse', '--verify', '-q', `refs/heads/${ref}`], { env, allowFail: true })).code === 0;
  if (!(await remoteHas(r.base))) {
    if (!(await localHas(r.base))) throw new ConcordError('INVALID_INPUT', `export: the remote has no ${r.base} and neither has ${r.dir}`, { hint: 'name the base branch with base:' });
    await git(r.dir, ['push', '-q', repo.cloneUrl, `refs/heads/${r.base}:refs/heads/${r.base}`], { env: pushEnv, timeoutMs: 300_000 });
    pushed.push(r.base);
  }
  await git(r.dir, ['push', '-q', repo.cloneUrl, `refs/heads/${branch}:refs/heads/${branch}`], { env: pushEnv, timeoutMs: 300_000 });
  pushed.push(branch);
  o.log(`pushed ${pushed.join(', ')}`);
  const existing = await client.findRequest({ project: repo.fullName, branch });
  if (existing) {
    o.log(`${client.name}: ${existing.url} is already open for ${branch}`);
    return { repo, request: existing, created: false, branch, pushed };
  }
  const request = await client.openRequest({ project: repo.fullName, branch, base: r.base, title: r.title, body: r.body, ...(r.draft ? { draft: true } : {}) });
  o.log(`${client.name}: opened ${request.url}`);
  return { repo, request, created: true, branch, pushed };
}
