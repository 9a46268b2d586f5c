// `concord serve --demo` (what `npm start` runs): a demo ecosystem of real git repos, served with the dashboard,
// whose plan is swept live by the demo agent; each run commits on its branch; the folder goes when it stops.
import { execFileSync, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect, it } from 'vitest';
import { parse } from 'yaml';
import { CLI } from '../helpers/cli.js';

/** `concord serve --demo` with the demo agent's pace; resolves with the URL and folder it prints first. */
async function startDemo(paceMs: string) {
  const child = spawn(process.execPath, [CLI, 'serve', '--demo', '--port', '0', '--json'], {
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '/tmp', CONCORD_DEMO_PACE_MS: paceMs },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let err = '';
  child.stderr.on('data', (d: Buffer) => (err += d.toString()));
  const started = await new Promise<{ url: string; demo: string }>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      if (out.includes('\n')) resolve(JSON.parse(out.split('\n')[0]!));
    });
    child.once('exit', (code) => reject(new Error(`serve --demo exited with ${code}: ${err}`)));
  });
  return { child, started, stderr: () => err };
}

it('serves the dashboard on a demo ecosystem and sweeps its plan, each todo a commit of the demo agent', async () => {
  const { child, started, stderr } = await startDemo('100');
  try {
    expect(stderr()).toContain(`dashboard: ${started.url}/`);
    const html = await (await fetch(`${started.url}/`)).text();
    expect(html).toContain('<div id="root">');
    const file = path.join(started.demo, 'ecosystem.yaml');
    const planTodos = () => (parse(fs.readFileSync(file, 'utf8')) as { coordination: { todos: { id: string; status: string; plan?: string }[] } }).coordination.todos.filter((t) => t.plan === 'PLAN-001');
    expect(planTodos().length).toBe(7);
    // The sweep ends with every todo of the plan completed (TODO-101 was done before).
    await expect.poll(() => planTodos().every((t) => t.status === 'completed'), { timeout: 90_000, interval: 500 }).toBe(true);
    await expect.poll(stderr, { timeout: 10_000 }).toMatch(/sweep of PLAN-001 completed: 6 succeeded, 0 failed/);
    // The demo agent's commit is on the run's branch of the sdk repo.
    const log = execFileSync('git', ['log', '--all', '--format=%an %s'], { cwd: path.join(started.demo, 'repos', 'sdk'), encoding: 'utf8' });
    expect(log).toMatch(/Demo Agent TODO-103: /);
  } finally {
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGTERM');
    await exited;
  }
  expect(fs.existsSync(started.demo)).toBe(false);
}, 120_000);

it('stopped in the middle of its sweep, stops the sweep too: the folder goes, and no run writes after it', async () => {
  // Slow agents, so a run is still under way when the server stops.
  const { child, started, stderr } = await startDemo('3000');
  const exited = new Promise<number | null>((r) => child.once('exit', r));
  try {
    const running = async () => ((await (await fetch(`${started.url}/api/runs?status=running`)).json()) as unknown[]).length;
    await expect.poll(running, { timeout: 60_000, interval: 200 }).toBeGreaterThan(0);
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
  expect(fs.existsSync(started.demo)).toBe(false);
  expect(stderr()).not.toMatch(/warning:|ENOENT/);
}, 120_000);
