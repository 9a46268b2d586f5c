// No write lost: writers with different state databases share one file lock, and hand edits that land
// while Concord writes (a 10,000-todo file) are never overwritten. Real processes; every write counted.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { generateEcosystem } from '../../src/bench/generate.js';
import { readEcosystemFile, restoreDisplaced } from '../../src/store/file.js';
import { isServed, readEcosystemText } from '../../src/store/read.js';
import { decodeText } from '../../src/store/text-codec.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir, tempDir } from '../helpers/temp.js';

const WORKERS = path.join(import.meta.dirname, 'workers');

interface Reported {
  written: string[];
  failed: string[];
}

function addNotes(file: string, tag: string, limit: string, todos: string[], env: Record<string, string> = {}, onWrite?: () => void): Promise<Reported> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(WORKERS, 'add-notes.mjs'), file, tag, limit, ...todos], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d: Buffer) => {
      stderr += d;
      for (const _ of d.toString().matchAll(/wrote\n/g)) onWrite?.();
    });
    child.on('close', (code) => (code === 0 ? resolve(JSON.parse(stdout) as Reported) : reject(new Error(`add-notes ${tag} exited ${code}: ${stderr}`))));
  });
}

/** Every note text in the file, and the ids of the todos it serves. */
function contents(file: string): { notes: string[]; todos: Set<string> } {
  const read = readEcosystemText(fs.readFileSync(file, 'utf8'), file);
  expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  const todos = read.items.filter((i) => i.section === 'todos' && isServed(i));
  return {
    notes: todos.flatMap((t) => ((t.record!['notes'] as { text: string }[] | undefined) ?? []).map((n) => n.text)),
    todos: new Set(todos.map((t) => t.id!)),
  };
}

const lost = (reported: string[], present: readonly string[]) => {
  const have = new Set(present);
  return reported.filter((x) => !have.has(x));
};

describe('writers with different state databases', () => {
  it('two CONCORD_STATE_DIRs writing one file lose 0 of the notes they reported written', async () => {
    const { file } = ecosystemDir(SMALL);
    const [a, b] = await Promise.all([
      addNotes(file, 'left', '40', ['TODO-2', 'TODO-5'], { CONCORD_STATE_DIR: tempDir(), CONCORD_LOCK_TIMEOUT_MS: '60000' }),
      addNotes(file, 'right', '40', ['TODO-2', 'TODO-5'], { CONCORD_STATE_DIR: tempDir(), CONCORD_LOCK_TIMEOUT_MS: '60000' }),
    ]);
    const reported = [...a.written, ...b.written];
    const { notes } = contents(file);
    expect({ reported: reported.length, lost: lost(reported, notes).length, failed: [...a.failed, ...b.failed] }).toEqual({ reported: 80, lost: 0, failed: [] });
    // Each note once: a retried write is not applied twice.
    expect(notes.filter((n) => n.startsWith('left ') || n.startsWith('right '))).toHaveLength(80);
  });
});

/** The benchmark's 10,000-todo file with its todos section last, so a hand edit can append a todo. */
function bigFile(): string {
  const text = generateEcosystem({ todos: 10_000 });
  const at = text.indexOf('  dependencies:\n');
  const todosAt = text.indexOf('  todos:\n');
  return text.slice(0, todosAt) + text.slice(at) + text.slice(todosAt, at);
}

describe('hand edits while Concord writes', () => {
  it('todos appended by hand while the loop writes a 10,000-todo file (at the moment it stages the new file): 0 lost, and 0 of the loop\'s notes lost', async () => {
    const { dir, file } = ecosystemDir(bigFile());
    const stop = path.join(dir, 'stop');
    let writes = 0;
    // At most one hand edit per write the loop reports: a person or a tool, not a second writer racing
    // Concord's own recovery (two edits within one write are the conflict-copy case, tested below). A time gap
    // between edits is not enough: on a loaded machine one write of this file can take longer than any gap.
    let armed = true;
    const writer = addNotes(file, 'loop', `until:${stop}`, ['TODO-1', 'TODO-2', 'TODO-3'], { CONCORD_LOCK_TIMEOUT_MS: '60000' }, () => {
      writes++;
      armed = true;
    });
    // The hand editor appends a todo when it sees Concord's temp file appear (a write is in flight), after
    // 0-20 ms, for about half of the writes (so the loop is not starved), until the loop has written 8 notes.
    const appended: string[] = [];
    const appendOne = () => {
      const id = `TODO-HAND-${appended.length}`;
      fs.appendFileSync(file, `    - id: ${id}\n      task: Added by hand\n      repo: repo-1\n      status: pending\n`);
      appended.push(id);
    };
    let last = 0;
    const watcher = fs.watch(dir, (_event, name) => {
      if (!armed || !name?.includes('.concord-tmp-') || !fs.existsSync(path.join(dir, name)) || Date.now() - last < 100 || Math.random() < 0.5) return;
      [armed, last] = [false, Date.now()];
      setTimeout(appendOne, Math.floor(Math.random() * 20));
    });
    const deadline = Date.now() + 150_000;
    while (writes < 8 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    watcher.close();
    fs.writeFileSync(stop, '');
    const loop = await writer;
    await new Promise((r) => setTimeout(r, 50));
    const { notes, todos } = contents(file);
    const missing = appended.filter((id) => !todos.has(id));
    expect(fs.readdirSync(dir).filter((n) => n.includes('concord-conflict'))).toEqual([]);
    expect({ lost: missing.length, loopLost: lost(loop.written, notes).length }).toEqual({ lost: 0, loopLost: 0 });
    expect(loop.written.length).toBeGreaterThanOrEqual(8);
    expect(appended.length).toBeGreaterThan(3);
  }, 200_000);
});

describe('an edit that the rename took off the path', () => {
  // Bytes that are not UTF-8 (a Latin-1 "é") in the edit: whatever Concord does with it, they stay as they were.
  const latin1 = (text: string) => Buffer.from(text, 'latin1');
  const setUp = () => {
    const { dir, file } = ecosystemDir(SMALL);
    const ours = readEcosystemFile(file);
    const edited = latin1(`${SMALL}# caf\xe9 edited by hand\n`);
    return { dir, file, ours, edited, displaced: { text: decodeText(edited) } };
  };
  const copies = (dir: string) => fs.readdirSync(dir).filter((n) => n.includes('.concord-conflict-'));

  it('is put back byte for byte when the file still holds our version', () => {
    const { dir, file, ours, edited, displaced } = setUp();
    const warnings: string[] = [];
    expect(restoreDisplaced(ours, ours.text, displaced, (m) => warnings.push(m))).toBe(true);
    expect(fs.readFileSync(file).equals(edited)).toBe(true);
    expect({ warnings, copies: copies(dir) }).toEqual({ warnings: [], copies: [] });
  });

  it('is kept byte for byte in a conflict copy, loudly, when a second edit reached our version meanwhile', () => {
    const { dir, file, ours, edited, displaced } = setUp();
    const second = latin1(`${SMALL}# na\xefve second edit\n`);
    fs.writeFileSync(file, second);
    const warnings: string[] = [];
    expect(restoreDisplaced(ours, ours.text, displaced, (m) => warnings.push(m))).toBe(false);
    expect(fs.readFileSync(file).equals(second)).toBe(true);
    const [copy] = copies(dir);
    expect(fs.readFileSync(path.join(dir, copy!)).equals(edited)).toBe(true);
    expect(warnings).toEqual([expect.stringContaining(`one version is kept in ${path.join(dir, copy!)}`)]);
  });
});
