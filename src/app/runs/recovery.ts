// Restart recovery: runs whose worker stopped heartbeating go back to the queue, but only after checking
// that no process still holds them.
//
// A worker killed with SIGKILL leaves its agent running in its own process group: that group is
// stopped first (two agents in one worktree would be worse than a late run). A worker that is still
// alive on this host keeps its run, however late its heartbeat (it may be stuck on a slow disk); its
// identity is the pid plus the process start time, so a reused pid is not taken for it. The engine's
// fence makes the reclaim happen once even if several workers recover at the same moment; the dead
// holder's late result is then refused by its token.
import os from 'node:os';
import { decideRetry } from '../../core/runs/retry.js';
import type { RunRecord, Transition } from '../../core/runs/queue.js';
import { groupAlive, processAlive, processIdentity, stopGroup } from '../process.js';
import { updateTodo } from '../todos.js';
import type { Workspace } from '../workspace.js';
import { eventFor, recordEvents } from './events.js';

/** A worker's id: host, then pid.starttime, then a random tag. */
export function workerId(ws: Workspace): string {
  const tag = [...ws.random(3)].map((b) => b.toString(16).padStart(2, '0')).join('');
  return `${os.hostname()}:${processIdentity(process.pid) ?? process.pid}:${tag}`;
}

/** Whether the worker that holds the run is provably gone (same host, its process no longer the one recorded). */
export function holderGone(run: RunRecord): boolean {
  if (!run.worker || run.host !== os.hostname()) return true;
  const identity = run.worker.split(':')[1];
  const pid = run.worker_pid ?? Number(identity?.split('.')[0]);
  if (!pid || !processAlive(pid)) return true;
  return processIdentity(pid) !== identity;
}

export async function recoverRuns(ws: Workspace): Promise<Transition[]> {
  const q = ws.runs;
  const s = ws.settings.queue;
  const out: Transition[] = [];
  for (const run of await q.expired(new Date())) {
    if (!holderGone(run)) continue;
    if (run.agent_pid && run.host === os.hostname() && groupAlive(run.agent_pid)) await stopGroup(run.agent_pid, 2_000);
    const attempt = Math.max(run.attempt, 1);
    const d = decideRetry('infra_error', attempt, s.retry, Math.random());
    const t = await q.reclaim(run.id, run.fence!, new Date(), d.retry ? { end: false, delay_ms: d.delay_ms } : { end: true, reason: `the worker died on attempt ${attempt} of ${s.retry.infra_attempts}` });
    if (!t) continue;
    out.push(t);
    const e = eventFor(ws, t, 'reclaim', { ...(run.worker ? { worker: run.worker } : {}) });
    await recordEvents(ws, e ? [e] : []);
    // Ended for good: the todo is work to do again. Its lease (the dead worker's) expired with the run's.
    if (t.to !== 'queued' && run.status === 'running') {
      await updateTodo(ws.as('concord', 'worker'), run.todo, { status: 'pending', assignee: null, note: `run ${run.id} ended: ${t.run.outcome?.reason ?? t.to}` }).catch((err: Error) => ws.warn(`run ${run.id}: todo ${run.todo} was left as it is (${err.message})`));
    }
  }
  return out;
}
