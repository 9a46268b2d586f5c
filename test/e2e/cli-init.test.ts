// `concord init` on folders of real git repos: names, paths, remotes, package names, .gitignore.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { git, tempDir } from '../helpers/temp.js';

function repo(root: string, rel: string, files: Record<string, string> = {}, remote?: string): string {
  const dir = path.join(root, rel);
  fs.mkdirSync(dir, { recursive: true });
  git(dir, 'init', '-q', '-b', 'main');
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  if (remote) git(dir, 'remote', 'add', 'origin', remote);
  return dir;
}

describe('concord init', () => {
  it('writes a starter ecosystem.yaml with each repo: name, relative path, remote URL, package name', () => {
    const root = tempDir();
    repo(root, 'api', { 'package.json': JSON.stringify({ name: '@acme/api', version: '1.0.0' }) }, 'git@github.com:acme/api.git');
    repo(root, 'web', { 'pyproject.toml': '[build-system]\nrequires = []\n\n[project]\nname = "acme-web"\n' }, 'https://github.com/acme/web.git');
    repo(root, 'libs/core', { 'Cargo.toml': '[package]\nname = "acme_core"\nversion = "0.1.0"\n' });
    repo(root, 'tools/cli', { 'go.mod': 'module github.com/acme/cli\n\ngo 1.22\n' });
    fs.mkdirSync(path.join(root, 'node_modules', 'dep', '.git'), { recursive: true });
    fs.mkdirSync(path.join(root, 'notes'));
    const r = concord(['init'], { cwd: root });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Wrote .*ecosystem\.yaml with 4 repo\(s\)\.\nNAME\s+PATH\s+PACKAGE\s+URL\napi\s+\.\/api\s+@acme\/api\s+git@github\.com:acme\/api\.git\n/);
    expect(r.stdout).toContain('Added .concord/ to');
    const text = fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8');
    expect(text).toContain(["repos:", "  - name: api", "    path: ./api", "    url: git@github.com:acme/api.git", "    package: '@acme/api'", "  - name: core", "    path: ./libs/core", "    package: acme_core", "  - name: cli", "    path: ./tools/cli", "    package: github.com/acme/cli", "  - name: web", "    path: ./web", "    url: https://github.com/acme/web.git", "    package: acme-web"].join('\n'));
    expect(text).not.toContain('node_modules');
    expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe("# Concord's runtime state (index, history, runs): not for git\n.concord/\n");
    // The new file is a working ecosystem: lint passes, queries and writes work.
    expect(concord(['lint'], { cwd: root }).code).toBe(0);
    expect((concord(['repo', 'list', '--json'], { cwd: root }).json() as { repos: unknown[] }).repos).toHaveLength(4);
    const created = concord(['todo', 'create', 'First todo', '--repo', 'web', '--json'], { cwd: root });
    expect(created.code).toBe(0);
    expect(fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8')).toContain('task: First todo');
  });

  it('on an existing ecosystem, adds the repos it lacks and changes nothing else; --replace keeps a backup', () => {
    const root = tempDir();
    repo(root, 'one', {}, 'https://git.example.com/one.git');
    repo(root, 'two', { 'package.json': JSON.stringify({ name: '@acme/two' }) });
    fs.writeFileSync(path.join(root, '.gitignore'), 'node_modules\n.concord/');
    const mine = '# mine: hand-written\nrepos:\n  - name: first\n    path: ./one   # the old name stays\n    role: service\ncoordination:\n  todos:\n    - id: TODO-1\n      task: Keep me\n      repo: first\n      status: pending\n';
    fs.writeFileSync(path.join(root, 'ecosystem.yaml'), mine);
    const merged = concord(['init'], { cwd: root });
    expect(merged.code, merged.stderr).toBe(0);
    expect(merged.stdout).toMatch(/^Added 1 new repo\(s\) to .*ecosystem\.yaml \(1 already in the catalog\); nothing else changed\.\nNAME\s+PATH\s+PACKAGE\s+URL\ntwo\s+\.\/two\s+@acme\/two\s*\n/);
    const text = fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8');
    expect(text).toBe(mine.replace('    role: service\n', "    role: service\n  - name: two\n    path: ./two\n    package: '@acme/two'\n"));
    // Run again: nothing new, nothing written.
    const again = concord(['init', '--json'], { cwd: root });
    expect(again.json()).toMatchObject({ mode: 'merged', repos: [], known: ['first', 'two'] });
    expect(fs.readFileSync(path.join(root, 'ecosystem.yaml'), 'utf8')).toBe(text);
    expect(concord(['init', '--force'], { cwd: root }).code).toBe(2);

    const replaced = concord(['init', '--replace', '--json'], { cwd: root });
    expect(replaced.code).toBe(0);
    const r = replaced.json() as { mode: string; backup: string; repos: { name: string }[] };
    expect(r.mode).toBe('replaced');
    expect(r.repos.map((x) => x.name)).toEqual(['one', 'two']);
    expect(fs.readFileSync(r.backup, 'utf8')).toBe(text);
    expect(path.dirname(r.backup)).toBe(fs.realpathSync(root));
    expect(fs.readFileSync(path.join(root, '.gitignore'), 'utf8')).toBe('node_modules\n.concord/');
  });

  it('scans another folder (--scan, --depth), names clashing repos by path, reads worktree remotes', () => {
    const root = tempDir();
    const code = path.join(root, 'code');
    const main = repo(code, 'team-a/api', {}, 'git@example.com:a/api.git');
    repo(code, 'team-b/api');
    repo(code, 'deep/er/still/svc');
    git(main, '-c', 'user.name=T', '-c', 'user.email=t@e', 'commit', '-q', '--allow-empty', '-m', 'init');
    git(main, 'worktree', 'add', '-q', path.join(code, 'team-a', 'api-wt'));
    const eco = path.join(root, 'eco');
    const r = concord(['init', 'eco', '--scan', 'code', '--json'], { cwd: root });
    expect(r.code).toBe(0);
    const out = r.json() as { repos: { name: string; path: string; url?: string }[] };
    expect(out.repos).toEqual([
      { name: 'team-a-api', path: '../code/team-a/api', url: 'git@example.com:a/api.git' },
      { name: 'api-wt', path: '../code/team-a/api-wt', url: 'git@example.com:a/api.git' },
      { name: 'team-b-api', path: '../code/team-b/api' },
    ]);
    expect(fs.existsSync(path.join(eco, 'ecosystem.yaml'))).toBe(true);
    const deeper = concord(['init', 'eco', '--scan', 'code', '--depth', '4', '--json'], { cwd: root }).json() as { repos: { name: string }[] };
    expect(deeper.repos.map((x) => x.name)).toContain('svc');
  });

  it('writes a valid file when no repos are found, and says how to go on', () => {
    const root = tempDir();
    const r = concord(['init'], { cwd: root });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('No git repos were found');
    expect(concord(['status', '--json'], { cwd: root }).code).toBe(0);
    expect(concord(['init', '--scan', 'missing'], { cwd: root }).stderr).toMatch(/^IO_ERROR: cannot scan .*missing: it is not a folder/);
  });
});
