// YAML aliases cannot make a read run away: a "billion laughs" record is refused with its line, in every
// way the file is read (record by record, the whole document, concord.yaml), and the rest is still served.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { lintEcosystem } from '../../src/app/lint.js';
import { listTodos } from '../../src/app/queries.js';
import { Workspace } from '../../src/app/workspace.js';
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

  it('in concord.yaml: the settings are refused with a clear error', () => {
    const { dir } = workspaceWith(SMALL);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), `x-anchors:\n${bomb('  ')}`);
    expect(() => new Workspace({ cwd: dir, env: {} }).settings).toThrow(expect.objectContaining({ code: 'INVALID_SETTINGS', message: expect.stringContaining('Excessive alias count') }));
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
