// The scheduler's costs: a pass over many jobs, a write with activities listening, a long outage worked through.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createTodo } from '../app/todos.js';
import { Workspace } from '../app/workspace.js';
import { createScheduler } from '../schedule/runtime.js';
import { measure, type Measurement } from './measure.js';

function workspaceWith(settings: string, activities: Record<string, string>, now: () => Date): { ws: Workspace; dir: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-sched-'));
  fs.writeFileSync(path.join(dir, 'ecosystem.yaml'), 'repos:\n  - name: api\n    path: ./api\ncoordination:\n  todos: []\n');
  fs.writeFileSync(path.join(dir, 'concord.yaml'), `coordination:\n  auto_dependency_check: false\n${settings}`);
  fs.mkdirSync(path.join(dir, 'activities'));
  for (const [name, text] of Object.entries(activities)) fs.writeFileSync(path.join(dir, 'activities', `${name}.md`), text);
  return { ws: new Workspace({ cwd: dir, env: {}, now, actor: 'bench', surface: 'scheduler' }), dir };
}

export async function benchScheduler(): Promise<Measurement[]> {
  const rows: Measurement[] = [];
  let t = Date.parse('2026-05-01T10:00:30Z');
  const now = () => new Date(t);
  const jobs = Array.from({ length: 200 }, (_, i) => `  - name: job-${i}\n    cron: "${i % 60} */6 * * *"\n    timezone: Europe/Berlin\n    command: ["true"]\n`).join('');
  const listening = Object.fromEntries(Array.from({ length: 20 }, (_, i) => [`a-${i}`, `---\nenabled: true\ntriggers:\n  - event: todo:*\n    filter: { repo: api }\n    quiet: 1m\n    quiet_per: repo\nactions:\n  - command: ["true"]\n---\n`]));
  const a = workspaceWith(`jobs:\n${jobs}`, listening, now);
  const b = workspaceWith('', {}, now);
  try {
    const sched = createScheduler(a.ws);
    await sched.tick();
    rows.push(await measure('scheduler pass over 200 cron jobs and 20 activities, nothing due', 20, async () => {
      t += 1_000;
      await sched.tick();
    }, { target_ms: 50 }));
    rows.push(await measure('create one todo, no activity listening', 10, (i) => createTodo(b.ws, { task: `bench ${i}`, repo: 'api' })));
    rows.push(await measure('create one todo, 20 activities listening (quiet periods kept in step)', 10, (i) => createTodo(a.ws, { task: `bench ${i}`, repo: 'api' })));
    const outage = workspaceWith(`jobs:\n  - name: every-second\n    cron: "* * * * * *"\n    command: ["true"]\n`, {}, now);
    try {
      const s = createScheduler(outage.ws);
      await s.tick();
      rows.push(await measure('a one-day outage of an every-second job (86,400 instants missed)', 1, async () => {
        t += 86_400_000;
        await s.tick();
      }, { note: '100 listed, the rest summed up in one event' }));
    } finally {
      outage.ws.close();
      fs.rmSync(outage.dir, { recursive: true, force: true });
    }
  } finally {
    a.ws.close();
    b.ws.close();
    fs.rmSync(a.dir, { recursive: true, force: true });
    fs.rmSync(b.dir, { recursive: true, force: true });
  }
  return rows;
}
