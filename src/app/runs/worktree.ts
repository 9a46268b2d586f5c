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
  const exists = (await git(r.repoDir, ['rev-parse', '--verify', '--quiet', `refs/heads/${branch}`], { env: r.env, allowFail: true })).code === 0;
  if (exists) {
    // An earlier attempt's work: keep its tip, then start the branch again from the base. The worktree that
    // has the branch checked out may be one the run never recorded (its worker was killed right after making it).
    const holders = new Set([...(r.previous && fs.existsSync(r.previous) ? [r.previous] : []), ...(await worktreesOf(r.repoDir, branch, r.env))]);
    for (const h of holders) await clearWorktree(r.repoDir, h, r.env);
    await git(r.repoDir, ['update-ref', `refs/concord/attempts/${r.run}/${r.attempt - 1}`, `refs/heads/${branch}`], { env: r.env });
  }
  fs.mkdirSync(r.root, { recursive: true });
  if (fs.existsSync(dir)) await clearWorktree(r.repoDir, dir, r.env);
  await git(r.repoDir, ['worktree', 'add', '-q', exists ? '-B' : '-b', branch, dir, base], { env: r.env });
  return { dir, branch, base };
}

/** Saves what the agent left and removes the folder; returns the bundle written, if any. */
export async function cleanupWorktree(repoDir: string, wt: Worktree & { run: string; bundles: string }, env: Env): Promise<{ bundle?: string; removed: boolean }> {
  if (!fs.existsSync(wt.dir)) return { removed: false };
  await commitLeftovers(wt.dir, env, `concord: work left in the worktree of ${wt.run} when it was cleaned up`);
  let bundle: string | undefined;
  // Commits on the branch that no remote has: kept in a bundle as well as on the branch itself.
  const unpushed = (await git(repoDir, ['rev-list', '--count', `refs/heads/${wt.branch}`, '--not', '--remotes', wt.base], { env, allowFail: true })).stdout.trim();
  if (Number(unpushed) > 0) {
    fs.mkdirSync(wt.bundles, { recursive: true });
    bundle = path.join(wt.bundles, `${wt.run}.bundle`);
    await git(repoDir, ['bundle', 'create', bundle, `refs/heads/${wt.branch}`, '--not', wt.base], { env });
  }
  await removeWorktree(repoDir, wt.dir, env);
  return { ...(bundle ? { bundle } : {}), removed: true };
}

/** The folders of the repo's worktrees that have `branch` checked out. */
async function worktreesOf(repoDir: string, branch: string, env: Env): Promise<string[]> {
  const out = (await git(repoDir, ['worktree', 'list', '--porcelain'], { env, allowFail: true })).stdout;
  const dirs: string[] = [];
  let current: string | undefined;
  for (const line of out.split('\n')) {
    if (line.startsWith('worktree ')) current = line.slice('worktree '.length);
    else if (line === `branch refs/heads/${branch}` && current) dirs.push(current);
  }
  return dirs;
}

/**
 * Makes room for a new worktree: removes the folder once its work is committed; a folder whose work cannot be
 * committed (a commit killed with its worker leaves index.lock; a worktree killed half made is no checkout)
 * is moved aside, kept whole beside it, and git forgets it.
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

/** Removes a worktree's folder, but only once what it holds is committed on its branch. */
async function removeWorktree(repoDir: string, dir: string, env: Env): Promise<void> {
  const saved = await commitLeftovers(dir, env, `concord: work left in ${path.basename(dir)} before it was replaced`).then(
    () => true,
    () => false,
  );
  if (!saved) return;
  await git(repoDir, ['worktree', 'remove', '--force', dir], { env, allowFail: true });
  if (fs.existsSync(dir)) fs.rmSync(dir, { recursive: true, force: true });
  await git(repoDir, ['worktree', 'prune'], { env, allowFail: true });
}
