// ecosystem.yaml under git, through the built CLI: merges that duplicate keys or ids, unresolved conflict
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
// markers. A read that cannot see all the data says where and exits non-zero; nothing is written.
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { git, gitInit, tempDir } from '../helpers/temp.js';

const lineOf = (text: string, needle: string, from = 0) => text.slice(0, text.indexOf(needle, from)).split('\n').length;

/** A repo on main, and a branch `feature` where `onFeature` ran while `onMain` ran on main; then merged. */
function mergedBranches(text: string, onFeature: string[][], onMain: string[][], attributes?: string): { dir: string; file: string; merge: ReturnType<typeof spawnSync> } {
  const dir = tempDir();
  const file = path.join(dir, 'ecosystem.yaml');
  fs.writeFileSync(file, text);
  fs.writeFileSync(path.join(dir, '.gitignore'), '.concord/\n');
  if (attributes) fs.writeFileSync(path.join(dir, '.gitattributes'), attributes);
  gitInit(dir);
  git(dir, 'checkout', '-q', '-b', 'feature');
  for (const args of onFeature) expect(concord(args, { cwd: dir }).code).toBe(0);
  git(dir, 'commit', '-qam', 'feature work');
  git(dir, 'checkout', '-q', 'main');
  for (const args of onMain) expect(concord(args, { cwd: dir }).code).toBe(0);
  git(dir, 'commit', '-qam', 'main work');
  const merge = spawnSync('git', ['merge', '-q', '--no-edit', 'feature'], { cwd: dir, encoding: 'utf8' });
  return { dir, file, merge };
}

describe('two branches editing the same todo', () => {
  it('with merge=union: the duplicate keys are named with both lines, and every read exits 1', () => {
    const { dir, file, merge } = mergedBranches(SMALL, [['todo', 'update', 'TODO-4', '--priority', 'high']], [['todo', 'update', 'TODO-4', '--priority', 'critical']], 'ecosystem.yaml merge=union\n');
    expect(merge.status).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    const todo4 = text.indexOf('- id: TODO-4');
    const first = lineOf(text, 'priority: critical', todo4);
    const second = lineOf(text, 'priority: high', todo4);
    const lint = concord(['lint'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect(lint.stdout).toContain(`ecosystem.yaml:${second}:7: error DUPLICATE_KEY [TODO-4 priority]: "priority" is written twice in the same mapping, at line ${first} and at line ${second}, so the record is not read`);
    for (const args of [['status'], ['todo', 'list', '--json'], ['ready'], ['todo', 'show', 'TODO-2']]) {
      const r = concord(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
    }
    const list = concord(['todo', 'list', '--json'], { cwd: dir });
    expect((list.json() as { items: { id: string }[] }).items.map((t) => t.id)).not.toContain('TODO-4');
    expect(list.stderr).toMatch(/invalid record\(s\) or syntax error\(s\), left out of this answer; run `concord lint` to see where/);
  });

  it('with merge=union on records written on one line: the duplicate id is named with both lines', () => {
    const flow = SMALL.replace(/ {4}- id: TODO-5\n(?: {6}.*\n)+/, '    - {id: TODO-5, task: Write the changelog, repo: lib, status: pending}\n');
    const { dir, file, merge } = mergedBranches(flow, [['todo', 'update', 'TODO-5', '--priority', 'high']], [['todo', 'update', 'TODO-5', '--priority', 'low']], 'ecosystem.yaml merge=union\n');
    expect(merge.status).toBe(0);
    const text = fs.readFileSync(file, 'utf8');
    const first = lineOf(text, '- {id: TODO-5');
    const second = lineOf(text, '- {id: TODO-5', text.indexOf('- {id: TODO-5') + 1);
    expect(second).toBeGreaterThan(first);
    const lint = concord(['lint'], { cwd: dir });
    expect(lint.stdout).toContain(`ecosystem.yaml:${second}:1: error DUPLICATE_ID [TODO-5]: todo TODO-5 repeats an id already used by a todo at line ${first}`);
    expect(concord(['todo', 'list'], { cwd: dir }).code).toBe(1);
  });

  it('with a plain merge: the conflict is named by its lines, reads fail with MERGE_CONFLICT and writes change nothing', () => {
    const { dir, file, merge } = mergedBranches(SMALL, [['todo', 'update', 'TODO-4', '--priority', 'high']], [['todo', 'update', 'TODO-4', '--priority', 'critical']]);
    expect(merge.status).toBe(1);
    const text = fs.readFileSync(file, 'utf8');
    const [start, separator, end] = ['<<<<<<< HEAD', '=======', '>>>>>>> feature'].map((m) => lineOf(text, `\n${m}`) + 1);
    const lint = concord(['lint', '--json'], { cwd: dir });
    expect(lint.code).toBe(1);
    expect((lint.json() as { diagnostics: unknown[] }).diagnostics).toEqual([
      expect.objectContaining({ code: 'MERGE_CONFLICT', line: start, message: `unresolved merge conflict, lines ${start}-${end} (<<<<<<< at ${start}, ======= at ${separator}, >>>>>>> at ${end}); nothing in the file is read until it is resolved` }),
    ]);
    for (const args of [['status'], ['todo', 'list'], ['ready'], ['dep', 'check', '--no-record']]) {
      const r = concord(args, { cwd: dir });
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(new RegExp(`^MERGE_CONFLICT: .*ecosystem\\.yaml has an unresolved merge conflict at lines ${start}-${end} `));
    }
    const write = concord(['todo', 'create', 'New work', '--repo', 'api'], { cwd: dir });
    expect(write.code).toBe(1);
    expect(write.stderr).toMatch(/^MERGE_CONFLICT: /);
    expect(fs.readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('bytes that are not UTF-8', () => {
  it('are kept byte for byte by writes elsewhere in the file, and lint reports each line that holds them', () => {
    const text = SMALL.replace('task: Write the changelog', 'task: Write the caf\u00e9 changelog').replace('# The first piece of work', '# The first piece of work, na\u00efve');
    expect([...text].every((c) => c.charCodeAt(0) <= 0xff)).toBe(true);
    const dir = tempDir();
    const file = path.join(dir, 'ecosystem.yaml');
    fs.writeFileSync(file, Buffer.from(text, 'latin1'));
    const latin1Lines = text.split('\n').filter((l) => /[\x80-\xff]/.test(l)).map((l) => Buffer.from(l, 'latin1'));
    expect(latin1Lines).toHaveLength(2);
    expect(concord(['todo', 'update', 'TODO-2', '--priority', 'high'], { cwd: dir }).code).toBe(0);
    expect(concord(['todo', 'note', 'TODO-3', 'Checked with ops'], { cwd: dir }).code).toBe(0);
    expect(concord(['todo', 'create', 'A new caf\u00e9 task', '--repo', 'api'], { cwd: dir }).code).toBe(0);
    const after = fs.readFileSync(file);
    for (const line of latin1Lines) expect(after.includes(line), line.toString('latin1')).toBe(true);
    expect(after.includes(Buffer.from('\ufffd'))).toBe(false);
    // What Concord wrote itself is UTF-8.
    expect(after.includes(Buffer.from('A new caf\u00e9 task'))).toBe(true);
    expect(after.toString('latin1')).toContain('priority: high');
    const lint = concord(['lint', '--json'], { cwd: dir });
    const encoding = (lint.json() as { diagnostics: { code: string; line: number; message: string; severity: string }[] }).diagnostics.filter((d) => d.code === 'INVALID_ENCODING');
    const lines = after.toString('latin1').split('\n');
    expect(encoding.map((d) => d.line)).toEqual([lines.findIndex((l) => l.includes('na\u00efve')) + 1, lines.findIndex((l) => l.includes('caf\u00e9 changelog')) + 1]);
    expect(encoding[0]).toMatchObject({ severity: 'warning', message: expect.stringContaining('byte 0xEF is not UTF-8') });
    expect((concord(['todo', 'show', 'TODO-5', '--json'], { cwd: dir }).json() as { todo: { task: string } }).todo.task).toBe('Write the caf\udce9 changelog');
  });
});

describe('switching branches', () => {
  it('back and forth records no event (so no hook fires), while an edit made after a switch still does', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ecosystem.yaml'), SMALL);
    fs.writeFileSync(path.join(dir, '.gitignore'), '.concord/\n');
    gitInit(dir);
    git(dir, 'checkout', '-q', '-b', 'feature');
    for (const task of ['Feature one', 'Feature two', 'Feature three']) expect(concord(['todo', 'create', task, '--repo', 'api'], { cwd: dir }).code).toBe(0);
    expect(concord(['todo', 'delete', 'TODO-5'], { cwd: dir }).code).toBe(0);
    git(dir, 'commit', '-qam', 'feature work');
    git(dir, 'checkout', '-q', 'main');
    expect(concord(['todo', 'create', 'Main work', '--repo', 'web'], { cwd: dir }).code).toBe(0);
    git(dir, 'commit', '-qam', 'main work');
    const fileEvents = () => (concord(['history', '--surface', 'file', '--json', '--limit', '500'], { cwd: dir }).json() as { events: { type: string; entity: { id: string } }[] }).events;
    expect(fileEvents()).toEqual([]);
    for (let round = 0; round < 3; round++) {
      git(dir, 'checkout', '-q', 'feature');
      expect(concord(['status'], { cwd: dir }).code).toBe(0);
      git(dir, 'checkout', '-q', 'main');
      expect(concord(['todo', 'list'], { cwd: dir }).code).toBe(0);
    }
    expect(fileEvents()).toEqual([]);
    // A hand edit right after a switch is still somebody's work.
    git(dir, 'checkout', '-q', 'feature');
    const file = path.join(dir, 'ecosystem.yaml');
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('task: Document the API', 'task: Document the whole API'));
    expect(concord(['status'], { cwd: dir }).code).toBe(0);
    expect(fileEvents().map((e) => [e.type, e.entity.id])).toEqual([['todo:updated', 'TODO-4']]);
  });
});
