// A worker runs queued todos end to end: the todo's lease, a worktree on its own branch, the fake agent,
// the verdict, the outcome written back through the write pipeline, run:* events, the worktree cleaned.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { executeTodo } from '../../src/app/runs/execute.js';
import { claimTodo } from '../../src/app/claims.js';
import { getTodo } from '../../src/app/queries.js';
import { getRun, readRunLog } from '../../src/app/runs/queries.js';
import { acquireRunLease, endRunLease } from '../../src/app/runs/todo-lease.js';
import { Worker } from '../../src/exec/worker.js';
import { poolsOf } from '../../src/app/runs/pools.js';
import { git } from '../helpers/temp.js';
import { runEcosystem } from '../helpers/runs.js';

const todo = (id: string, repo: string, extra: Record<string, unknown> = {}) => ({ id, task: `Do ${id}`, repo, status: 'pending', ...extra });

async function work(e: ReturnType<typeof runEcosystem>) {
  const w = new Worker(e.ws, { pool: poolsOf(e.ws.settings)[0]!, env: e.env, drainMs: 5_000 });
  const idle = async () => (await e.ws.runs.counts()).queued + (await e.ws.runs.counts()).active === 0;
  await w.run(new AbortController().signal, idle);
  return w;
}

describe('a worker', () => {
  it('runs a todo to a verified success: completed in the file, a note, the branch with the agent’s commit, events, no worktree left', async () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: 'Add the file [fake:success]', acceptance_commands: ['test -f work/TODO-1.txt'] })] });
    const { run, created } = await executeTodo(e.ws, { todo: 'TODO-1' });
    expect(created).toBe(true);
    await work(e);
    const done = (await e.ws.runs.get(run.id))!;
    expect(done).toMatchObject({ status: 'succeeded', attempt: 1, branch: `concord/TODO-1/${run.id}`, outcome: { status: 'succeeded', cost_kind: 'reported', diffstat: { files: 1 } } });
    const { todo: t } = await getTodo(e.ws, 'TODO-1');
    expect(t).toMatchObject({ status: 'completed', assignee: 'claude' });
    expect(t.actual_hours).toBeGreaterThanOrEqual(0);
    expect(t.notes.at(-1)!.text).toContain(`run ${run.id} (claude, attempt 1) succeeded`);
    expect(git(e.repoDir('api'), 'log', '--format=%an %s', '-1', done.branch!).trim()).toBe('Fake Agent fake claude: work/TODO-1.txt');
    expect(fs.existsSync(done.worktree!)).toBe(false);
    expect(fs.existsSync(path.join(e.dir, '.concord', 'bundles', `${run.id}.bundle`))).toBe(true);
    const types = e.ws.events.list({ entity: 'TODO-1', ascending: true, limit: 50 }).map((x) => x.type);
    expect(types).toEqual(expect.arrayContaining(['run:queued', 'run:started', 'run:succeeded', 'todo:claimed', 'todo:status_changed']));
    expect(types.indexOf('run:queued')).toBeLessThan(types.indexOf('run:started'));
    // The repo's own checkout was not touched: the work is on the run's branch only.
    expect(git(e.repoDir('api'), 'status', '--porcelain').trim()).toBe('');
    expect(fs.existsSync(path.join(e.repoDir('api'), 'work'))).toBe(false);
  });

  it('a run whose todo lease lapsed while its agent worked (a late heartbeat) takes the todo again and records its success; never a success the file does not show', async () => {
    // Heartbeats far apart and a one-second lease: the todo's lease has expired when the agent ends.
    const e = runEcosystem({
      repos: ['api'],
      todos: [todo('TODO-1', 'api')],
      settings: {
        queue: { heartbeat_seconds: 30, lease_seconds: 1, poll_ms: 20 },
        executors: { slow: { command: 'sh', args: ['-c', 'sleep 2; echo "$CONCORD_RUN" > slow.txt && git add -A && git commit -qm slow && echo "done $CONCORD_TODO"'] } },
        pools: [{ name: 'default', executor: 'slow', limits: { after_result_seconds: 1, idle_seconds: 10, wall_seconds: 30, kill_grace_seconds: 0.2 } }],
      },
    });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    await work(e);
    const r = (await e.ws.runs.get(run.id))!;
    const { todo: t } = await getTodo(e.ws, 'TODO-1');
    expect({ run: r.status, todo: t.status }).toEqual({ run: 'succeeded', todo: 'completed' });
    expect(t.notes.at(-1)!.text).toContain(`run ${run.id} (slow, attempt 1) succeeded`);
  });

  it('a failed run leaves the todo pending (not blocked), retries once with the failure in the prompt, then stops', async () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: '[fake:denied-tool]' })] });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    await work(e);
    const r = (await e.ws.runs.get(run.id))!;
    expect(r).toMatchObject({ status: 'failed', attempt: 2 });
    expect((await e.ws.runs.attempts(run.id)).map((a) => a.status)).toEqual(['failed', 'failed']);
    const prompt = fs.readFileSync(path.join(e.dir, '.concord', 'runs', run.id, 'attempt-2.prompt.md'), 'utf8');
    expect(prompt).toContain('The previous attempt failed');
    expect(prompt).toContain('tools were denied');
    const { todo: t } = await getTodo(e.ws, 'TODO-1');
    expect(t.status).toBe('pending');
    expect(t.assignee).toBeUndefined();
    expect(e.ws.events.list({ entity: 'TODO-1', types: ['run:retrying', 'run:failed'], ascending: true }).map((x) => x.type)).toEqual(['run:retrying', 'run:failed']);
  });

  it('an API error backs off and retries up to the infrastructure limit', async () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: '[fake:api-error]' })] });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    await work(e);
    expect((await e.ws.runs.attempts(run.id)).map((a) => a.status)).toEqual(['infra_error', 'infra_error', 'infra_error']);
    expect((await e.ws.runs.get(run.id))!.status).toBe('infra_error');
  });

  it('a limit stop keeps the worktree and the session; resume continues them', async () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: '[fake:needs-input]' })] });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    await work(e);
    const stopped = (await e.ws.runs.get(run.id))!;
    expect(stopped).toMatchObject({ status: 'needs_input', session: expect.stringMatching(/^sess-/) });
    expect(fs.existsSync(stopped.worktree!)).toBe(true);
    expect((await getTodo(e.ws, 'TODO-1')).todo.status).toBe('pending');
  });

  it('a run whose earlier attempt completed its todo before its worker died ends succeeded, and says so: the agent did not run again, and its log points to the attempt that ran it', async () => {
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api', { description: 'Add the file [fake:success]' })] });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    // Attempt 1 on a worker of another host: it completes the todo, then dies before telling the queue.
    const dead = e.ws.as('claude', 'worker');
    const claimed = (await dead.runs.claim({ worker: 'gone:1.1:dead', host: 'gone', pools: ['default'], selector: 'least_loaded', per_repo: 1, repo_limits: {}, max_running: 4, lease_ms: 300 }, new Date()))!;
    expect(claimed.run.id).toBe(run.id);
    const logDir = path.join(e.dir, '.concord', 'runs', run.id);
    fs.mkdirSync(logDir, { recursive: true });
    fs.writeFileSync(path.join(logDir, 'attempt-1.log'), 'the agent of attempt 1 at work\n');
    await dead.runs.start(run.id, claimed.lease.token, { log: path.join(logDir, 'attempt-1.log') }, new Date());
    const lease = await acquireRunLease(dead, { todo: 'TODO-1', run: run.id, fence: claimed.lease.fence, agent: 'claude', lease_seconds: 1 });
    await endRunLease(dead, { todo: 'TODO-1', token: lease.token, status: 'completed', note: `run ${run.id} (claude, attempt 1) succeeded: verified` });
    await new Promise((r) => setTimeout(r, 400));
    await work(e);
    const shown = await getRun(e.ws, { id: run.id });
    expect(shown.run).toMatchObject({ status: 'succeeded', attempt: 2, outcome: { status: 'succeeded', turns: 0, reason: expect.stringContaining('completed by an earlier attempt') } });
    expect(shown.log.attempt).toBe(2);
    expect(shown.log.text).toContain('the agent did not run in attempt 2');
    expect(shown.log.text).toContain('attempt-1.log');
    expect((await readRunLog(e.ws, { id: run.id, attempt: 1, offset: 0 })).text).toBe('the agent of attempt 1 at work\n');
    // The agent ran once: attempt 1's commit is all there is (the fake agent was never started again).
    const { todo: t } = await getTodo(e.ws, 'TODO-1');
    expect(t.status).toBe('completed');
    expect(t.notes.filter((n: { text: string }) => n.text.startsWith(`run ${run.id}`))).toHaveLength(1);
  });

  it('a success whose todo another agent took meanwhile is never reported as one: the run does not succeed, the agent keeps the todo', async () => {
    // No heartbeat comes during the agent's 1.6 s, so the run's 1 s lease on the todo lapses and an agent claims it.
    const slow = { slow: { command: 'sh', args: ['-c', 'sleep 1.6; echo x >> f.txt && git add -A && git commit -qm x && echo "done $CONCORD_TODO"'] } };
    const e = runEcosystem({ repos: ['api'], todos: [todo('TODO-1', 'api')], settings: { queue: { heartbeat_seconds: 30, lease_seconds: 1, poll_ms: 20, retry: { infra_attempts: 2, backoff_base_ms: 10, backoff_max_ms: 20 } }, executors: slow, pools: [{ name: 'default', executor: 'slow', limits: { after_result_seconds: 5, wall_seconds: 30 } }] } });
    const { run } = await executeTodo(e.ws, { todo: 'TODO-1' });
    const working = work(e);
    let claimed = false;
    for (let i = 0; i < 100 && !claimed; i++) {
      await new Promise((r) => setTimeout(r, 50));
      claimed = await claimTodo(e.ws.as('agent-x', 'mcp'), { id: 'TODO-1', agent: 'agent-x' }).then(() => true, () => false);
    }
    expect(claimed).toBe(true);
    await working;
    const r = (await e.ws.runs.get(run.id))!;
    expect(r.status).not.toBe('succeeded');
    expect((await e.ws.runs.attempts(run.id)).map((a) => a.status)).not.toContain('succeeded');
    const { todo: t } = await getTodo(e.ws, 'TODO-1');
    expect(t).toMatchObject({ status: 'in_progress', assignee: 'agent-x' });
    expect(e.ws.events.list({ entity: 'TODO-1', types: ['run:succeeded'] })).toEqual([]);
  });
});
