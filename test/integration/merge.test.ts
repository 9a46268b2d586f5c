// Ids created on two branches (or machines) at the same time do not collide when the branches merge.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEcosystem } from '../../src/app/lint.js';
import { createIssue } from '../../src/app/issues.js';
import { createTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { SMALL } from '../helpers/fixtures.js';
import { git, gitInit, tempDir } from '../helpers/temp.js';

async function addWork(dir: string, who: string, n: number): Promise<string[]> {
  const ws = new Workspace({ cwd: dir, actor: who, env: {} });
  const ids: string[] = [];
  for (let i = 0; i < n; i++) ids.push((await createTodo(ws, { task: `${who} ${i}`, repo: 'api' })).todo.id);
  ids.push((await createIssue(ws, { title: `${who} issue`, repos: ['web'] })).issue.id);
  ws.close();
  return ids;
}

describe('ids across branches and clones', () => {
  it('a merge of two clones that each created items has no duplicate id', async () => {
    const origin = tempDir();
    fs.writeFileSync(path.join(origin, 'ecosystem.yaml'), SMALL);
    fs.writeFileSync(path.join(origin, '.gitignore'), '.concord/\n');
    // Both sides append records at the end of the same lists; keep both sides, as a person resolving the
    // conflict would (union does exactly that for appends; docs/ids.md says why it is wrong for edits).
    fs.writeFileSync(path.join(origin, '.gitattributes'), 'ecosystem.yaml merge=union\n');
    gitInit(origin);
    const a = tempDir();
    const b = tempDir();
    git(a, 'clone', '-q', origin, '.');
    git(b, 'clone', '-q', origin, '.');
    for (const d of [a, b]) git(d, 'config', 'user.name', 'Dev');
    const idsA = await addWork(a, 'alice', 25);
    const idsB = await addWork(b, 'bob', 25);
    git(a, 'commit', '-qam', 'alice work');
    git(b, 'commit', '-qam', 'bob work');
    git(a, 'pull', '-q', '--no-rebase', path.join(b, '.git'), 'main');
    const ws = new Workspace({ cwd: a, env: {} });
    const report = await lintEcosystem(ws);
    expect(report.diagnostics.filter((d) => d.code === 'DUPLICATE_ID' || d.code === 'YAML_SYNTAX')).toEqual([]);
    expect(report.errors).toBe(0);
    const all = [...idsA, ...idsB];
    expect(new Set(all).size).toBe(all.length);
    ws.close();
  });

  it('one clone never issues the same id twice, even after the item is gone from the file', async () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'ecosystem.yaml'), SMALL);
    const seen = new Set<string>();
    let n = 0;
    // A random source that keeps offering ids already used: generation must skip them.
    const ws = new Workspace({ cwd: dir, env: {}, random: (len) => new Uint8Array(len).fill(n++ % 3) });
    for (let i = 0; i < 3; i++) {
      const r = await createTodo(ws, { task: `t${i}`, repo: 'api' });
      expect(seen.has(r.todo.id)).toBe(false);
      seen.add(r.todo.id);
    }
    fs.writeFileSync(path.join(dir, 'ecosystem.yaml'), SMALL);
    await expect(createTodo(ws, { task: 'again', repo: 'api' })).rejects.toThrow(/could not find a free todo id/);
    ws.close();
  });
});
