// A sweep in the background: plan.sweep with background answers at once with the sweep's id while a process
// of its own runs it; sweep.show (GET /api/sweeps/{id}, concord sweep-status, coord_get_sweep) follows it, and
// its sweep:* and run:* events arrive on /api/events. A runner killed with SIGKILL leaves it interrupted;
// a resume of that sweep finishes it. Real processes, real HTTP, real git, a tiny agent.
import { describe, expect, it } from 'vitest';
import { processAlive } from '../../src/app/process.js';
import { loadSnapshot } from '../../src/app/snapshot.js';
import { Workspace } from '../../src/app/workspace.js';
import { startHttpServer } from '../../src/http/server.js';
import { concordAsync } from '../helpers/cli.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { runEcosystem } from '../helpers/runs.js';
import { openSse } from '../helpers/sse.js';

/** A tiny agent: commits a line for its todo; its first attempt hangs when the todo's description says SLOW-AGENT. */
const TICK = { tick: { command: 'sh', args: ['-c', 'if [ "$CONCORD_ATTEMPT" = 1 ] && grep -q SLOW-AGENT "$CONCORD_PROMPT_FILE"; then sleep 30; fi; echo "$CONCORD_RUN" >> "work-$CONCORD_TODO.txt" && git add -A && git commit -qm "$CONCORD_RUN" && echo "done $CONCORD_TODO"'] } };

function ecosystem(slow = false) {
  const e = runEcosystem({
    repos: ['api', 'web'],
    todos: [
      { id: 'TODO-1', task: 'First', repo: 'api', status: 'pending', plan: 'PLAN-1', ...(slow ? { description: 'SLOW-AGENT' } : {}) },
      { id: 'TODO-2', task: 'Second', repo: 'web', status: 'pending', plan: 'PLAN-1', blocked_by: ['TODO-1'] },
    ],
    plans: [{ id: 'PLAN-1', name: 'Ship it', status: 'active' }],
    settings: { executors: TICK, pools: [{ name: 'default', executor: 'tick', limits: { after_result_seconds: 5, wall_seconds: 60, kill_grace_seconds: 0.5 } }] },
  });
  return e;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Polls until `check` holds (at most `ms`). */
async function until<T>(read: () => Promise<T>, check: (v: T) => boolean, ms = 45_000): Promise<T> {
  const deadline = Date.now() + ms;
  for (;;) {
    const v = await read();
    if (check(v) || Date.now() > deadline) return v;
    await sleep(150);
  }
}

describe('a sweep in the background', () => {
  it('over HTTP: answers at once with its id, runs in a process of its own, is followed by GET /api/sweeps/{id} and /api/events', async () => {
    const e = ecosystem();
    const ws = new Workspace({ cwd: e.dir, actor: 'tester', env: {}, flags: { port: 0 } });
    const server = await startHttpServer(ws.as('dashboard', 'http'));
    try {
      const events = await openSse(`${server.url}/api/events?type=sweep:*,run:queued,run:succeeded`);
      const post = await fetch(`${server.url}/api/plans/PLAN-1/sweep`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ background: true }) });
      expect(post.status).toBe(200);
      const started = (await post.json()) as { sweep: string; status: string; background: boolean; pid: number; log: string };
      expect(started).toMatchObject({ sweep: expect.stringMatching(/^SWEEP-[0-9A-Z]{5}$/), plan: 'PLAN-1', status: 'running', background: true, pid: expect.any(Number) });
      // Another process runs it: alive when the answer came, not this one.
      expect(started.pid).not.toBe(process.pid);
      expect(processAlive(started.pid)).toBe(true);
      const show = async () => (await (await fetch(`${server.url}/api/sweeps/${started.sweep}`)).json()) as { status: string; report?: { succeeded: string[]; running: string[]; runs: number } };
      const end = await until(show, (s) => s.status !== 'running');
      expect(end).toMatchObject({ sweep: started.sweep, plan: 'PLAN-1', status: 'completed', runner: { pid: started.pid }, log: started.log, report: { status: 'completed', succeeded: ['TODO-1', 'TODO-2'], failed: [], halted: [], left: [], running: [], runs: 2 } });
      const { graph } = await loadSnapshot(ws);
      expect([graph.todos.get('TODO-1')!.status, graph.todos.get('TODO-2')!.status]).toEqual(['completed', 'completed']);
      // The events, in order: the sweep starts, its two runs are queued and succeed one wave after the other, it ends.
      const got = await events.take(6, 10_000);
      events.close();
      expect(got.map((x) => x.event)).toEqual(['sweep:started', 'run:queued', 'run:succeeded', 'run:queued', 'run:succeeded', 'sweep:finished']);
      expect(JSON.parse(got[0]!.data)).toMatchObject({ entity: { kind: 'plan', id: 'PLAN-1' }, data: { sweep: started.sweep, todos: 2, waves: 2, resumed: false } });
      expect(JSON.parse(got[1]!.data)).toMatchObject({ entity: { id: 'TODO-1' }, data: { sweep: started.sweep } });
      expect(JSON.parse(got[5]!.data)).toMatchObject({ data: { sweep: started.sweep, status: 'completed', succeeded: 2, failed: 0, runs: 2 } });
      const missing = await fetch(`${server.url}/api/sweeps/SWEEP-NOPE0`);
      expect(missing.status).toBe(404);
      expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('SWEEP_NOT_FOUND');
    } finally {
      await server.close();
      ws.close();
    }
  });

  it('on the CLI and over MCP: --background prints its id and exits; sweep-status --follow waits for the end; coord_get_sweep (--tools all) reads it', async () => {
    const e = ecosystem();
    const started = await concordAsync(['sweep', '--plan', 'PLAN-1', '--background', '--json'], { cwd: e.dir });
    expect(started.code, started.stderr).toBe(0);
    const { sweep } = started.json() as { sweep: string };
    const followed = await concordAsync(['sweep-status', sweep, '--follow', '--json'], { cwd: e.dir });
    expect(followed.code, followed.stderr).toBe(0);
    expect(followed.json()).toMatchObject({ sweep, status: 'completed', report: { succeeded: ['TODO-1', 'TODO-2'] } });
    const human = await concordAsync(['sweep-status', sweep], { cwd: e.dir });
    expect(human.stdout).toMatch(new RegExp(`^sweep ${sweep} of PLAN-1: completed; 2 wave\\(s\\), 2 succeeded, 0 running, 0 failed, 0 halted, 2 run\\(s\\)`));
    // coord_get_sweep is in the --tools all set (the default set keeps within its token budget).
    const client = await memoryClient(e.file, { tools: 'all' });
    const got = await call(client, 'coord_get_sweep', { id: sweep });
    expect(got).toMatchObject({ ok: true, value: { status: 'completed', report: { sweep, succeeded: ['TODO-1', 'TODO-2'] } } });
    const refused = await call(client, 'coord_sweep_plan', { plan: 'PLAN-1', background: true, resume: true, sweep });
    expect(refused.ok).toBe(false);
    expect(JSON.stringify(refused.value)).toMatch(/no unfinished sweep/);
    await client.close();
  });

  it('a runner killed with SIGKILL leaves the sweep interrupted; resuming that sweep in the background finishes it', async () => {
    const e = ecosystem(true);
    const started = await concordAsync(['sweep', '--plan', 'PLAN-1', '--background', '--json'], { cwd: e.dir });
    expect(started.code, started.stderr).toBe(0);
    const { sweep, pid } = started.json() as { sweep: string; pid: number };
    const status = async () => (await concordAsync(['sweep-status', sweep, '--json'], { cwd: e.dir })).json() as { status: string; report?: { running: string[] } };
    // Its first run is under way (the slow agent), then its runner dies without a word.
    await until(status, (s) => (s.report?.running.length ?? 0) > 0);
    process.kill(pid, 'SIGKILL');
    const dead = await until(status, (s) => s.status !== 'running', 10_000);
    expect(dead.status).toBe('interrupted');
    const human = await concordAsync(['sweep-status', sweep], { cwd: e.dir });
    expect(human.stdout).toContain(`continue it: concord sweep --plan PLAN-1 --resume --sweep ${sweep}`);
    // The same sweep resumed: its dead run is reclaimed (its next attempt is quick), the plan completes.
    const resumed = await concordAsync(['sweep', '--plan', 'PLAN-1', '--resume', '--sweep', sweep, '--background', '--json'], { cwd: e.dir });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.json()).toMatchObject({ sweep, status: 'running' });
    const end = await concordAsync(['sweep-status', sweep, '--follow', '--json'], { cwd: e.dir });
    expect(end.json()).toMatchObject({ sweep, status: 'completed', report: { succeeded: ['TODO-1', 'TODO-2'] } });
    const history = (await concordAsync(['history', '--type', 'sweep:*', '--json'], { cwd: e.dir })).json() as { events: { type: string; data: { resumed?: boolean } }[] };
    expect(history.events.map((x) => [x.type, x.data.resumed])).toEqual(expect.arrayContaining([['sweep:started', false], ['sweep:started', true], ['sweep:finished', undefined]]));
  }, 120_000);
});
