// Isolation: a fresh git worktree per attempt on branch concord/<todo>/<run>, from a recorded base commit,
// and a cleanup that never loses work.
//
// Automatic cleanup has destroyed unpushed commits and untracked files in other tools (claude-code
// #38287, vibe-kanban #880). Here it first commits whatever the agent left (tracked or not) on the run's
// branch, writes a git bundle of the branch's commits that no remote has, and only then removes the
// worktree's folder. Branches are never deleted. A retry starts from the base again; the previous
// attempt's tip is kept under refs/concord/attempts/<run>/<n>.
import fs from 'node:fs';
import path from 'node:path';
import { git } from '../git.js';
import { commitLeftovers, headCommit } from './verify.js';

type Env = Readonly<Record<string, string | undefined>>;

export interface WorktreeRequest {
  repoDir: string;
  /** Where run folders live (.concord/worktrees). */
  root: string;
  todo: string;
  run: string;
  attempt: number;
  /** The base of earlier attempts (a retry starts from it again). */
  base?: string;
  /** The worktree of the previous attempt, kept for a resume. */
  previous?: string;
  /** Continue in the previous worktree (a resume) instead of a fresh one. */
  resume: boolean;
  env: Env;
}

export interface Worktree {
  dir: string;
  branch: string;
  base: string;
}

/** A branch name git accepts, whatever the todo id holds (`:` and `..` are not allowed in refs). */
export function runBranch(todo: string, run: string): string {
  const clean = (s: string) => s.replace(/[^A-Za-z0-9._/-]+/g, '-').replace(/\.{2,}/g, '.').replace(/\/+/g, '-').replace(/^[.-]+|[.]+$|\.lock$/g, '') || 'todo';
  return `concord/${clean(todo)}/${clean(run)}`;
}

export async function prepareWorktree(r: WorktreeRequest): Promise<Worktree> {
  const branch = runBranch(r.todo, r.run);
  if (r.resume && r.previous && r.base && fs.existsSync(r.previous)) return { dir: r.previous, branch, base: r.base };
  const base = r.base ?? (await headCommit(r.repoDir, r.env));
  const dir = path.join(r.root, `${r.run}-${r.attempt}`);
  // The common case (a run's first attempt: no branch, no folder, no record) is one `git worktree add`. It
  // makes nothing when it fails (a branch of that name, a record left of the folder): then the careful way.
  if (!r.previous && !fs.existsSync(dir)) {
    fs.mkdirSync(r.root, { recursive: true });
    if ((await git(r.repoDir, ['worktree', 'add', '-q', '-b', branch, dir, base], { env: r.env, allowFail: true })).code === 0) return { dir, branch, base };
  }
  const exists = (await git(r.repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { env: r.env, allowFail: true })).code === 0;
  if (exists) {
    // An earlier attempt's work: saved on the branch (whichever worktree has it: a worker killed before it
    // recorded its worktree leaves one the run does not name), its tip kept, then the branch starts again.
    for (const old of new Set([...(r.previous && fs.existsSync(r.previous) ? [r.previous] : []), ...(await worktreesOn(r.repoDir, branch, r.env))])) await removeWorktree(r.repoDir, old, r.env);
    await git(r.repoDir, ['update-ref', `refs/concord/attempts/${r.run}/${r.attempt - 1}`, `refs/heads/${branch}`], { env: r.env });
    // One whose work could not be committed stays, folder and all, detached at the branch's tip (git lets a
    // branch be checked out once): the new attempt takes the branch.
    const tip = (await git(r.repoDir, ['rev-parse', `refs/heads/${branch}`], { env: r.env })).stdout.trim();
    // One whose folder was never made (a `git worktree add` killed half way) is only a locked record: removed.
    for (const old of await worktreesOn(r.repoDir, branch, r.env)) {
      if (fs.existsSync(old)) await git(old, ['update-ref', '--no-deref', 'HEAD', tip], { env: r.env });
      else await clearWorktree(r.repoDir, old, r.env);
    }
  }
  fs.mkdirSync(r.root, { recursive: true });
  await clearWorktree(r.repoDir, dir, r.env);
  await git(r.repoDir, ['worktree', 'add', '-q', exists ? '-B' : '-b', branch, dir, base], { env: r.env });
  return { dir, branch, base };
}

/** The worktrees that have `branch` checked out. */
async function worktreesOn(repoDir: string, branch: string, env: Env): Promise<string[]> {
  const list = (await git(repoDir, ['worktree', 'list', '--porcelain'], { env, allowFail: true })).stdout;
  return list
    .split(/\n\n+/)
    .filter((block) => block.split('\n').includes(`branch refs/heads/${branch}`))
    .map((block) => block.split('\n')[0]!.replace(/^worktree /, ''));
}

/**
 * Removes the lock files a git process killed in this worktree left (the agent's `git commit` under
 * SIGKILL): every process of the attempt that used it has ended by now (its worker ended it, or recovery
 * stopped its process group), so they are stale, and with them no commit of its leftovers could be made.
 */
async function clearStaleLocks(dir: string, env: Env): Promise<void> {
  // One git: the worktree's git folder, the repo's, and the branch checked out ("HEAD" when detached).
  const r = await git(dir, ['rev-parse', '--path-format=absolute', '--git-dir', '--git-common-dir', '--symbolic-full-name', 'HEAD'], { env, allowFail: true });
  const [gitDir = '', common = '', head = ''] = r.code === 0 ? r.stdout.split('\n').map((l) => l.trim()) : [];
  const ref = head.startsWith('refs/') ? head : '';
  const locks = [gitDir && path.join(gitDir, 'index.lock'), gitDir && path.join(gitDir, 'HEAD.lock'), common && ref && path.join(common, `${ref}.lock`)];
  for (const lock of locks) if (lock && fs.existsSync(lock)) fs.rmSync(lock, { force: true });
}

/** Saves what the agent left and removes the folder; returns the bundle written, if any. */
export async function cleanupWorktree(repoDir: string, wt: Worktree & { run: string; bundles: string }, env: Env): Promise<{ bundle?: string; removed: boolean }> {
  if (!fs.existsSync(wt.dir)) return { removed: false };
  await clearStaleLocks(wt.dir, env);
  await commitLeftovers(wt.dir, env, `concord: work left in the worktree of ${wt.run} when it was cleaned up`);
  let bundle: string | undefined;
  // Commits on the branch that no remote has: kept in a bundle as well as on the branch itself.
  const unpushed = (await git(repoDir, ['rev-list', '--count', `refs/heads/${wt.branch}`, '--not', '--remotes', wt.base], { env, allowFail: true })).stdout.trim();
  if (Number(unpushed) > 0) {
    fs.mkdirSync(wt.bundles, { recursive: true });
    bundle = path.join(wt.bundles, `${wt.run}.bundle`);
    await git(repoDir, ['bundle', 'create', bundle, `refs/heads/${wt.branch}`, '--not', wt.base], { env });
  }
  await removeWorktree(repoDir, wt.dir, env, { saved: true });
  return { ...(bundle ? { bundle } : {}), removed: true };
}

/**
 * Makes room for the attempt's own folder: removed once its work is committed; one whose work cannot be
 * committed (a `git worktree add` killed half way leaves a folder that is no checkout) is moved aside whole.
 */
async function clearWorktree(repoDir: string, dir: string, env: Env): Promise<void> {
  if (fs.existsSync(dir)) {
    await removeWorktree(repoDir, dir, env);
    if (fs.existsSync(dir)) fs.renameSync(dir, `${dir}.aside-${Date.now()}`);
  }
  // What git still records of it: a `git worktree add` killed half-way leaves it locked, and prune keeps locked
  // ones (the tower-defence test: 'already checked out' at a folder that was never made, every later attempt).
  await git(repoDir, ['worktree', 'remove', '--force', '--force', dir], { env, allowFail: true });
  await git(repoDir, ['worktree', 'prune'], { env, allowFail: true });
}

/**
 * Removes a worktree's folder, but only once what it holds is committed on its branch (`saved`: the caller
 * has just cleared its locks and committed it, with no process of the attempt left to write more).
 */
async function removeWorktree(repoDir: string, dir: string, env: Env, o: { saved?: boolean } = {}): Promise<void> {
  // A folder already gone (removed by hand, or a cleanup killed half-way) leaves only git's record of it.
  if (!fs.existsSync(dir)) return void (await git(repoDir, ['worktree', 'prune'], { env, allowFail: true }));
  if (!o.saved) {
    await clearStaleLocks(dir, env);
    const saved = await commitLeftovers(dir, env, `concord: work left in ${path.basename(dir)} before it was replaced`).then(
      () => true,
      () => false,
    );
    if (!saved) return;
  }
  const removed = (await git(repoDir, ['worktree', 'remove', '--force', dir], { env, allowFail: true })).code === 0;
  // git removed both the folder and its record; otherwise the folder goes by hand and prune drops the record.
  if (removed && !fs.existsSync(dir)) return;
  if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
  await git(repoDir, ['worktree', 'prune'], { env, allowFail: true });
}
