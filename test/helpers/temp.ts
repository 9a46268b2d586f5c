// Temp dirs and real git repos for tests, removed after each test file.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];
afterAll(() => {
  for (const dir of made.splice(0)) fs.rmSync(dir, { recursive: true, force: true });
});

export function tempDir(prefix = 'concord-test-'): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** A temp dir holding `ecosystem.yaml` with `text`, returned with the file path. */
export function ecosystemDir(text: string, name = 'ecosystem.yaml'): { dir: string; file: string } {
  const dir = tempDir();
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return { dir, file };
}

export function git(dir: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd: dir,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 'Test', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 'Test', GIT_COMMITTER_EMAIL: 't@example.com' },
  });
}

export function gitInit(dir: string): void {
  git(dir, 'init', '-q', '-b', 'main');
  git(dir, 'config', 'user.name', 'Test User');
  git(dir, 'config', 'user.email', 't@example.com');
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', 'initial');
}

const REAL_WORLD = 'shared/fixtures/real-world/mahavishnu-ecosystem.yaml';
const ROOT = path.resolve(import.meta.dirname, '../..');
/**
 * The real-world fixture, in shared/ beside the checkout (CI lays it there) or beside the folder of worktrees.
 * Without it those tests skip on a developer's machine; in CI (CI set) they run anyway and fail on the missing
 * file, so a CI run never passes by skipping them.
 */
export const REAL_WORLD_FIXTURE = [path.resolve(ROOT, '..', REAL_WORLD), path.resolve(ROOT, '../..', REAL_WORLD)].find((f) => fs.existsSync(f)) ?? path.resolve(ROOT, '..', REAL_WORLD);
const inCi = Boolean(process.env['CI']) && !/^(0|false)$/i.test(process.env['CI'] ?? '');
export const hasRealWorldFixture = fs.existsSync(REAL_WORLD_FIXTURE) || inCi;

/** The lines of one todo's record in an ecosystem file written in block style (the fixtures). */
export function recordOf(file: string, id: string): string {
  const text = fs.readFileSync(file, 'utf8');
  const start = text.indexOf(`- id: ${id}\n`);
  const next = text.indexOf('\n    - id:', start + 1);
  return text.slice(start, next === -1 ? undefined : next);
}
