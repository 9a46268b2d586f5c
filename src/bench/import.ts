// Bench of `concord import backlog`: a Backlog.md folder of N tasks (edges, milestones, comments) into an ecosystem.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importSources } from '../app/import/index.js';
import { Workspace } from '../app/workspace.js';
import { measure, type Measurement } from './measure.js';

/** Writes N task files the way `backlog task create` does, with dependencies, subtasks and milestones. */
export function generateBacklog(dir: string, tasks: number): void {
  const backlog = path.join(dir, 'backlog');
  for (const d of ['tasks', 'completed', 'milestones']) fs.mkdirSync(path.join(backlog, d), { recursive: true });
  fs.writeFileSync(path.join(backlog, 'config.yml'), 'project_name: "Bench"\ndefault_status: "To Do"\nstatuses: ["To Do", "In Progress", "Done"]\nlabels: []\n');
  for (let m = 1; m <= 5; m++) fs.writeFileSync(path.join(backlog, 'milestones', `m-${m} - release-${m}.md`), `---\nid: m-${m}\ntitle: "Release ${m}"\n---\n\n## Description\n\nMilestone: Release ${m}\n`);
  const statuses = ['To Do', 'To Do', 'In Progress', 'Done'];
  for (let i = 1; i <= tasks; i++) {
    const status = statuses[i % statuses.length]!;
    const deps = i > 1 && i % 3 !== 0 ? [`task-${Math.max(1, i - 1 - (i % 7))}`] : [];
    const fm = [
      '---', `id: TASK-${i}`, `title: Implement part ${i} of the work`, `status: ${status}`,
      ...(i % 4 === 0 ? ['assignee:', `  - '@agent-${i % 9}'`] : ['assignee: []']),
      `created_date: '2026-0${1 + (i % 9)}-0${1 + (i % 9)} 10:00'`, 'labels:', `  - area-${i % 11}`,
      ...(i % 2 === 0 ? [`milestone: m-${1 + (i % 5)}`] : []),
      ...(deps.length ? ['dependencies:', ...deps.map((d) => `  - ${d}`)] : ['dependencies: []']),
      ...(i % 10 === 5 && i > 10 ? [`parent_task_id: TASK-${i - 5}`] : []),
      `priority: ${['high', 'medium', 'low'][i % 3]}`, '---', '',
    ];
    const body = ['## Description', '', '<!-- SECTION:DESCRIPTION:BEGIN -->', `Longer notes on part ${i}.\nThey span two lines.`, '<!-- SECTION:DESCRIPTION:END -->', '', '## Acceptance Criteria', '<!-- AC:BEGIN -->', '- [ ] #1 works', '- [x] #2 is tested', '<!-- AC:END -->', ''];
    if (i % 5 === 0) body.push('## Comments', '', '<!-- COMMENTS:BEGIN -->', 'author: @agent-1', 'created: 2026-02-01 09:00', '---', `Picked up part ${i}.`, '---', '<!-- COMMENTS:END -->', '');
    fs.writeFileSync(path.join(backlog, status === 'Done' && i % 8 === 0 ? 'completed' : 'tasks', `task-${i} - Implement-part-${i}-of-the-work.md`), [...fm, ...body].join('\n'));
  }
}

export async function benchImport(tasks: number): Promise<Measurement[]> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), `concord-bench-import-${tasks}-`));
  try {
    generateBacklog(path.join(root, 'api'), tasks);
    const runs = 3;
    const rows: Measurement[] = [];
    rows.push(await measure(`import backlog: ${tasks.toLocaleString('en')} Backlog.md tasks into an empty ecosystem (one write)`, runs, async (i) => {
      const file = path.join(root, `ecosystem-${i}.yaml`);
      fs.writeFileSync(file, 'repos: []\n');
      const ws = new Workspace({ file, actor: 'bench', env: { CONCORD_STATE_DIR: path.join(root, `state-${i}`) } });
      const r = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
      if (r.report.counts.created < tasks) throw new Error(`import created ${r.report.counts.created} records for ${tasks} tasks`);
      ws.close();
    }, { target_ms: 5000 }));
    rows.push(await measure(`import backlog again: ${tasks.toLocaleString('en')} tasks, nothing changed (matched by source_id)`, runs, async (i) => {
      const ws = new Workspace({ file: path.join(root, `ecosystem-${i}.yaml`), actor: 'bench', env: { CONCORD_STATE_DIR: path.join(root, `state-${i}`) } });
      const r = await importSources(ws, { tool: 'backlog', paths: ['api'] }, root);
      if (r.report.counts.unchanged !== tasks) throw new Error(`re-import left ${r.report.counts.unchanged} of ${tasks} unchanged`);
      ws.close();
    }, { target_ms: 5000 }));
    return rows;
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
}
