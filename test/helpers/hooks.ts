// Workspaces with hooks in concord.yaml and a clock the test moves, for delivery and retry tests.
import fs from 'node:fs';
import path from 'node:path';
import { Workspace } from '../../src/app/workspace.js';
import { SMALL } from './fixtures.js';
import { ecosystemDir } from './temp.js';

export interface HookBed {
  dir: string;
  file: string;
  ws: Workspace;
  /** Moves the workspace clock forward. */
  advance: (seconds: number) => void;
  /** Another workspace (its own connection) on the same ecosystem and clock. */
  open: (env?: Record<string, string>) => Workspace;
  warnings: string[];
}

export function hookBed(concordYaml: string, env: Record<string, string> = {}): HookBed {
  const { dir, file } = ecosystemDir(SMALL);
  fs.writeFileSync(path.join(dir, 'concord.yaml'), concordYaml);
  let now = Date.parse('2026-03-02T09:00:00Z');
  const warnings: string[] = [];
  const open = (extra: Record<string, string> = {}) =>
    new Workspace({ cwd: dir, actor: 'tester', env: { PATH: process.env['PATH'] ?? '', ...env, ...extra }, now: () => new Date(now), warn: (m) => warnings.push(m) });
  return { dir, file, ws: open(), advance: (s) => (now += s * 1000), open, warnings };
}

/** Waits until `check` holds, up to `ms` (for a process to be gone); never asserts on time. */
export async function eventually(check: () => boolean, ms = 5_000): Promise<boolean> {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    if (check()) return true;
    await new Promise((r) => setTimeout(r, 20));
  }
  return check();
}
