// Isolation: a worktree per attempt on concord/<todo>/<run> from the base; cleanup never loses work.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { headCommit } from '../../src/app/runs/verify.js';
import { cleanupWorktree, prepareWorktree, runBranch } from '../../src/app/runs/worktree.js';
import { git, gitInit, tempDir } from '../helpers/temp.js';

function repo() {
  const dir = tempDir('concord-wt-');
  fs.writeFileSync(path.join(dir, 'README.md'), '# r\n');
  gitInit(dir);
  return dir;
}

describe('worktrees', () => {
  it('cleanup commits what the agent left (untracked files too), bundles the unpushed commits, then removes only the folder', async () => {
    const dir = repo();
    const root = tempDir('concord-wt-root-');
    const base = await headCommit(dir, process.env);
    const wt = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-A', attempt: 1, resume: false, env: process.env });
    expect(wt).toMatchObject({ branch: 'concord/TODO-1/RUN-A', base });
    fs.writeFileSync(path.join(wt.dir, 'committed.txt'), 'one\n');
    git(wt.dir, 'add', '-A');
    git(wt.dir, 'commit', '-qm', 'agent work');
    fs.writeFileSync(path.join(wt.dir, 'untracked.txt'), 'left behind\n');
    fs.appendFileSync(path.join(wt.dir, 'README.md'), 'edited, not committed\n');
    const bundles = tempDir('concord-bundles-');
    const r = await cleanupWorktree(dir, { ...wt, run: 'RUN-A', bundles }, process.env);
    expect(r.removed).toBe(true);
    expect(fs.existsSync(wt.dir)).toBe(false);
    // Everything is on the branch, and in the bundle.
    expect(git(dir, 'show', `${wt.branch}:untracked.txt`)).toBe('left behind\n');
    expect(git(dir, 'show', `${wt.branch}:README.md`)).toContain('edited, not committed');
    expect(git(dir, 'bundle', 'list-heads', r.bundle!)).toContain(`refs/heads/${wt.branch}`);
    const clone = tempDir('concord-unbundle-');
    git(clone, 'init', '-q');
    git(clone, 'fetch', '-q', dir, base);
    git(clone, 'fetch', '-q', r.bundle!, `refs/heads/${wt.branch}:restored`);
    expect(git(clone, 'show', 'restored:committed.txt')).toBe('one\n');
    // The branch is never deleted; the repo's own checkout is untouched.
    expect(git(dir, 'branch', '--list', wt.branch).trim()).toBe(wt.branch);
    expect(git(dir, 'status', '--porcelain').trim()).toBe('');
  });

  it('a retry starts again from the base in a fresh worktree; the earlier attempt stays under refs/concord/attempts', async () => {
    const dir = repo();
    const root = tempDir('concord-wt-root-');
    const first = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-B', attempt: 1, resume: false, env: process.env });
    fs.writeFileSync(path.join(first.dir, 'try1.txt'), 'x\n');
    const second = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-B', attempt: 2, base: first.base, previous: first.dir, resume: false, env: process.env });
    expect(second.dir).not.toBe(first.dir);
    expect(fs.existsSync(path.join(second.dir, 'try1.txt'))).toBe(false);
    expect(git(dir, 'show', 'refs/concord/attempts/RUN-B/1:try1.txt')).toBe('x\n');
    // A resume continues in the same worktree.
    const resumed = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-B', attempt: 3, base: first.base, previous: second.dir, resume: true, env: process.env });
    expect(resumed.dir).toBe(second.dir);
  });

  it('a retry after a worker was killed mid-commit: the stale locks go, the leftovers are saved, the branch is taken again', async () => {
    const dir = repo();
    const root = tempDir('concord-wt-root-');
    const first = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-K', attempt: 1, resume: false, env: process.env });
    fs.writeFileSync(path.join(first.dir, 'half-done.txt'), 'work of attempt 1\n');
    // What a `git commit` killed with SIGKILL leaves: the worktree's index lock and the branch's ref lock.
    const gitDir = git(first.dir, 'rev-parse', '--absolute-git-dir').trim();
    fs.writeFileSync(path.join(gitDir, 'index.lock'), '');
    fs.mkdirSync(path.join(dir, '.git', 'refs', 'heads', 'concord', 'TODO-1'), { recursive: true });
    fs.writeFileSync(path.join(dir, '.git', 'refs', 'heads', 'concord', 'TODO-1', 'RUN-K.lock'), '');
    // The run does not name the worktree (its worker died before recording it).
    const second = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-K', attempt: 2, base: first.base, resume: false, env: process.env });
    expect(second).toMatchObject({ branch: first.branch, base: first.base });
    expect(fs.existsSync(path.join(second.dir, 'half-done.txt'))).toBe(false);
    expect(git(dir, 'show', 'refs/concord/attempts/RUN-K/1:half-done.txt')).toBe('work of attempt 1\n');
    expect(fs.existsSync(first.dir)).toBe(false);
  });

  it('a retry takes the branch even from a worktree whose work cannot be saved, and leaves that folder as it is', async () => {
    const dir = repo();
    const root = tempDir('concord-wt-root-');
    const first = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-L', attempt: 1, resume: false, env: process.env });
    fs.writeFileSync(path.join(first.dir, 'unsaved.txt'), 'keep me\n');
    // A commit hook that fails is skipped (--no-verify); a broken index is not: the leftovers cannot be committed.
    const gitDir = git(first.dir, 'rev-parse', '--absolute-git-dir').trim();
    fs.writeFileSync(path.join(gitDir, 'index'), 'not an index');
    const second = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-L', attempt: 2, base: first.base, previous: first.dir, resume: false, env: process.env });
    expect(second.dir).not.toBe(first.dir);
    expect(git(second.dir, 'symbolic-ref', 'HEAD').trim()).toBe(`refs/heads/${first.branch}`);
    expect(fs.readFileSync(path.join(first.dir, 'unsaved.txt'), 'utf8')).toBe('keep me\n');
  });

  it('a retry finds its own folder half made by a `git worktree add` killed with its worker: moved aside whole, the retry starts', async () => {
    const dir = repo();
    const root = tempDir('concord-wt-root-');
    const first = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-C', attempt: 1, resume: false, env: process.env });
    fs.mkdirSync(path.join(root, 'RUN-C-2'), { recursive: true });
    fs.writeFileSync(path.join(root, 'RUN-C-2', 'stray'), 'x\n');
    const second = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-C', attempt: 2, base: first.base, resume: false, env: process.env });
    expect(second.dir).toBe(path.join(root, 'RUN-C-2'));
    expect(git(second.dir, 'rev-parse', '--abbrev-ref', 'HEAD').trim()).toBe('concord/TODO-1/RUN-C');
    expect(fs.existsSync(path.join(second.dir, 'stray'))).toBe(false);
    const aside = fs.readdirSync(root).filter((f) => f.includes('.aside-'));
    expect(aside.map((f) => f.replace(/\.aside-\d+$/, ''))).toEqual(['RUN-C-2']);
    expect(fs.readFileSync(path.join(root, aside[0]!, 'stray'), 'utf8')).toBe('x\n');
  });

  it('a retry after a `git worktree add` killed half-way (the folder never made, git holding it locked) takes the same folder and branch', async () => {
    const dir = repo();
    const root = tempDir('concord-wt-root-');
    const first = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-M', attempt: 1, resume: false, env: process.env });
    fs.rmSync(first.dir, { recursive: true, force: true });
    fs.writeFileSync(path.join(dir, '.git', 'worktrees', path.basename(first.dir), 'locked'), 'initializing\n');
    // The killed worker never recorded it, and never started the attempt: the retry is attempt 1 again.
    const again = await prepareWorktree({ repoDir: dir, root, todo: 'TODO-1', run: 'RUN-M', attempt: 1, resume: false, env: process.env });
    expect(again).toMatchObject({ dir: first.dir, branch: first.branch });
    expect(git(again.dir, 'symbolic-ref', 'HEAD').trim()).toBe(`refs/heads/${first.branch}`);
  });

  it('names branches git accepts whatever the todo id holds', () => {
    expect(runBranch('MHV:12..x', 'RUN-1')).toBe('concord/MHV-12.x/RUN-1');
    expect(() => git(repo(), 'check-ref-format', `refs/heads/${runBranch('a/b:c', 'RUN.lock')}`)).not.toThrow();
  });
});
