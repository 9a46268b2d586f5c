// The CLI commands of the foundation (status, ready, lint, schema) against real files, as a user runs them.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { QUIRKY, SMALL } from '../helpers/fixtures.js';
import { ecosystemDir, hasRealWorldFixture, REAL_WORLD_FIXTURE, tempDir } from '../helpers/temp.js';

describe('concord lint', () => {
  it('passes a valid file with exit 0', () => {
    const { dir } = ecosystemDir(SMALL);
    const r = concord(['lint'], { cwd: dir });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('0 error(s), 0 warning(s)');
  });

  it('fails with exit 1, naming file, line, column, field and fix for each invalid record', () => {
    const { dir, file } = ecosystemDir(SMALL.replace('      priority: low', '      priority: lowest').replace('repo: web\n      status: pending', 'repo: web\n      status: pending\n      actual_hours: lots'));
    const r = concord(['lint'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stdout).toContain(`${fs.realpathSync(file)}:72:17: error INVALID_FIELD [TODO-4 priority]`);
    expect(r.stdout).toContain('fix: write "low"');
    expect(r.stdout).toMatch(/:53:21: error INVALID_FIELD \[TODO-2 actual_hours\]/);
    expect(r.stdout).not.toContain('UNKNOWN_REFERENCE');
    expect(r.stderr).toMatch(/^INVALID_ECOSYSTEM: .* has 2 error\(s\)/);
  });

  it('reports malformed YAML with its position and keeps serving the other records', () => {
    const { dir } = ecosystemDir(SMALL.replace('task: Document the API', 'task: "Document the API'));
    const lint = concord(['lint', '--json'], { cwd: dir });
    expect(lint.code).toBe(1);
    const report = lint.json() as { diagnostics: { code: string; line: number; id?: string }[] };
    expect(report.diagnostics).toEqual([expect.objectContaining({ code: 'YAML_SYNTAX', line: expect.any(Number) })]);
    const ready = concord(['ready', '--json'], { cwd: dir });
    // The other records are served; the exit code says the answer left one out.
    expect(ready.code).toBe(1);
    expect((ready.json() as { todo: { id: string } }[]).map((r) => r.todo.id)).toEqual(['TODO-2', 'TODO-5']);
  });

  it.each([
    ['read record by record', ''],
    ['read as one document', '---\n'],
  ])('names a section in the wrong place or under a mistyped key, where its records would be ignored (%s)', (_mode, head) => {
    const text = `${head}repos:\n  - name: api\n    path: ./api\ntodos:\n  - id: TODO-1\n    title: Lost\n    repo: api\ncoordination:\n  todo:\n    - id: TODO-2\n      title: Also lost\n      repo: api\n`;
    const { dir } = ecosystemDir(text);
    const lint = concord(['lint'], { cwd: dir });
    expect(lint.code).toBe(1);
    const line = (n: number) => n + (head ? 1 : 0);
    expect(lint.stdout).toContain(`:${line(4)}:1: error MISPLACED_SECTION: "todos" is at the top level, where Concord does not read it`);
    expect(lint.stdout).toContain('fix: indent the "todos:" block under "coordination:"');
    expect(lint.stdout).toContain(`:${line(9)}:3: error UNKNOWN_SECTION: "todo" is not a section Concord reads`);
    expect(lint.stdout).toContain('fix: did you mean "todos"? rename the key');
    // Every answer says records were left out, rather than answering "nothing" in silence.
    const list = concord(['todo', 'list'], { cwd: dir });
    expect(list.code).toBe(1);
    expect(list.stderr).toMatch(/has 2 invalid record\(s\) or syntax error\(s\), left out of this answer; run `concord lint`/);
  });

  it('is also available as `validate`, and --strict fails on warnings', () => {
    const { dir } = ecosystemDir(QUIRKY);
    expect(concord(['validate'], { cwd: dir }).code).toBe(0);
    const strict = concord(['lint', '--strict'], { cwd: dir });
    expect(strict.code).toBe(1);
    expect(strict.stdout).toContain('warning MISSING_FIELD [TODO-001 repo]');
  });
});

describe('concord status and ready', () => {
  it('print the ecosystem and the ready work, as tables or JSON', () => {
    const { dir } = ecosystemDir(SMALL);
    const status = concord(['status'], { cwd: dir });
    expect(status.code).toBe(0);
    expect(status.stdout).toMatch(/REPO\s+ROLE\s+OPEN\s+READY\s+BLOCKED/);
    const json = concord(['status', '--json'], { cwd: dir }).json() as { ready: number; blocked: number; counts: { todos: Record<string, number> } };
    expect(json).toMatchObject({ ready: 2, blocked: 2, counts: { todos: { completed: 1, pending: 4 } } });
    const ready = concord(['ready', '--json', '--repo', 'web'], { cwd: dir }).json() as { todo: { id: string } }[];
    expect(ready.map((r) => r.todo.id)).toEqual(['TODO-2']);
    const repo = concord(['status', '--repo', 'backend', '--json'], { cwd: dir }).json() as { repo: { name: string } };
    expect(repo.repo.name).toBe('api');
  });

  it('finds ecosystem.yaml from a subfolder, from CONCORD_ECOSYSTEM or --file', () => {
    const { dir, file } = ecosystemDir(SMALL);
    fs.mkdirSync(path.join(dir, 'a', 'b'), { recursive: true });
    expect(concord(['ready', '--json'], { cwd: path.join(dir, 'a', 'b') }).code).toBe(0);
    const elsewhere = tempDir();
    expect(concord(['ready', '--json'], { cwd: elsewhere, env: { CONCORD_ECOSYSTEM: file } }).code).toBe(0);
    expect(concord(['ready', '--json', '--file', file], { cwd: elsewhere }).code).toBe(0);
  });

  it('says clearly when there is no ecosystem, with exit 1 and a hint', () => {
    const r = concord(['status'], { cwd: tempDir() });
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/^ECOSYSTEM_NOT_FOUND: no ecosystem.yaml in .* or any folder above it\n {2}hint: create one with `concord init`/);
  });

  it('answers a mistyped command with exit 2 and the nearest command', () => {
    const r = concord(['staus'], { cwd: tempDir() });
    expect(r.code).toBe(2);
    expect(r.stderr).toContain('(Did you mean status?)');
  });

  it('in --json mode prints the error as JSON on stdout too', () => {
    const { dir } = ecosystemDir(SMALL);
    const r = concord(['status', '--repo', 'nope', '--json'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.json()).toEqual({ error: { code: 'REPO_NOT_FOUND', message: 'repo "nope" is not in the catalog', hint: 'list repos with `concord repo list`', data: { repo: 'nope' } } });
  });
});

describe('concord schema', () => {
  it('prints the JSON Schema that is published in schema/', () => {
    const r = concord(['schema']);
    expect(r.code).toBe(0);
    const published = fs.readFileSync(path.resolve(import.meta.dirname, '../../schema/ecosystem.schema.json'), 'utf8');
    expect(r.stdout).toBe(published);
  });
});

describe.runIf(hasRealWorldFixture)('the real-world file', () => {
  it('lints with warnings only and answers every query', () => {
    const { dir } = ecosystemDir(fs.readFileSync(REAL_WORLD_FIXTURE, 'utf8'));
    expect(concord(['lint'], { cwd: dir }).code).toBe(0);
    const status = concord(['status', '--json'], { cwd: dir }).json() as { counts: { repos: number; todos: Record<string, number>; issues: Record<string, number> } };
    expect(status.counts.repos).toBe(8);
    expect(status.counts.issues).toEqual({ resolved: 8, pending: 1 });
    expect(status.counts.todos).toEqual({ pending: 5 });
    expect(concord(['status', '--repo', 'mh', '--json'], { cwd: dir }).code).toBe(0);
  });
});
