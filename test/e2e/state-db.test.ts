// state.db is honest: deleted, truncated, garbage or read-only, every command still reads the file; what a
// rebuild cannot bring back is said, loudly; an old claim token never comes back to life.
import { spawnSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

const LOST = /claims and leases \(todos in progress become stale; their old tokens are refused\), checkpoints, hook deliveries not yet made, the history and the dependency-check history/;

/** A workspace with durable state: a claim, a checkpoint, history. Returns the claim token. */
function withState(dir: string): string {
  const claim = concord(['todo', 'claim', 'TODO-2', '--agent', 'bot', '--json'], { cwd: dir });
  expect(claim.code, claim.stderr).toBe(0);
  expect(concord(['checkpoint', 'save', '--todo', 'TODO-2', '--phase', 'build', '--progress', '0.5'], { cwd: dir }).code).toBe(0);
  return (claim.json() as { claim: { token: string } }).claim.token;
}

const todoIds = (dir: string, env: Record<string, string> = {}) => {
  const r = concord(['todo', 'list', '--json'], { cwd: dir, env });
  expect(r.code, r.stderr).toBe(0);
  return { ids: (r.json() as { items: { id: string }[] }).items.map((t) => t.id), stderr: r.stderr };
};

const ALL = ['TODO-1', 'TODO-2', 'TODO-3', 'TODO-4', 'TODO-5'];

describe('a damaged state.db', () => {
  for (const [name, damage] of [
    ['truncated to 0 bytes', (f: string) => fs.truncateSync(f, 0)],
    ['overwritten with garbage', (f: string) => fs.writeFileSync(f, randomBytes(8192))],
  ] as const) {
    it(`${name}: is set aside and rebuilt automatically, with a loud warning of what was lost; reads work, the old token is refused`, () => {
      const { dir } = ecosystemDir(SMALL);
      const token = withState(dir);
      const db = path.join(dir, '.concord', 'state.db');
      damage(db);
      for (const f of [`${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
      const first = todoIds(dir);
      expect(first.ids).toEqual(ALL);
      expect(first.stderr).toMatch(/state\.db was damaged \(it is (empty \(0 bytes\)|not an SQLite database)\); it was moved to .*state\.db\.damaged-/);
      expect(first.stderr).toMatch(LOST);
      expect(fs.readdirSync(path.join(dir, '.concord')).filter((n) => n.startsWith('state.db.damaged-') && !n.endsWith('-wal') && !n.endsWith('-shm'))).toHaveLength(1);
      // Rebuilt once: the next command is quiet.
      expect(todoIds(dir).stderr).toBe('');
      const old = concord(['todo', 'complete', 'TODO-2', '--claim-token', token], { cwd: dir });
      expect(old.stderr).toMatch(/^STALE_CLAIM:/);
      expect((concord(['todo', 'stale', '--json'], { cwd: dir }).json() as { todo: { id: string } }[]).map((s) => s.todo.id)).toEqual(['TODO-2']);
    });
  }

  it('deleted: the next command says what could not be brought back; status and lists work', () => {
    const { dir } = ecosystemDir(SMALL);
    withState(dir);
    const db = path.join(dir, '.concord', 'state.db');
    for (const f of [db, `${db}-wal`, `${db}-shm`]) fs.rmSync(f, { force: true });
    const status = concord(['status'], { cwd: dir });
    expect(status.code, status.stderr).toBe(0);
    expect(status.stderr).toMatch(/state\.db was deleted: a new one is built from ecosystem\.yaml, but it cannot bring back /);
    expect(status.stderr).toMatch(LOST);
    expect(todoIds(dir)).toEqual({ ids: ALL, stderr: '' });
    expect(concord(['checkpoint', 'list', '--todo', 'TODO-2', '--json'], { cwd: dir }).stdout).not.toContain('build');
  });
});

describe('a read-only checkout', () => {
  it('is read with the state in the user cache folder ($XDG_CACHE_HOME/concord/...), and writes fail cleanly', () => {
    const { dir, file } = ecosystemDir(SMALL);
    expect(concord(['status'], { cwd: dir }).code).toBe(0); // a state.db the reader cannot write
    const cache = tempDir();
    const root = process.getuid?.() === 0;
    // As root permissions do not apply: read as nobody. Otherwise take the write bits away.
    fs.chmodSync(dir, root ? 0o755 : 0o555);
    fs.chmodSync(path.join(dir, '.concord'), root ? 0o755 : 0o555);
    if (root) fs.chownSync(cache, 65534, 65534);
    const run = (args: string[]) =>
      spawnSync(process.execPath, [CLI, ...args], {
        cwd: dir,
        env: { PATH: process.env['PATH'] ?? '', HOME: cache, XDG_CACHE_HOME: cache, CONCORD_ACTOR: 'reader' },
        encoding: 'utf8',
        ...(root ? { uid: 65534, gid: 65534 } : {}),
      });
    try {
      const list = run(['todo', 'list', '--json']);
      expect(list.status, list.stderr).toBe(0);
      expect((JSON.parse(list.stdout) as { items: { id: string }[] }).items.map((t) => t.id)).toEqual(ALL);
      expect(list.stderr).toMatch(/cannot be written \(a read-only checkout\?\): using .*concord\/[0-9a-f]{16}\/state\.db/);
      const dbs = fs.readdirSync(path.join(cache, 'concord'));
      expect(dbs).toHaveLength(1);
      expect(fs.existsSync(path.join(cache, 'concord', dbs[0]!, 'state.db'))).toBe(true);
      // Once the cache database exists, reads are quiet.
      const again = run(['ready', '--json']);
      expect(again.status, again.stderr).toBe(0);
      expect(again.stderr).toBe('');
      const before = fs.readFileSync(file, 'utf8');
      const write = run(['todo', 'note', 'TODO-2', 'hello']);
      expect(write.status).toBe(1);
      expect(write.stderr).toMatch(/^IO_ERROR: .*nothing was changed/);
      expect(fs.readFileSync(file, 'utf8')).toBe(before);
    } finally {
      fs.chmodSync(dir, 0o755);
      fs.chmodSync(path.join(dir, '.concord'), 0o755);
    }
  });
});
