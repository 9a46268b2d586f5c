// Workspaces over temp copies of test ecosystems, and a check that the index matches a fresh read.
import fs from 'node:fs';
import { expect } from 'vitest';
import { snapshotFromItems } from '../../src/app/snapshot.js';
import { Workspace, type WorkspaceOptions } from '../../src/app/workspace.js';
import { READER_VERSION } from '../../src/core/version.js';
import { fingerprintOf } from '../../src/store/file.js';
import { readEcosystemText } from '../../src/store/read.js';
import { ecosystemDir } from './temp.js';

export function workspaceWith(text: string, options: WorkspaceOptions = {}): { ws: Workspace; dir: string; file: string } {
  const { dir, file } = ecosystemDir(text);
  const ws = new Workspace({ cwd: dir, actor: 'tester', env: {}, ...options });
  return { ws, dir, file };
}

/** Asserts that the index serves exactly what a fresh, cache-free read of the file gives. */
export function expectIndexMatchesFile(ws: Workspace): void {
  const text = fs.readFileSync(ws.file, 'utf8');
  const fresh = readEcosystemText(text, ws.file);
  const loaded = ws.index.load(fingerprintOf(text), READER_VERSION);
  expect(loaded, 'the index is for the current file').toBeDefined();
  expect(loaded!.snapshot).toEqual(snapshotFromItems(fresh.items, fresh.meta));
  const indexed = ws.index.items().map((i) => [i.section, i.ordinal, i.id, i.hash]);
  const expected = fresh.items.map((i) => [i.section, i.ordinal, i.id, i.hash]).sort((a, b) => String(a[0]).localeCompare(String(b[0])) || Number(a[1]) - Number(b[1]));
  expect(indexed).toEqual(expected);
}
