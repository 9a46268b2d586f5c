// `concord repo add|update|remove` and `concord role add|update|remove`: the catalog without editing YAML by hand.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

function setup(text = SMALL) {
  const { dir, file } = ecosystemDir(text);
  return { run: (...args: string[]) => concord(args, { cwd: dir }), read: () => fs.readFileSync(file, 'utf8') };
}

describe('repo commands', () => {
  it('adds, updates and lists a repo; refuses a taken name or an unknown role', () => {
    const { run, read } = setup();
    const add = run('repo', 'add', 'billing', '--path', './billing', '--role', 'service', '--tag', 'backend,payments', '--json');
    expect(add.code, add.stderr).toBe(0);
    expect(add.json()).toMatchObject({ name: 'billing', path: './billing', role: 'service', tags: ['backend', 'payments'] });
    expect(read()).toContain('  - name: billing\n    path: ./billing\n    role: service\n    tags: [backend, payments]\n');
    expect(run('repo', 'add', 'billing').stderr).toMatch(/^DUPLICATE_ID: repo billing is already in the catalog\n {2}hint: change it with `concord repo update billing`/);
    expect(run('repo', 'add', 'x', '--role', 'servce').stderr).toMatch(/^UNKNOWN_REFERENCE: new repo x: role "servce" is not under roles:/);
    const upd = run('repo', 'update', 'billing', '--url', 'https://git.example.com/billing.git', '--no-role');
    expect(upd.code, upd.stderr).toBe(0);
    expect(read()).toContain('  - name: billing\n    path: ./billing\n    url: https://git.example.com/billing.git\n    tags: [backend, payments]\n');
    expect((run('repo', 'list', '--json').json() as { repos: { name: string }[] }).repos.map((r) => r.name)).toEqual(['api', 'web', 'lib', 'billing']);
  });

  it('refuses to remove a repo todos or dependencies name, naming them; --force only drops it from issue and plan lists', () => {
    const { run, read } = setup();
    const before = read();
    const named = run('repo', 'remove', 'web');
    expect(named.code).toBe(1);
    expect(named.stderr).toMatch(/^HAS_DEPENDENTS: repo web is still named by todos TODO-2 and dependencies DEP-1; nothing was removed\n/);
    expect(run('repo', 'remove', 'web', '--force').code).toBe(1);
    expect(read()).toBe(before);
    expect(run('repo', 'add', 'old').code).toBe(0);
    expect(run('issue', 'update', 'ISSUE-1', '--repos', 'api,web,old').code).toBe(0);
    const listed = run('repo', 'remove', 'old');
    expect(listed.stderr).toMatch(/^HAS_DEPENDENTS: repo old is still listed by issues ISSUE-1; nothing was removed\n {2}hint: pass --force to drop it from those lists as well\n$/);
    const forced = run('repo', 'remove', 'old', '--force', '--json');
    expect(forced.json()).toEqual({ removed: 'old', changed: true });
    expect(read()).not.toContain('name: old');
    expect((run('issue', 'show', 'ISSUE-1', '--json').json() as { issue: { repos: string[] } }).issue.repos).toEqual(['api', 'web']);
  });
});

describe('role commands', () => {
  it('adds and updates a role; refuses to remove one repos play unless --force, which clears their role', () => {
    const { run, read } = setup();
    expect(run('role', 'add', 'worker', '--description', 'Runs jobs', '--capability', 'run,retry', '--json').json()).toMatchObject({ name: 'worker', capabilities: ['run', 'retry'] });
    expect(read()).toContain('  - name: worker\n    description: Runs jobs\n    capabilities: [run, retry]\n');
    expect(run('role', 'update', 'worker', '--duty', 'drain').code).toBe(0);
    expect(run('role', 'add', 'worker').code).toBe(1);
    const played = run('role', 'remove', 'service');
    expect(played.code).toBe(1);
    expect(played.stderr).toMatch(/^HAS_DEPENDENTS: role service is still played by repos api; nothing was removed\n/);
    expect(run('role', 'remove', 'service', '--force').code).toBe(0);
    expect(read()).not.toContain('role: service');
    expect(read()).not.toContain('- name: service');
    expect(run('role', 'remove', 'worker').code).toBe(0);
    expect(run('role', 'remove', 'nope').stderr).toMatch(/^ITEM_NOT_FOUND: role nope not found/);
  });
});
