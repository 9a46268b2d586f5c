// Differential test of `todo list` over the index (labels from index_labels, the sort guessed by SQLite and
// checked, only the page decoded) against the same filter over the whole graph in memory, on a generated
// ecosystem with ids, repos, labels and times whose byte order is not compareText's, after random hand edits
// of labels and random writes.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { listTodos } from '../../src/app/queries.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { createTodo, deleteTodo, updateTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { generateEcosystem } from '../../src/bench/generate.js';
import { TODO_SORTS, type TodoFilter, type TodoSort } from '../../src/core/graph/filters.js';
import { MIGRATIONS } from '../../src/state/migrations.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

// Bytes order these unlike the collator: case (B < a as bytes), punctuation (_ after capitals as bytes, before
// digits in the collator), accents.
const REPOS = ['Repo-B', 'repo-a', 'repo_c', 'Repo.d', 'répo-e'];
const IDS = ['TODO-a1', 'TODO-B1', 'todo-c', 'TODO_x', 'TODO.y', 'TODO:z', 'TODO/w', 'Todo-A', 'TODO-b0', 'TODO-_1', 'TODO-Z9', 'tODO-9'];
const LABELS = ['Area-3', 'area-3', 'a_b', 'a-b', '50%', 'é', 'e', 'bug'];
const TIMES = ['2026-03-01T10:00:00Z', '2026-03-01T09:59:59Z', '2026-03-01T10:00:00.5Z', '2026-03-01T10:00:00+01:00', '2027-01-01T00:00:00Z'];

/** The generated file with the repos above in its catalog and a todo of each tricky id (some fields left out). */
function ecosystem(seed: number): string {
  const random = rng(seed * 7);
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const lines = generateEcosystem({ todos: 120, repos: 6, seed }).split('\n');
  const repos = REPOS.flatMap((r) => [`  - name: ${r}`, `    path: ./repos/${r}`, '    role: library']);
  lines.splice(lines.indexOf('roles:'), 0, ...repos);
  const todos = IDS.flatMap((id, i) => [
    `    - id: ${id}`,
    `      task: Tricky ${i}`,
    `      repo: ${pick(REPOS)}`,
    ...(random() < 0.8 ? [`      priority: ${pick(['critical', 'high', 'medium', 'low'])}`] : []),
    ...(random() < 0.7 ? [`      status: ${pick(['pending', 'in_progress', 'completed', 'blocked'])}`] : []),
    ...(random() < 0.7 ? [`      created: "${pick(TIMES)}"`] : []),
    ...(random() < 0.5 ? [`      updated: "${pick(TIMES)}"`] : []),
    ...(random() < 0.6 ? [`      estimated_hours: ${pick([1, 1.5, 2, 10, 0.25])}`] : []),
    ...(random() < 0.8 ? [`      labels: [${[pick(LABELS), pick(LABELS)].map((l) => JSON.stringify(l)).join(', ')}]`] : []),
  ]);
  lines.splice(lines.indexOf('  todos:') + 1, 0, ...todos);
  return lines.join('\n');
}

/** A hand edit of one todo's labels: replaced, added to, or removed. */
function editLabels(text: string, random: () => number): string {
  const lines = text.split('\n');
  const starts = lines.flatMap((l, i) => (/^ {4}- id: /.test(l) && i > lines.indexOf('  todos:') ? [i] : []));
  const at = starts[Math.floor(random() * starts.length)]!;
  let end = at + 1;
  while (end < lines.length && lines[end]!.startsWith('      ')) end++;
  const labelLine = lines.slice(at, end).findIndex((l) => l.startsWith('      labels:'));
  const some = () => `      labels: [${LABELS.filter(() => random() < 0.3).map((l) => JSON.stringify(l)).join(', ')}]`;
  if (labelLine === -1) lines.splice(at + 1, 0, some());
  else if (random() < 0.3) lines.splice(at + labelLine, 1);
  else lines[at + labelLine] = some();
  return lines.join('\n');
}

async function write(ws: Workspace, random: () => number): Promise<void> {
  const ids = (await listTodos(ws)).items.map((t) => t.id);
  const id = ids[Math.floor(random() * ids.length)]!;
  const label = LABELS[Math.floor(random() * LABELS.length)]!;
  const kind = Math.floor(random() * 4);
  if (kind === 0) await updateTodo(ws, id, { add_labels: [label] });
  else if (kind === 1) await updateTodo(ws, id, { remove_labels: [label], priority: 'high' });
  else if (kind === 2) await createTodo(ws, { task: `new ${random()}`, repo: REPOS[Math.floor(random() * REPOS.length)]!, labels: [label, 'bug'] });
  else await deleteTodo(ws, id);
}

function filters(random: () => number): TodoFilter[] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const sorts = TODO_SORTS.flatMap((s): TodoSort[] => [s, `-${s}`]);
  const out: TodoFilter[] = sorts.map((sort) => ({ sort }));
  out.push(...sorts.map((sort) => ({ sort, label: [pick(LABELS)], limit: 5, offset: 1 })));
  for (let i = 0; i < 12; i++) {
    out.push({
      ...(random() < 0.6 ? { label: LABELS.filter(() => random() < 0.25) } : {}),
      ...(random() < 0.3 ? { repo: [pick(REPOS), `repo-${Math.floor(random() * 6)}`] } : {}),
      ...(random() < 0.3 ? { status: [pick(['pending', 'in_progress', 'completed'])] } : {}),
      ...(random() < 0.2 ? { text: pick(['tricky', 'part 1', 'new']) } : {}),
      ...(random() < 0.8 ? { sort: pick(sorts) } : {}),
      ...(random() < 0.6 ? { limit: Math.floor(random() * 12), offset: Math.floor(random() * 6) } : {}),
    });
  }
  return out;
}

describe('todo list over the index answers as the whole graph does', () => {
  it.each([1, 2, 3])('with labels, sorts and windows after hand edits and writes (seed %i)', async (seed) => {
    const random = rng(seed);
    const { file } = ecosystemDir(ecosystem(seed));
    const state = tempDir();
    const writer = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: state }, now: () => new Date('2026-11-01T10:00:00Z') });
    await loadSnapshot(writer);
    let checked = 0;
    for (let step = 0; step < 6; step++) {
      if (step > 0 && random() < 0.5) fs.writeFileSync(file, editLabels(fs.readFileSync(file, 'utf8'), random));
      else if (step > 0) await write(writer, random);
      await loadSnapshot(writer);
      const fresh = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: tempDir() } });
      // The whole graph in memory (a fresh read of the file)...
      expect((await loadSnapshot(fresh)).graph.todos.size).toBeGreaterThan(0);
      // ...against a new process on the kept index, with nothing in memory.
      const indexed = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: state } });
      expect((await loadSnapshot(indexed)).decoded).toBe(false);
      for (const filter of filters(random)) {
        const expected = await listTodos(fresh, filter);
        expect(await listTodos(indexed, filter), `${JSON.stringify(filter)} after step ${step}`).toEqual(expected);
        if (expected.items.length > 1) checked++;
      }
      fresh.close();
      indexed.close();
    }
    writer.close();
    expect(checked).toBeGreaterThan(50);
  });

  it('a database indexed before index_labels gets the labels of its rows when migrated', async () => {
    const { file } = ecosystemDir(ecosystem(4));
    const state = tempDir();
    const old = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: state } });
    await loadSnapshot(old);
    old.db.exec(`DROP TABLE index_labels; PRAGMA user_version = ${MIGRATIONS.length - 1}`);
    old.close();
    const fresh = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: tempDir() } });
    expect((await loadSnapshot(fresh)).graph.todos.size).toBeGreaterThan(0);
    const migrated = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: state } });
    expect((await loadSnapshot(migrated)).decoded).toBe(false);
    for (const label of LABELS) {
      const expected = await listTodos(fresh, { label: [label], sort: 'id' });
      expect(expected.total, label).toBeGreaterThan(0);
      expect(await listTodos(migrated, { label: [label], sort: 'id' }), label).toEqual(expected);
    }
    fresh.close();
    migrated.close();
  });
});
