// The tower-defence stress test (after graphile-worker's): 4 worker processes, 300 runs across 10 repos in
// 3 waves, workers killed with SIGKILL at random and replaced. Every run ends exactly once, no repo ever
// has two runs at once, nothing is lost.
import { type ChildProcess, spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { groupAlive } from '../../src/app/process.js';
import { readEcosystemText } from '../../src/store/read.js';
import { CLI } from '../helpers/cli.js';
import { runEcosystem } from '../helpers/runs.js';

const REPOS = Array.from({ length: 10 }, (_, i) => `repo-${i}`);
const WAVES = 3;
const PER_WAVE = 100;

describe('tower defence', () => {
  it('4 workers, 300 runs, 10 repos, random SIGKILLs: every run ends once, never two in a repo, nothing lost', async () => {
    const todos = [];
    for (let w = 0; w < WAVES; w++) {
      for (let i = 0; i < PER_WAVE; i++) todos.push({ id: `TODO-${w}-${i}`, task: `wave ${w} item ${i}`, repo: REPOS[i % REPOS.length], status: 'pending', ...(w ? { blocked_by: [`TODO-${w - 1}-${i}`] } : {}) });
    }
    const e = runEcosystem({
      repos: REPOS,
      todos,
      settings: {
        queue: { capacity: 1000, max_running: 12, per_repo: 1, heartbeat_seconds: 0.3, lease_seconds: 1.5, poll_ms: 20, retry: { infra_attempts: 25, backoff_base_ms: 10, backoff_max_ms: 100 } },
        // A tiny agent: commits one line and says so (the `command` executor: exit 0 is its result).
        executors: { tick: { command: 'sh', args: ['-c', 'sleep 0.05; echo "$CONCORD_RUN" >> "work-$CONCORD_TODO.txt" && git add -A && git commit -qm "$CONCORD_RUN" && echo "done $CONCORD_TODO"'] } },
        pools: [{ name: 'default', executor: 'tick', concurrency: 3, limits: { after_result_seconds: 5, idle_seconds: 30, wall_seconds: 60, kill_grace_seconds: 0.2 } }],
      },
    });
    const workers = new Set<ChildProcess>();
    const logs: string[] = [];
    const start = () => {
      const w = spawn(process.execPath, [CLI, 'worker'], { cwd: e.dir, env: { ...e.env, CONCORD_ACTOR: 'worker' }, stdio: ['ignore', 'ignore', 'pipe'] });
      w.stderr!.on('data', (d: Buffer) => logs.push(`[${w.pid}] ${d.toString('utf8')}`));
      w.once('exit', () => workers.delete(w));
      workers.add(w);
    };
    for (let i = 0; i < 4; i++) start();
    let kills = 0;
    let killing = true;
    const killer = (async () => {
      while (killing) {
        await new Promise((r) => setTimeout(r, 1500 + Math.random() * 1500));
        if (!killing) break;
        const victims = [...workers];
        const v = victims[Math.floor(Math.random() * victims.length)];
        if (v) {
          v.kill('SIGKILL');
          kills++;
          start();
        }
      }
    })();
    try {
      for (let w = 0; w < WAVES; w++) {
        if (w) {
          const bad = (await e.ws.runs.list({ limit: 10_000 })).filter((r) => r.status !== 'succeeded');
          const { graph } = await loadSnapshot(e.ws);
          const open = todos.filter((t) => t.id.startsWith(`TODO-${w - 1}-`) && graph.todos.get(t.id)!.status !== 'completed');
          expect({ bad: bad.map((r) => [r.todo, r.status, r.outcome?.reason]), open: open.map((t) => [t.id, graph.todos.get(t.id)!.status]) }).toEqual({ bad: [], open: [] });
        }
        for (let i = 0; i < PER_WAVE; i++) await executeTodo(e.ws, { todo: `TODO-${w}-${i}` });
        const deadline = Date.now() + 180_000;
        for (;;) {
          const c = await e.ws.runs.counts();
          if (c.queued + c.active === 0) break;
          if (Date.now() > deadline) {
            const stuck = (await e.ws.runs.list({ status: ['dispatching', 'running'] })).map((r) => `${r.id} ${r.todo} ${r.status} ${r.worker} lease ${r.lease_expires_at}`);
            throw new Error(`wave ${w} did not finish: ${JSON.stringify(c)}\n${stuck.join('\n')}\n${logs.slice(-40).join('')}`);
          }
          await new Promise((r) => setTimeout(r, 100));
        }
      }
    } finally {
      killing = false;
      await killer;
      for (const w of workers) w.kill('SIGKILL');
      await new Promise((r) => setTimeout(r, 300));
    }
    expect(kills).toBeGreaterThan(3);

    // Every run ended, once, successfully: one succeeded attempt each, and a final status.
    const runs = await e.ws.runs.list({ limit: 10_000 });
    expect(runs).toHaveLength(WAVES * PER_WAVE);
    expect(new Set(runs.map((r) => r.todo)).size).toBe(WAVES * PER_WAVE);
    const statuses = new Map<string, number>();
    for (const r of runs) statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
    expect(Object.fromEntries(statuses)).toEqual({ succeeded: WAVES * PER_WAVE });
    const spans: { repo: string; from: string; to: string; run: string }[] = [];
    for (const r of runs) {
      const attempts = await e.ws.runs.attempts(r.id);
      expect(attempts.filter((a) => a.status === 'succeeded'), r.id).toHaveLength(1);
      for (const a of attempts) {
        expect(a.finished_at, `${r.id} attempt ${a.attempt}`).toBeDefined();
        spans.push({ repo: r.repo, from: a.started_at, to: a.finished_at!, run: r.id });
      }
      // The agent's work is in the log of an attempt that ran it (a later attempt may only have found the todo
      // completed by an earlier one whose worker died before it could report: that attempt has no log).
      const logs = fs.readdirSync(path.join(e.dir, '.concord', 'runs', r.id)).filter((f) => /^attempt-\d+\.log$/.test(f));
      expect(logs.some((f) => fs.readFileSync(path.join(e.dir, '.concord', 'runs', r.id, f), 'utf8').includes(`done ${r.todo}`)), `${r.id}: ${logs.join(', ')}`).toBe(true);
    }
    // Never two runs of one repo at once.
    for (const repo of REPOS) {
      const mine = spans.filter((s) => s.repo === repo).sort((a, b) => a.from.localeCompare(b.from));
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.from >= mine[i - 1]!.to, `${mine[i]!.run} overlapped ${mine[i - 1]!.run} in ${repo}`).toBe(true);
    }
    // Nothing lost: every todo completed exactly once, in a valid file; no run ended twice in the history.
    const read = readEcosystemText(fs.readFileSync(e.file, 'utf8'), e.file);
    expect(read.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const { graph } = await loadSnapshot(e.ws);
    for (const t of todos) expect(graph.todos.get(t.id)!.status, t.id).toBe('completed');
    const completions = e.ws.events.list({ types: ['todo:status_changed'], limit: 100_000 }).filter((x) => (x.data as { to: string }).to === 'completed');
    expect(completions).toHaveLength(WAVES * PER_WAVE);
    const ended = e.ws.events.list({ types: ['run:succeeded'], limit: 100_000 });
    const perRun = new Map<string, number>();
    for (const x of ended) perRun.set((x.data as { run: string }).run, (perRun.get((x.data as { run: string }).run) ?? 0) + 1);
    expect([...perRun.values()].every((n) => n === 1)).toBe(true);
    // No agent left running.
    for (const r of runs) if (r.agent_pid) expect(groupAlive(r.agent_pid)).toBe(false);
  }, 600_000);
});
