// A controllable clock and workspaces with jobs or activities, for scheduler tests.
import fs from 'node:fs';
import path from 'node:path';
import { Workspace } from '../../src/app/workspace.js';
import { createScheduler, type Scheduler } from '../../src/schedule/runtime.js';
import { type FireRow, ScheduleStore } from '../../src/state/schedule-store.js';
import { ecosystemDir } from './temp.js';

export interface Clock {
  now: () => Date;
  set: (iso: string) => void;
  advance: (ms: number) => void;
  iso: () => string;
}

export function fakeClock(start: string): Clock {
  let t = Date.parse(start);
  return { now: () => new Date(t), set: (iso) => (t = Date.parse(iso)), advance: (ms) => (t += ms), iso: () => new Date(t).toISOString() };
}

const ECOSYSTEM = 'repos:\n  - name: api\n    path: ./api\n  - name: web\n    path: ./web\ncoordination:\n  todos: []\n';

/** A workspace whose concord.yaml holds `settings` (the built-in dependency check off unless it says so). */
export function scheduledWorkspace(settings: string, clock: Clock, files: Record<string, string> = {}): { ws: Workspace; dir: string; open: () => Workspace } {
  const { dir } = ecosystemDir(ECOSYSTEM);
  const text = settings.includes('coordination:') ? settings : `coordination:\n  auto_dependency_check: false\n${settings}`;
  fs.writeFileSync(path.join(dir, 'concord.yaml'), text);
  for (const [name, body] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    fs.writeFileSync(path.join(dir, name), body);
  }
  const open = () => new Workspace({ cwd: dir, env: { PATH: process.env['PATH'] ?? '' }, now: clock.now, actor: 'concord', surface: 'scheduler' });
  return { ws: open(), dir, open };
}

export function schedulerOf(ws: Workspace): Scheduler {
  return createScheduler(ws);
}

/** Fires of a target, oldest first. */
export function firesOf(ws: Workspace, target: string): FireRow[] {
  return new ScheduleStore(ws.db).history(target, 10_000).reverse();
}
