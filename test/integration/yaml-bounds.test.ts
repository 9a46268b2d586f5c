// YAML aliases cannot make a read run away: a "billion laughs" record is refused with its line, in every
// way the file is read (record by record, the whole document, concord.yaml), and the rest is still served.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEcosystem } from '../../src/app/lint.js';
import { parseBacklog } from '../../src/app/import/backlog.js';
import { listTodos } from '../../src/app/queries.js';
import { loadActivities } from '../../src/app/scheduling/activities.js';
import { Workspace } from '../../src/app/workspace.js';
import { parseBounded } from '../../src/store/yaml-bounded.js';
import { SMALL } from '../helpers/fixtures.js';
import { workspaceWith } from '../helpers/workspace.js';

/** Nine levels of nine aliases each: under 500 bytes of text, 9^9 (387 million) values once expanded. */
function bomb(indent: string, first = '[x, x, x, x, x, x, x, x, x]'): string {
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i'];
  return names.map((n, i) => `${indent}${n}: &${n} ${i === 0 ? first : `[${Array(9).fill(`*${names[i - 1]}`).join(', ')}]`}\n`).join('');
}
const AFTER_TODO_2 = '      labels: [frontend]\n';
const lineOf = (text: string, needle: string) => text.slice(0, text.indexOf(needle)).split('\n').length;

describe('alias bombs', () => {
  it('in one todo`s metadata: lint names the record and the line; queries leave it out and serve the rest', async () => {
    const text = SMALL.replace(AFTER_TODO_2, `${AFTER_TODO_2}      metadata:\n${bomb('        ')}`);
    expect(text.length - SMALL.length).toBeLessThan(520);
    const { ws, file } = workspaceWith(text);
    const report = await lintEcosystem(ws);
    expect(report.diagnostics.find((d) => d.code === 'ALIAS_LIMIT')).toMatchObject({ severity: 'error', file, id: 'TODO-2', section: 'todos', line: lineOf(text, '*a') });
    expect(report.diagnostics.filter((d) => d.code === 'UNKNOWN_REFERENCE')).toEqual([]);
    const todos = await listTodos(ws);
    expect(todos.items.map((t) => t.id)).toEqual(['TODO-1', 'TODO-3', 'TODO-4', 'TODO-5']);
    expect(ws.cache?.summary.errors).toBe(1);
    ws.close();
  });

  it('whose anchor is in another record (the whole document is parsed): the same error, at the record that expands it', async () => {
    // TODO-1 holds three levels (729 values: within the limit), TODO-2 the six levels above them.
    const levels = bomb('        ').split('\n');
    const text = SMALL.replace('      milestone: MILESTONE-1\n', `      milestone: MILESTONE-1\n      metadata:\n${levels.slice(0, 3).join('\n')}\n`).replace(AFTER_TODO_2, `${AFTER_TODO_2}      metadata:\n${levels.slice(3).join('\n')}`);
    const { ws } = workspaceWith(text);
    const report = await lintEcosystem(ws);
    expect(report.mode).toBe('full');
    expect(report.diagnostics.filter((d) => d.code === 'ALIAS_LIMIT').map((d) => d.id)).toEqual(['TODO-2']);
    expect((await listTodos(ws)).items.map((t) => t.id)).toEqual(['TODO-1', 'TODO-3', 'TODO-4', 'TODO-5']);
    ws.close();
  });

  it('in concord.yaml: the settings are refused with the line of the first alias', () => {
    const { dir } = workspaceWith(SMALL);
    const text = `x-anchors:\n${bomb('  ')}`;
    fs.writeFileSync(path.join(dir, 'concord.yaml'), text);
    expect(() => new Workspace({ cwd: dir, env: {} }).settings).toThrow(
      expect.objectContaining({ code: 'INVALID_SETTINGS', message: `${path.join(dir, 'concord.yaml')}:${lineOf(text, '*a')}: aliases expand to more than 100 nodes (nested anchors, a "billion laughs"): write the values out, or use fewer aliases of anchors that hold aliases` }),
    );
  });

  it('in an activity file: that file is reported with its line (counting the --- line), the others still load', () => {
    const { dir } = workspaceWith(SMALL);
    fs.mkdirSync(path.join(dir, 'activities'));
    const front = `enabled: true\nx:\n${bomb('  ')}triggers:\n  - cron: "0 9 * * *"\nactions:\n  - command: ["true"]\n`;
    fs.writeFileSync(path.join(dir, 'activities', 'bomb.md'), `---\n${front}---\nBoom.\n`);
    fs.writeFileSync(path.join(dir, 'activities', 'fine.md'), '---\ntriggers:\n  - cron: "0 9 * * *"\nactions:\n  - command: ["true"]\n---\nFine.\n');
    const ws = new Workspace({ cwd: dir, env: {} });
    const loaded = loadActivities(ws);
    expect(loaded.activities.map((a) => a.target.name)).toEqual(['fine']);
    const file = path.join(dir, 'activities', 'bomb.md');
    expect(loaded.invalid).toEqual([{ file, problems: [`${file}:${lineOf(front, '*a') + 1}: aliases expand to more than 100 nodes (nested anchors, a "billion laughs"): write the values out, or use fewer aliases of anchors that hold aliases`] }]);
    ws.close();
  });

  it('in a file of another tool read by concord import (Backlog.md`s config.yml): reported with its line, the tasks still read', () => {
    const config = `project_name: x\nstatuses: [To Do, Done]\nx:\n${bomb('  ')}`;
    const task = '---\nid: task-1\ntitle: One\nstatus: To Do\n---\n';
    const batch = parseBacklog([
      { rel: 'config.yml', where: 'backlog/config.yml', text: config, problems: [] },
      { rel: 'tasks/task-1 - One.md', where: 'backlog/tasks/task-1 - One.md', text: task, problems: [] },
    ], 'repo');
    expect(batch.items.map((i) => i.source_id)).toEqual(['backlog:TASK-1']);
    expect(batch.partial).toEqual([expect.objectContaining({ where: 'backlog/config.yml', reason: expect.stringContaining(`(line ${lineOf(config, '*a')}, column `) })]);
  });

  it('many records sharing one anchor through merge keys are read as before (the limit is per record)', async () => {
    const todos = Array.from({ length: 150 }, (_, i) => `    - <<: *defaults\n      id: TODO-M${i}\n      task: Task ${i}\n`).join('');
    const text = `version: "2.0"\nx-defaults: &defaults\n  repo: api\n  status: pending\nrepos:\n  - name: api\ncoordination:\n  todos:\n${todos}`;
    const { ws } = workspaceWith(text);
    const report = await lintEcosystem(ws);
    expect(report.errors).toBe(0);
    const listed = await listTodos(ws);
    expect(listed.total).toBe(150);
    expect(listed.items[149]).toMatchObject({ id: 'TODO-M149', repo: 'api', status: 'pending' });
    expect(ws.cache?.snapshot.meta.version).toBe('2.0');
    ws.close();
  });
});

describe('large mappings', () => {
  // The yaml library compares each key of a mapping with every key before it: 20,000 keys took 18 s,
  // 40,000 more than a minute (this test's time limit). Concord checks keys with a set (store/yaml-bounded.ts).
  const keys = (n: number, indent: string) => Array.from({ length: n }, (_, i) => `${indent}k${i}: ${i}\n`).join('');

  it('a todo whose metadata holds 40,000 keys is read in linear time, and a key written twice is still named with both lines', async () => {
    const text = SMALL.replace(AFTER_TODO_2, `${AFTER_TODO_2}      metadata:\n${keys(40_000, '        ')}        k17: again\n`);
    const { ws, file } = workspaceWith(text);
    const report = await lintEcosystem(ws);
    expect(report.diagnostics.filter((d) => d.severity === 'error')).toEqual([
      expect.objectContaining({ code: 'DUPLICATE_KEY', file, id: 'TODO-2', line: lineOf(text, '        k17: again'), message: `"k17" is written twice in the same mapping, at line ${lineOf(text, '        k17: 17')} and at line ${lineOf(text, '        k17: again')}, so the record is not read` }),
    ]);
    ws.close();
  }, 60_000);

  it('finds the same duplicate keys as the library: block and flow maps, nested, numbers and strings apart', async () => {
    const yaml = await import('yaml');
    const cases = ['a: 1\nb: 2\na: 3\n', '{a: 1, b: 2, b: 3}\n', 'x:\n  y: 1\n  y: 2\nz: [{q: 1, q: 2}]\n', '1: a\n"1": b\n', 'a: 1\nb: 2\n', '? [a]\n: 1\n? [a]\n: 2\n', 'null: 1\n~: 2\n'];
    for (const text of cases) {
      const ours = parseBounded(yaml, text, { prettyErrors: false }).errors.map((e) => [e.code, e.pos[0]]);
      const theirs = yaml.parseDocument(text, { prettyErrors: false }).errors.map((e) => [e.code, e.pos[0]]);
      expect(ours, text).toEqual(theirs);
    }
  });
});

describe('concord.yaml', () => {
  it('over 1 MiB is refused before it is parsed, naming its size', () => {
    const { dir } = workspaceWith(SMALL);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `# ${'x'.repeat(1_048_576)}\n`);
    expect(() => new Workspace({ cwd: dir, env: {} }).settings).toThrow(expect.objectContaining({ code: 'INVALID_SETTINGS', message: expect.stringMatching(/concord\.yaml is 1048579 bytes, over the 1048576 bytes concord\.yaml may have$/) }));
  });
});
