// Differential test of the index: every read answers the same from the incrementally kept index (its
// shortcuts: the file's stat, SQL lookups of a few records, kept answers) as from a fresh parse of the file,
// on generated ecosystems after random hand edits and writes.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import * as queries from '../../src/app/queries.js';
import { search } from '../../src/app/search.js';
import { hashGroups, keptLayout } from '../../src/app/file-layout.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { completeTodo, createTodo, deleteTodo, updateTodo } from '../../src/app/todos.js';
import { Workspace } from '../../src/app/workspace.js';
import { generateEcosystem } from '../../src/bench/generate.js';
import { fingerprintOf } from '../../src/store/file.js';
import { scanLayout } from '../../src/store/scan.js';
import { plainLayout } from '../helpers/layout.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

function rng(seed: number) {
  let s = seed >>> 0;
  return () => {
    s = (s * 1664525 + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/** The answer of a read, or the error it gave (an unknown id is an answer too). */
async function answer(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    return { ok: await fn() };
  } catch (e) {
    return { error: (e as { code?: string }).code, message: (e as Error).message };
  }
}

async function searched(ws: Workspace, input: Record<string, unknown>) {
  const found = await search(ws, input);
  return { total: found.total, match: found.match, results: found.results.map((r) => `${r.kind}:${r.id}:${r.snippet}`).sort() };
}

/** Every read command, over ids and values drawn from the file. */
function reads(ids: { todos: string[]; issues: string[] }, touched: readonly string[], random: () => number): [string, (ws: Workspace) => Promise<unknown>][] {
  const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)]!;
  const todo = () => (random() < 0.1 ? 'TODO-999999' : pick(ids.todos));
  const repo = () => `repo-${Math.floor(random() * 8)}`;
  const searchedRepo = repo();
  const out: [string, (ws: Workspace) => Promise<unknown>][] = [
    ['list all', (ws) => queries.listTodos(ws)],
    ['list window', (ws) => queries.listTodos(ws, { limit: 7, offset: 3 })],
    ['list window past the end', (ws) => queries.listTodos(ws, { limit: 5, offset: 100_000 })],
    ['list limit 0', (ws) => queries.listTodos(ws, { limit: 0 })],
    ['list unknown repo', (ws) => queries.listTodos(ws, { repo: ['no-such-repo'] })],
    ['list stale', (ws) => queries.listTodos(ws, { stale: true })],
    ['list label', (ws) => queries.listTodos(ws, { label: ['area-3'] })],
    ['list text sort', (ws) => queries.listTodos(ws, { text: 'part 1', sort: '-priority', limit: 10 })],
    ['issues', (ws) => queries.listIssues(ws, { status: ['pending', 'in_progress'] })],
    ['ready', (ws) => queries.ready(ws, { limit: 10 })],
    ['blocked', (ws) => queries.blocked(ws, { limit: 10 })],
    ['status', (ws) => queries.ecosystemStatus(ws)],
    ['critical path', (ws) => queries.criticalPath(ws)],
    ['waves', (ws) => queries.waves(ws)],
    ['workload', (ws) => queries.workload(ws)],
    ['roadmap', (ws) => queries.roadmap(ws, { all: true })],
    // Which records match (the kept state also holds the history of the edits, which a fresh one lacks and
    // which weighs in the ranking: the set is compared, not the order).
    ['search', (ws) => searched(ws, { query: 'implement part 1', kind: ['todo', 'issue'], limit: 100 })],
    ['search a repo', (ws) => searched(ws, { query: 'work', kind: ['todo'], repo: searchedRepo, limit: 100 })],
  ];
  for (let i = 0; i < 6; i++) {
    const filter = {
      ...(random() < 0.5 ? { repo: [repo(), repo()] } : {}),
      ...(random() < 0.5 ? { status: [pick(['pending', 'in_progress', 'completed', 'blocked'])] } : {}),
      ...(random() < 0.3 ? { priority: [pick(['critical', 'high', 'medium', 'low'])] } : {}),
      ...(random() < 0.3 ? { assignee: [`agent-${Math.floor(random() * 17)}`] } : {}),
      ...(random() < 0.2 ? { issue: [pick(ids.issues)] } : {}),
      ...(random() < 0.2 ? { label: [`area-${Math.floor(random() * 11)}`] } : {}),
      ...(random() < 0.3 ? { sort: pick(['priority', '-created', 'id', 'estimate'] as const) } : {}),
      ...(random() < 0.5 ? { limit: Math.floor(random() * 20), offset: Math.floor(random() * 5) } : {}),
      ...(random() < 0.2 ? { stale: true } : {}),
    };
    out.push([`list ${JSON.stringify(filter)}`, (ws) => queries.listTodos(ws, filter)]);
  }
  for (const id of [...touched, ...Array.from({ length: 8 }, todo)]) {
    out.push([`show ${id}`, (ws) => queries.getTodo(ws, id)]);
  }
  for (let i = 0; i < 3; i++) {
    const id = random() < 0.2 ? 'ISSUE-99999' : pick(ids.issues);
    out.push([`show ${id}`, (ws) => queries.getIssue(ws, id)]);
  }
  const r = repo();
  out.push([`status ${r}`, (ws) => queries.repoStatus(ws, r)], [`ready ${r}`, (ws) => queries.ready(ws, { repo: r })]);
  return out;
}

/** Edits a person might make by hand: statuses, edges (also to missing ids), an invalid record, a duplicate id, a removal. */
function handEdit(text: string, random: () => number): { text: string; touched: string[] } {
  const lines = text.split('\n');
  const todoLines = lines.flatMap((l, i) => (/^ {4}- id: TODO-\d+$/.test(l) ? [i] : []));
  const at = todoLines[Math.floor(random() * todoLines.length)]!;
  const kind = Math.floor(random() * 8);
  const touched = [lines[at]!.slice('    - id: '.length)];
  const fieldLine = (key: string) => {
    for (let i = at + 1; i < lines.length && !/^ {4}- /.test(lines[i]!); i++) if (lines[i]!.startsWith(`      ${key}:`)) return i;
    return -1;
  };
  if (kind === 0) {
    const i = fieldLine('status');
    if (i !== -1) lines[i] = `      status: ${['pending', 'in_progress', 'completed', 'blocked', 'cancelled'][Math.floor(random() * 5)]}`;
  } else if (kind === 1) {
    const i = fieldLine('blocked_by');
    const target = `TODO-${Math.floor(random() * todoLines.length * 1.1)}`;
    if (i !== -1) lines[i] = `      blocked_by: [${target}]`;
    else lines.splice(at + 1, 0, `      blocked_by: [${target}, ISSUE-${Math.floor(random() * 40)}]`);
  } else if (kind === 2) {
    lines.splice(at + 1, 0, `      blocking: [TODO-${Math.floor(random() * todoLines.length)}]`);
  } else if (kind === 3) {
    const i = fieldLine('priority');
    if (i !== -1) lines[i] = '      priority: urgent-ish'; // invalid: left out, reported by lint
  } else if (kind === 4) {
    lines[at] = `    - id: TODO-${Math.floor(random() * 20)}`; // a repeated id
  } else if (kind === 5) {
    let end = at + 1;
    while (end < lines.length && lines[end]!.startsWith('      ')) end++;
    lines.splice(at, end - at);
  } else if (kind === 6) {
    // The same edge written on both sides (blocked_by here, blocking there): one edge in the graph.
    const i = fieldLine('blocked_by');
    const other = i === -1 ? undefined : /\[(TODO-\d+)/.exec(lines[i]!)?.[1];
    const there = other ? lines.indexOf(`    - id: ${other}`) : -1;
    if (there !== -1) lines.splice(there + 1, 0, `      blocking: [${touched[0]}]`);
    if (other) touched.push(other);
  } else {
    const i = fieldLine('repo');
    if (i !== -1) lines[i] = `      repo: repo-${Math.floor(random() * 8)}`;
  }
  return { text: lines.join('\n'), touched };
}

async function write(ws: Workspace, ids: string[], random: () => number): Promise<void> {
  const id = ids[Math.floor(random() * ids.length)]!;
  const kind = Math.floor(random() * 4);
  try {
    if (kind === 0) await updateTodo(ws, id, { priority: ['critical', 'high', 'medium', 'low'][Math.floor(random() * 4)] });
    else if (kind === 1) await createTodo(ws, { task: `a new one ${random()}`, repo: 'repo-1', blocked_by: [id] });
    else if (kind === 2) await completeTodo(ws, id, { force: true });
    else await deleteTodo(ws, id);
  } catch (e) {
    // A write the file refuses (an invalid record in the way, a transition) is fine here: nothing changed.
    expect((e as { code?: string }).code, (e as Error).message).toMatch(/^[A-Z_]+$/);
  }
}

const servedIds = (text: string, prefix: string) => [...text.matchAll(new RegExp(`^ {4}- id: (${prefix}-\\d+)$`, 'gm'))].map((m) => m[1]!);

describe('the index answers as a fresh parse does', () => {
  it.each([1, 2])('on a generated ecosystem after random edits and writes (seed %i)', async (seed) => {
    const random = rng(seed);
    const { file } = ecosystemDir(generateEcosystem({ todos: 300, repos: 8, seed }));
    const state = tempDir();
    const writer = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: state }, now: () => new Date('2026-11-01T10:00:00Z') });
    await loadSnapshot(writer);
    // A second index of the same file that never re-reads in place (only changed records parsed): each hand
    // edit is read whole there, and both must hold the same rows and record the same history.
    const reread = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: tempDir() }, now: () => new Date('2026-11-01T10:00:00Z') });
    await loadSnapshot(reread);
    for (let step = 0; step < 7; step++) {
      let touched: string[] = [];
      if (random() < 0.5) {
        const edit = handEdit(fs.readFileSync(file, 'utf8'), random);
        fs.writeFileSync(file, edit.text);
        touched = edit.touched;
        // Picked up by the next read, which re-reads only the changed records into the kept index.
        const since = { writer: writer.events.lastSeq(), reread: reread.events.lastSeq() };
        await loadSnapshot(writer);
        reread.index.setNote('skeleton', undefined);
        await loadSnapshot(reread);
        const rows = (ws: Workspace) => ws.index.items().map((i) => ({ ...i, lastValid: i.lastValid ?? null }));
        expect(rows(writer), `index rows after the hand edit of step ${step}`).toEqual(rows(reread));
        const summary = (ws: Workspace) => ws.index.summary(ws.index.header()!.fingerprint, ws.index.header()!.reader);
        expect(summary(writer)).toEqual(summary(reread));
        // The events of the hand edit (each index has also recorded the writes its own way).
        const edits = (ws: Workspace, after: number) => ws.events.list({}).filter((e) => e.seq > after).map((e) => ({ ...e, seq: undefined }));
        expect(edits(writer, since.writer), `history of the hand edit of step ${step}`).toEqual(edits(reread, since.reread));
      } else {
        await write(writer, servedIds(fs.readFileSync(file, 'utf8'), 'TODO'), random);
        // The other index reads the write as another process's: it follows the file.
        await loadSnapshot(reread);
      }
      const text = fs.readFileSync(file, 'utf8');
      // The layout the index keeps (what the next write and hand edit start from) is the scan of the file.
      const kept = keptLayout(writer, writer.index.header()!.fingerprint, text);
      if (writer.index.header()!.fingerprint === fingerprintOf(text) && writer.index.header()!.mode === 'chunked') expect(kept && plainLayout(kept.layout), `kept layout after step ${step}`).toEqual(plainLayout(scanLayout(text)));
      // So are the hashes of its groups of records (a hand edit is found by them).
      if (kept) expect(kept.kept.groups, `kept group hashes after step ${step}`).toEqual(hashGroups(text, scanLayout(text)));
      const ids = { todos: servedIds(text, 'TODO'), issues: servedIds(text, 'ISSUE') };
      // A fresh read of the file into a new index, with the whole graph in memory...
      const fresh = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: tempDir() } });
      const whole = await loadSnapshot(fresh);
      expect(whole.graph.todos.size).toBeGreaterThan(0);
      expect(whole.decoded).toBe(true);
      for (const [name, read] of reads(ids, touched, random)) {
        // ...against a command run later: a new process on the kept index, with nothing in memory.
        // A build keeps the answers of whole-graph queries: asked twice, the second comes from the index.
        const indexed = new Workspace({ file, actor: 'tester', env: { CONCORD_STATE_DIR: state }, build: 'differential' });
        try {
          expect((await loadSnapshot(indexed)).decoded).toBe(false);
          const expected = await answer(() => read(fresh));
          expect(await answer(() => read(indexed)), `${name} after step ${step}`).toEqual(expected);
          expect(await answer(() => read(indexed)), `${name} asked again after step ${step}`).toEqual(expected);
        } finally {
          indexed.close();
        }
      }
      fresh.close();
    }
    writer.close();
    reread.close();
  });
});
