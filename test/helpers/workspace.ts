// Workspaces over temp copies of test ecosystems, and a check that the index matches a fresh read.
import fs from 'node:fs';
import { expect } from 'vitest';
import { parse } from 'yaml';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { Workspace, type WorkspaceOptions } from '../../src/app/workspace.js';
import { SECTION_NAMES, SECTIONS } from '../../src/core/sections.js';
import { READER_VERSION } from '../../src/core/version.js';
import { fingerprintOf } from '../../src/store/file.js';
import { ecosystemDir, tempDir } from './temp.js';

export function workspaceWith(text: string, options: WorkspaceOptions = {}): { ws: Workspace; dir: string; file: string } {
  const { dir, file } = ecosystemDir(text);
  const ws = new Workspace({ cwd: dir, actor: 'tester', env: {}, ...options });
  return { ws, dir, file };
}

/** [section, position, id] of every record, by a whole-document parse with the `yaml` library (not Concord's reader). */
function recordsByYaml(text: string): [string, number, string | undefined][] {
  const doc = (parse(text) ?? {}) as Record<string, unknown>;
  return SECTION_NAMES.flatMap((section) => {
    const spec = SECTIONS[section];
    let list: unknown = doc;
    for (const key of spec.path) list = (list as Record<string, unknown> | undefined)?.[key];
    return (Array.isArray(list) ? list : []).map((r, i): [string, number, string | undefined] => {
      const id = (r as Record<string, unknown> | null)?.[spec.idKey];
      return [section, i, id === undefined || id === null ? undefined : String(id)];
    });
  }).sort((a, b) => a[0].localeCompare(b[0]) || a[1] - b[1]);
}

/**
 * Asserts that the index serves exactly what a fresh read of the file gives: the records (by an independent
 * whole-document parse) and the snapshot a cold start builds from the file alone (an empty state folder). The
 * index is kept up to date incrementally by writes and hand edits; the cold start reads everything afresh.
 */
export async function expectIndexMatchesFile(ws: Workspace): Promise<void> {
  const text = fs.readFileSync(ws.file, 'utf8');
  const loaded = ws.index.load(fingerprintOf(text), READER_VERSION);
  expect(loaded, 'the index is for the current file').toBeDefined();
  expect(ws.index.items().map((i) => [i.section, i.ordinal, i.id])).toEqual(recordsByYaml(text));
  const cold = new Workspace({ file: ws.file, actor: 'tester', env: { CONCORD_STATE_DIR: tempDir() } });
  try {
    expect(loaded!.snapshot).toEqual((await loadSnapshot(cold)).snapshot);
  } finally {
    cold.close();
  }
}
