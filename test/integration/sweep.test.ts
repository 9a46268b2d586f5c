// A sweep of a plan of 30 todos in 4 waves on real git repos: worktrees, branches with the fake agent's
// commits, statuses and history as expected; a failing todo stops only its dependents; resume finishes it.
import { describe, expect, it } from 'vitest';
import { planSweepDryRun } from '../../src/app/runs/sweep-plan.js';
import { updateTodo } from '../../src/app/todos.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { runSweep } from '../../src/exec/sweep.js';
import { FAST_SETTINGS, runEcosystem } from '../helpers/runs.js';
import { git } from '../helpers/temp.js';

const REPOS = ['api', 'web', 'lib', 'cli', 'docs'];
const WAVES = [8, 8, 8, 6];

/** Todo i of wave w: in repo (i mod 5); blocked by todos i and i+1 of the wave before (so chains cross repos). */
function plan() {
  const todos: Record<string, unknown>[] = [];
  const id = (w: number, i: number) => `TODO-W${w}-${i}`;
  WAVES.forEach((n, w) => {
    for (let i = 0; i < n; i++) {
      const blockers = w === 0 ? [] : [id(w - 1, i % WAVES[w - 1]!), id(w - 1, (i + 1) % WAVES[w - 1]!)];
      todos.push({ id: id(w, i), task: `Wave ${w + 1} part ${i}`, repo: REPOS[i % REPOS.length], status: 'pending', plan: 'PLAN-1', estimated_hours: 1 + (i % 3), blocked_by: [...new Set(blockers)], description: '[fake:success]' });
    }
  });
  return todos;
}

describe('a sweep', () => {
  it('runs 30 todos in 4 waves; a failure halts only its dependents; resume finishes the plan', async () => {
    const todos = plan();
    // W1-2 fails: it blocks W2-1 and W2-2, which block W3-0..W3-2 in turn.
    (todos.find((t) => t['id'] === 'TODO-W1-2')!)['description'] = '[fake:denied-tool]';
    const e = runEcosystem({
      repos: REPOS,
      plans: [{ id: 'PLAN-1', title: 'Big plan', status: 'active', repos: REPOS }],
      todos,
      settings: {
        queue: { ...FAST_SETTINGS.queue, max_running: 4, retry: { agent_attempts: 1, backoff_base_ms: 10, backoff_max_ms: 50 } },
        pools: [{ name: 'default', executor: 'claude', concurrency: 4, limits: { after_result_seconds: 0.3, idle_seconds: 10, wall_seconds: 60, kill_grace_seconds: 0.5 } }],
      },
    });
    const dry = await planSweepDryRun(e.ws, { plan: 'PLAN-1', max_parallel: 4 });
    expect(dry.waves.map((w) => w.todos.length)).toEqual(WAVES);
    expect(dry.hours).toBe(todos.reduce((s, t) => s + (t['estimated_hours'] as number), 0));

    const lines: string[] = [];
    const report = await runSweep(e.ws, { plan: 'PLAN-1', max_parallel: 4, env: e.env, onLine: (l) => lines.push(l) });
    const halted = ['TODO-W2-1', 'TODO-W2-2', 'TODO-W3-0', 'TODO-W3-1', 'TODO-W3-2'];
    expect(report.status).toBe('incomplete');
    expect(report.failed.map((f) => f.todo)).toEqual(['TODO-W1-2']);
    expect(report.halted.map((h) => h.todo).sort()).toEqual([...halted].sort());
    expect(report.succeeded).toHaveLength(30 - 1 - halted.length);
    const { graph } = await loadSnapshot(e.ws);
    for (const t of todos) {
      const id = t['id'] as string;
      const expected = id === 'TODO-W1-2' || halted.includes(id) ? 'pending' : 'completed';
      expect(graph.todos.get(id)!.status, id).toBe(expected);
    }
    // Every succeeded todo has a branch with the agent's commit in its repo, and no worktree is left behind.
    const runs = await e.ws.runs.list({ sweep: report.sweep, limit: 1000 });
    for (const r of runs.filter((x) => x.status === 'succeeded')) {
      expect(git(e.repoDir(r.repo), 'log', '--format=%an', '-1', r.branch!).trim()).toBe('Fake Agent');
    }
    for (const repo of REPOS) expect(git(e.repoDir(repo), 'worktree', 'list').trim().split('\n')).toHaveLength(1);
    // Never two runs of one repo at once: the attempts of each repo never overlap in time.
    const spans: { repo: string; from: string; to: string; todo: string }[] = [];
    for (const r of runs) for (const a of await e.ws.runs.attempts(r.id)) spans.push({ repo: r.repo, from: a.started_at, to: a.finished_at!, todo: r.todo });
    for (const repo of REPOS) {
      const mine = spans.filter((x) => x.repo === repo).sort((a, b) => a.from.localeCompare(b.from));
      for (let i = 1; i < mine.length; i++) expect(mine[i]!.from >= mine[i - 1]!.to, `${mine[i]!.todo} started in ${repo} before ${mine[i - 1]!.todo} ended`).toBe(true);
    }
    expect(lines.some((l) => l.startsWith('failed') && l.includes('TODO-W1-2'))).toBe(true);

    // Fix the failing todo and resume: it and the todos it halted run; the plan completes.
    await updateTodo(e.ws, 'TODO-W1-2', { description: '[fake:success]' });
    const resumed = await runSweep(e.ws, { plan: 'PLAN-1', resume: true, max_parallel: 4, env: e.env });
    expect(resumed).toMatchObject({ sweep: report.sweep, status: 'completed', failed: [], halted: [] });
    const after = await loadSnapshot(e.ws);
    for (const t of todos) expect(after.graph.todos.get(t['id'] as string)!.status).toBe('completed');
    expect((await e.ws.runs.list({ sweep: report.sweep, limit: 1000 })).filter((r) => r.status === 'succeeded')).toHaveLength(30);
  });

  it('--budget-usd stops starting runs once the sweep has cost that much', async () => {
    const e = runEcosystem({
      repos: ['api'],
      plans: [{ id: 'PLAN-1', title: 'Costly', status: 'active' }],
      todos: [1, 2, 3].map((i) => ({ id: `TODO-${i}`, task: `t${i}`, repo: 'api', status: 'pending', plan: 'PLAN-1', description: '[fake:success]' })),
    });
    // The success stream reports $0.0421 a run: the first run spends the budget.
    const report = await runSweep(e.ws, { plan: 'PLAN-1', budget_usd: 0.04, env: e.env });
    expect(report).toMatchObject({ status: 'budget_exhausted', runs: 1, succeeded: ['TODO-1'] });
    expect(report.cost_usd).toBeCloseTo(0.0421, 4);
  });
});
