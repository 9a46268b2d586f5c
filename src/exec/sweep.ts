// `concord sweep`: a plan's todos in waves of ready work, run by the sweep's own workers (one per pool),
// under the pools' caps, `--max-parallel` and `--budget-usd`. A failure halts only its dependents; the
// sweep is recorded, so `--resume` continues it (its failed todos run again). In the background
// (`--background`, `background: true`) it runs in a process of its own and the call answers at once.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ConcordError } from '../core/errors.js';
import { notFound } from '../core/mutations/references.js';
import type { RunRecord } from '../core/runs/queue.js';
import { decideSweepStep, planSweep, type SweepRunState, type SweepStep } from '../core/runs/sweep.js';
import { isResolved } from '../core/graph/graph.js';
import { isLiveRun } from '../core/runs/states.js';
import type { SweepProgress, SweepReport, SweepStarted } from '../core/runs/views.js';
import { assertExecutionEnabled, executeTodo } from '../app/runs/execute.js';
import { cancelRun } from '../app/runs/queries.js';
import { poolFor } from '../app/runs/pools.js';
import { finishSweep, handSweep, openSweep, reportSweep, reserveSweep, type SweepInput, SweepInputSchema, sweepToResume } from '../app/runs/sweeps.js';
import { parseInput } from '../app/input.js';
import { loadSnapshot } from '../app/snapshot.js';
import type { Workspace } from '../app/workspace.js';
import { Worker } from './worker.js';

export type { SweepReport } from '../core/runs/views.js';

export interface SweepOptions extends SweepInput {
  env: Readonly<Record<string, string | undefined>>;
  onProgress?: (text: string) => void;
  onLine?: (text: string) => void;
  /** Aborted when the caller goes away: no run starts after it, the agents under way stop and their runs go back to the queue. */
  signal?: AbortSignal;
}

const cost = (runs: readonly RunRecord[]) => Math.round(runs.reduce((s, r) => s + (r.outcome?.cost_usd ?? 0), 0) * 1e4) / 1e4;

export async function runSweep(ws: Workspace, options: SweepOptions): Promise<SweepReport> {
  assertExecutionEnabled(ws);
  const o = parseInput(SweepInputSchema, options, 'sweep');
  const { graph } = await loadSnapshot(ws);
  if (!graph.plans.has(o.plan)) throw notFound('PLAN_NOT_FOUND', 'plan', o.plan, graph.plans.keys());
  const scope = { plan: o.plan, ...(o.milestone ? { milestone: o.milestone } : {}) };
  const first = planSweep(graph, scope);
  const sweep = await openSweep(ws, o, { todos: first.waves.flat().length, waves: first.waves.length });
  const written: { text?: string } = {};
  const adopted = new Set<string>();
  const workers = new Map<string, Worker>();
  // On the fleet, the fleet's workers run the sweep's runs: it only queues them and watches.
  const workerFor = (repo: string) => {
    if (ws.fleet) return undefined;
    const pool = poolFor(graph, ws.settings, repo);
    let w = workers.get(pool.name);
    if (!w) workers.set(pool.name, (w = new Worker(ws, { pool, env: options.env, sweep: sweep.id, onEvent: (e) => e.type === 'ended' && options.onLine?.(`${e.run.status.padEnd(12)} ${e.run.todo} ${e.run.id}: ${e.run.outcome?.reason ?? ''}`) })));
    return w;
  };
  for (const id of first.waves.flat()) workerFor(graph.todos.get(id)!.repo!);
  const poll = ws.settings.queue.poll_ms;
  // Queue no more than can start: the rest waits in the sweep, so a budget or a failure stops it in time.
  const parallel = o.max_parallel ?? (ws.fleet ? ws.settings.queue.max_running : Math.min(ws.settings.queue.max_running, [...workers.values()].reduce((n, w) => n + w.slots, 0)));
  let budgetHit = false;
  let step: SweepStep | undefined;
  let runs: RunRecord[] = [];
  for (;;) {
    const { graph: g } = await loadSnapshot(ws);
    const plan = planSweep(g, scope);
    // This go's runs, and those of an earlier go that were still live in it (its runner died: they are
    // reclaimed and run on, and count here until and after they end).
    runs = (await ws.runs.list({ sweep: sweep.id, limit: 100_000 })).filter((r) => {
      if (isLiveRun(r.status)) adopted.add(r.id);
      return r.created_at >= sweep.since || adopted.has(r.id);
    });
    const latest = new Map<string, SweepRunState>();
    // On the fleet a run ends in PostgreSQL before the coordinator writes its result to the file: until
    // then (the todo still in progress) it counts as running, so the sweep never ends before its results.
    const applying = (r: RunRecord) => ws.fleet && g.todos.get(r.todo)?.status === 'in_progress';
    for (const r of [...runs].reverse()) {
      // A later run refused because an earlier one had already done the todo (a retry after a lost answer,
      // a PostgreSQL restart) does not hide that success.
      if (r.status === 'cancelled' && latest.get(r.todo)?.status === 'succeeded') continue;
      latest.set(r.todo, { todo: r.todo, status: r.status, live: isLiveRun(r.status) || applying(r) });
    }
    const now = decideSweepStep(g, plan, latest);
    step = now;
    let live = step.running.length;
    const spent = cost(runs);
    if (o.budget_usd !== undefined && spent >= o.budget_usd) budgetHit = true;
    if (budgetHit) {
      // The budget is spent: runs queued but not started are cancelled; the ones running finish.
      for (const r of runs.filter((x) => x.status === 'queued')) await cancelRun(ws, r.id).catch(() => undefined);
    }
    for (const todo of budgetHit || options.signal?.aborted ? [] : step.start) {
      if (live >= parallel) break;
      try {
        await executeTodo(ws, { todo, sweep: sweep.id });
        live++;
        workerFor(g.todos.get(todo)!.repo!);
      } catch (e) {
        // A full queue: try again once runs end. Anything else (claimed meanwhile) is reported on the todo.
        if (e instanceof ConcordError && e.code === 'QUEUE_FULL') break;
        options.onLine?.(`skipped      ${todo}: ${(e as Error).message}`);
      }
    }
    await reportSweep(ws, sweep.id, { ...reportOf('running', now, g, runs, true), running: now.running }, written).catch((e: Error) => ws.warn(`sweep ${sweep.id}: its report could not be written (${e.message})`));
    if (options.signal?.aborted || (live === 0 && (step.finished || budgetHit || step.start.length === 0))) break;
    for (const w of workers.values()) await w.fill();
    const wave = plan.waves.findIndex((w) => w.some((id) => step!.running.includes(id) || step!.start.includes(id)));
    options.onProgress?.(`sweep ${sweep.id} · wave ${wave + 1}/${first.waves.length} · running ${live} · done ${step.succeeded.length} · failed ${step.failed.length} · halted ${step.halted.length}${o.budget_usd !== undefined ? ` · $${spent.toFixed(2)} of $${o.budget_usd}` : ''}`);
    await (workers.size ? Promise.race([...workers.values()].map((w) => w.idle(poll))) : new Promise((r) => setTimeout(r, poll)));
  }
  for (const w of workers.values()) await (options.signal?.aborted ? w.stop() : w.drain());
  const { graph: end } = await loadSnapshot(ws);
  const final = step!;
  const draft = reportOf('running', final, end, runs, false);
  const status = budgetHit && (final.start.length || final.failed.length || final.halted.length || draft.left.length) ? 'budget_exhausted' : final.failed.length || final.halted.length || first.waiting.length || draft.left.length ? 'incomplete' : 'completed';
  const report: SweepReport = { ...draft, status };
  await finishSweep(ws, { ...report, running: [] });
  return report;

  /** The report as it stands: the waves as they were planned, the outcome of each todo of the sweep so far. */
  function reportOf<S extends SweepProgress['status']>(status: S, st: SweepStep, g: typeof graph, all: RunRecord[], going: boolean) {
    const lastRun = (todo: string) => all.find((r) => r.todo === todo);
    // Completed means every todo of the sweep is done: one another agent holds, or a stop left, is not
    // (while the sweep goes on, its running todos are not left either).
    const ended = new Set([...st.failed, ...st.halted.map((h) => h.todo), ...(going ? st.running : [])]);
    const left = first.waves.flat().filter((id) => !ended.has(id) && !isResolved(g, id)).map((id) => ({ todo: id, status: g.todos.get(id)?.status ?? 'deleted' }));
    return {
      sweep: sweep.id,
      plan: o.plan,
      ...(o.milestone ? { milestone: o.milestone } : {}),
      status,
      waves: first.waves,
      succeeded: st.succeeded,
      failed: st.failed.map((todo) => {
        const r = lastRun(todo)!;
        return { todo, run: r.id, status: r.status, reason: r.outcome?.reason ?? r.status };
      }),
      halted: st.halted,
      left,
      waiting: first.waiting,
      runs: all.length,
      cost_usd: cost(all),
    };
  }
}

/** `concord` of this package (bin/concord.cjs), found upwards from this module, bundled or not. */
function concordCommand(from = path.dirname(fileURLToPath(import.meta.url))): string {
  for (let dir = from, i = 0; i < 6; i++, dir = path.dirname(dir)) {
    const candidate = path.join(dir, 'bin', 'concord.cjs');
    if (fs.existsSync(candidate)) return candidate;
  }
  throw new ConcordError('IO_ERROR', `bin/concord.cjs not found above ${from}: this copy of Concord cannot start a sweep in the background`, { hint: 'run the sweep in the foreground (without background)' });
}

/**
 * Starts a sweep in the background and answers at once with its id: a `concord sweep --resume --sweep ID`
 * process of its own (so it outlives the caller: a CLI command, an MCP session, a request) runs it; it is
 * followed with sweep.show and its events (sweep:*, run:*) on /api/events. It is started detached, not through
 * the process runner, whose watchdog ends a child when the process that started it ends.
 */
export async function startSweep(ws: Workspace, input: SweepInput): Promise<SweepStarted> {
  assertExecutionEnabled(ws);
  const o = parseInput(SweepInputSchema, input, 'sweep');
  const { graph } = await loadSnapshot(ws);
  if (!graph.plans.has(o.plan)) throw notFound('PLAN_NOT_FOUND', 'plan', o.plan, graph.plans.keys());
  const bin = concordCommand();
  const id = o.resume ? sweepToResume(ws, o) : await reserveSweep(ws, o);
  const logs = path.join(path.dirname(ws.stateFile), 'sweeps');
  fs.mkdirSync(logs, { recursive: true });
  const log = path.join(logs, `${id}-${Date.now()}.log`);
  const args = [
    bin, '--file', ws.file, '--actor', ws.actor(), 'sweep', '--plan', o.plan, '--resume', '--sweep', id,
    ...(o.milestone ? ['--milestone', o.milestone] : []),
    ...(o.max_parallel ? ['--max-parallel', String(o.max_parallel)] : []),
    ...(o.budget_usd ? ['--budget-usd', String(o.budget_usd)] : []),
  ];
  const fd = fs.openSync(log, 'a');
  let child;
  try {
    child = spawn(process.execPath, args, { cwd: ws.dir, env: { ...ws.env.vars }, detached: true, stdio: ['ignore', fd, fd] });
  } finally {
    fs.closeSync(fd);
  }
  child.unref();
  const pid = child.pid;
  if (pid !== undefined) await handSweep(ws, id, { pid, host: os.hostname(), log });
  return { sweep: id, plan: o.plan, ...(o.milestone ? { milestone: o.milestone } : {}), status: 'running', background: true, ...(pid !== undefined ? { pid } : {}), log };
}
