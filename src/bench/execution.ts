// npm run bench, execution (issue 14): the queue's overhead per run with a no-op executor, the time from
// `execute` to the agent process starting, and a sweep of 1,000 no-op todos in 50 repos.
import { execFileSync, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readEnvironment } from '../app/environment.js';
import { executeTodo } from '../app/runs/execute.js';
import { Workspace } from '../app/workspace.js';
import type { RunOutcome } from '../core/runs/outcome.js';
import { runSweep } from '../exec/sweep.js';
import { openRunQueue } from '../state/run-queue.js';
import type { Measurement } from './measure.js';

const CLI = path.resolve(import.meta.dirname, '../../bin/concord.cjs');
const DONE: RunOutcome = { status: 'succeeded', reason: 'no-op', turns: 1, tokens: { input: 0, output: 0 } };
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const ENV = readEnvironment().vars;
/** JSON is YAML: concord.yaml as one line. */
const settingsText = (o: unknown) => JSON.stringify(o) + '\n';

/** Enqueue, claim, start and finish N runs over 50 repos (serial per repo): the queue alone, no agent. */
async function queueOverhead(n: number): Promise<Measurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-queue-'));
  const q = openRunQueue(path.join(dir, 'state.db'), (k) => randomBytes(k));
  try {
    const req = { worker: 'bench', pools: ['default'], selector: 'least_loaded' as const, per_repo: 1, repo_limits: {}, max_running: 1_000, lease_ms: 30_000 };
    const load = os.loadavg()[0]!;
    const cpu0 = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < n; i++) await q.enqueue({ todo: `TODO-${i}`, repo: `repo-${i % 50}`, pool: 'default', executor: 'noop', requested_by: 'bench', capacity: n }, new Date());
    let done = 0;
    while (done < n) {
      const batch = [];
      for (let c = await q.claim(req, new Date()); c; c = await q.claim(req, new Date())) batch.push(c);
      for (const c of batch) {
        await q.start(c.run.id, c.lease.token, {}, new Date());
        await q.finish(c.run.id, c.lease.token, { outcome: DONE }, new Date());
        done++;
      }
    }
    const ms = performance.now() - started;
    const cpu = process.cpuUsage(cpu0);
    const cpuPer = (cpu.user + cpu.system) / 1000 / n;
    const per = ms / n;
    // Wall time is what the target says; CPU time per run is what holds under the load of a shared machine.
    const note = `${Math.round(n / (ms / 1000))} runs/s wall at load ${load.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)}; ${cpuPer.toFixed(3)} ms CPU per run = ${Math.round(1000 / cpuPer)} runs per CPU-second; target 500/s`;
    return { name: `queue: a run enqueued, claimed, started and finished (no-op executor, ${n} runs, 50 repos)`, median_ms: Math.round(per * 1000) / 1000, p90_ms: Math.round(per * 1000) / 1000, runs: n, target_ms: 2, note };
  } finally {
    q.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

function gitRepo(dir: string): void {
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, 'README.md'), '# bench\n');
  const env = { ...ENV, GIT_AUTHOR_NAME: 'b', GIT_AUTHOR_EMAIL: 'b@b', GIT_COMMITTER_NAME: 'b', GIT_COMMITTER_EMAIL: 'b@b' };
  for (const args of [['init', '-q', '-b', 'main'], ['add', '-A'], ['commit', '-qm', 'init']]) execFileSync('git', args, { cwd: dir, env, stdio: 'ignore' });
}

function ecosystem(dir: string, repos: number, todos: { id: string; repo: number; plan?: string; labels?: string[]; blocked_by?: string[] }[], settings: Record<string, unknown>): string {
  for (let r = 0; r < repos; r++) gitRepo(path.join(dir, 'repos', `repo-${r}`));
  const file = path.join(dir, 'ecosystem.yaml');
  // Block YAML, one record per chunk, as people write it (and as the chunked store reads fastest).
  const lines = ['version: "1.0"', 'repos:'];
  for (let r = 0; r < repos; r++) lines.push(`  - name: repo-${r}`, `    path: ./repos/repo-${r}`);
  lines.push('coordination:', '  plans:', '    - id: PLAN-1', '      title: Bench', '      status: active', '  todos:');
  for (const t of todos) {
    lines.push(`    - id: ${t.id}`, `      task: bench ${t.id}`, `      repo: repo-${t.repo}`, '      status: pending');
    if (t.plan) lines.push(`      plan: ${t.plan}`);
    if (t.labels) lines.push(`      labels: [${t.labels.join(', ')}]`);
    if (t.blocked_by) lines.push(`      blocked_by: [${t.blocked_by.join(', ')}]`);
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
  fs.writeFileSync(path.join(dir, 'concord.yaml'), settingsText(settings));
  return file;
}

/** From `executeTodo` to the agent process running, with a `concord worker` already waiting in another process. */
async function executeToStart(n: number): Promise<Measurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-start-'));
  const marks = path.join(dir, 'marks');
  fs.mkdirSync(marks);
  const file = ecosystem(dir, 1, Array.from({ length: n }, (_, i) => ({ id: `TODO-${i}`, repo: 0, labels: ['no-code'] })), {
    pools: [{ name: 'default', executor: 'mark', isolation: 'worktree' }],
    executors: { mark: { command: 'sh', args: ['-c', `date +%s%N > ${marks}/$CONCORD_TODO; echo done`] } },
  });
  const worker = spawn(process.execPath, [CLI, 'worker'], { cwd: dir, stdio: 'ignore', env: { ...ENV, CONCORD_ACTOR: 'bench' } as NodeJS.ProcessEnv });
  const ws = new Workspace({ file, actor: 'bench', env: {} });
  const times: number[] = [];
  const load = os.loadavg()[0]!;
  try {
    await sleep(1_500);
    for (let i = 0; i < n; i++) {
      const t0 = Date.now();
      const { run } = await executeTodo(ws, { todo: `TODO-${i}` });
      const mark = path.join(marks, `TODO-${i}`);
      while (!fs.existsSync(mark) || !fs.readFileSync(mark, 'utf8').trim()) await sleep(2);
      times.push(Number(fs.readFileSync(mark, 'utf8').trim()) / 1e6 - t0);
      while ((await ws.runs.get(run.id))?.status !== 'succeeded') await sleep(10);
    }
  } finally {
    worker.kill('SIGTERM');
    ws.close();
    await sleep(300);
    fs.rmSync(dir, { recursive: true, force: true });
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => Math.round(times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 10) / 10;
  return { name: 'execute -> agent process started (a worker waiting in another process; lease, in_progress written, fresh worktree)', median_ms: at(0.5), p90_ms: at(0.9), runs: n, target_ms: 150, note: `load ${load.toFixed(1)} -> ${os.loadavg()[0]!.toFixed(1)}` };
}

/** A sweep of 1,000 no-op todos in 50 repos, 4 waves, through the whole path (leases, file writes, events). */
async function sweepThousand(todos: number, repos: number): Promise<Measurement> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'concord-bench-sweep-'));
  const per = todos / 4;
  const list = Array.from({ length: todos }, (_, i) => ({ id: `TODO-${i}`, repo: i % repos, plan: 'PLAN-1', labels: ['no-code'], ...(i >= per ? { blocked_by: [`TODO-${i - per}`] } : {}) }));
  const file = ecosystem(dir, repos, list, {
    queue: { capacity: todos, max_running: repos, poll_ms: 20 },
    pools: [{ name: 'default', executor: 'noop', isolation: 'in_place', concurrency: 16 }],
    executors: { noop: { command: 'sh', args: ['-c', 'echo done'] } },
  });
  const ws = new Workspace({ file, actor: 'bench', env: {} });
  try {
    const started = performance.now();
    const report = await runSweep(ws, { plan: 'PLAN-1', env: { PATH: ENV['PATH'] ?? '' } });
    const ms = performance.now() - started;
    if (report.status !== 'completed' || report.succeeded.length !== todos) throw new Error(`the bench sweep did not complete: ${report.status}, ${report.succeeded.length} succeeded; ${JSON.stringify(report.failed.slice(0, 5))}`);
    return { name: `sweep of ${todos.toLocaleString('en')} no-op todos in ${repos} repos, 4 waves, 16 at once (whole path: leases, 2 writes of ecosystem.yaml per todo, events)`, median_ms: Math.round(ms), p90_ms: Math.round(ms), runs: 1, note: `${Math.round(todos / (ms / 1000))} todos/s` };
  } finally {
    ws.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

export async function benchExecution(): Promise<Measurement[]> {
  return [await queueOverhead(2_000), await executeToStart(15), await sweepThousand(1_000, 50)];
}
