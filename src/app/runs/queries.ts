// Reading and steering runs: list, show (with attempts and the log by offset), cancel, retry, resume.
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../../core/errors.js';
import { type AttemptRecord, runNotFound, type RunRecord } from '../../core/runs/queue.js';
import { ListRunsInputSchema, RunLogInputSchema } from '../../core/runs/inputs.js';
import { isFinalRun, isLiveRun, isResumable } from '../../core/runs/states.js';
import type { RunLog } from '../../core/runs/views.js';
import { parseInput } from '../input.js';
import { byteRedactor } from '../secrets.js';
import type { Workspace } from '../workspace.js';
import { eventFor, recordEvents } from './events.js';
import { readRedactedSlice, redactWindow, sliceWindow } from './log-redact.js';
import { assertExecutionEnabled, executeTodo } from './execute.js';
import { wakeWorkers } from './wake.js';
import { hint, op } from '../../core/hints.js';

export async function listRuns(ws: Workspace, input: unknown = {}): Promise<RunRecord[]> {
  const f = parseInput(ListRunsInputSchema, input, 'run list');
  return ws.runs.list(f);
}

async function must(ws: Workspace, id: string): Promise<RunRecord> {
  const run = await ws.runs.get(id);
  if (!run) throw runNotFound(id);
  return run;
}

const logFile = (ws: Workspace, id: string, attempt: number) => path.join(path.dirname(ws.stateFile), 'runs', id, `attempt-${attempt}.log`);

/** A slice of a run's log: from `offset`, or its tail. */
export async function readRunLog(ws: Workspace, input: unknown): Promise<RunLog> {
  const o = parseInput(RunLogInputSchema, input, 'run log');
  const run = await must(ws, o.id);
  const attempt = o.attempt ?? Math.max(run.attempt, 1);
  const file = logFile(ws, run.id, attempt);
  // Written on another host (a fleet worker): the engine keeps it.
  const kept = !fs.existsSync(file) ? await ws.runs.logSize?.(run.id, attempt) : undefined;
  const size = kept ?? (fs.existsSync(file) ? fs.statSync(file).size : 0);
  const offset = Math.min(o.offset ?? Math.max(0, size - o.limit), size);
  const length = Math.min(o.limit, size - offset);
  // Secrets are redacted however the log is sliced; a live log's unfinished last line waits for its end.
  const live = isLiveRun(run.status) && attempt === run.attempt;
  const redactor = byteRedactor(ws);
  if (kept !== undefined) {
    const [from, to] = sliceWindow(size, offset, length, redactor);
    const window = length > 0 ? await ws.runs.logBytes!(run.id, attempt, from, to) : Buffer.alloc(0);
    const { text, next_offset } = redactWindow(window, from, size, offset, length, live, redactor);
    return { attempt, offset, text, next_offset, size };
  }
  const { text, next_offset } = readRedactedSlice(file, size, offset, length, live, redactor);
  return { attempt, offset, text, next_offset, size };
}

export async function getRun(ws: Workspace, input: unknown): Promise<{ run: RunRecord; attempts: AttemptRecord[]; log: RunLog; pull_requests?: { url: string; state?: string }[] }> {
  const o = parseInput(RunLogInputSchema, input, 'run');
  const run = await must(ws, o.id);
  // A pull/merge request opened for the run's branch (an export, docs/githosts.md) is on its todo's links.
  const links = run.branch ? ((ws.index.record('todos', run.todo)?.record['links'] ?? []) as { kind?: string; url?: string; branch?: string; state?: string }[]) : [];
  const prs = (Array.isArray(links) ? links : []).filter((l) => (l.kind === 'pull_request' || l.kind === 'merge_request') && l.branch === run.branch && typeof l.url === 'string').map((l) => ({ url: l.url!, ...(l.state ? { state: l.state } : {}) }));
  return { run, attempts: await ws.runs.attempts(run.id), log: await readRunLog(ws, o), ...(prs.length ? { pull_requests: prs } : {}) };
}

/** Queued or stopped: cancelled now. Running: its worker stops the agent at its next heartbeat. */
export async function cancelRun(ws: Workspace, id: string): Promise<{ run: RunRecord; cancelled: boolean }> {
  const t = await ws.runs.cancel(id, new Date());
  if (t) {
    await recordEvents(ws, [eventFor(ws, t, 'cancel')!]);
    return { run: t.run, cancelled: true };
  }
  return { run: await must(ws, id), cancelled: false };
}

/** A new run of the todo of a run that ended for good (`retry_of` links them). */
export async function retryRun(ws: Workspace, id: string): Promise<{ run: RunRecord; created: boolean }> {
  const old = await must(ws, id);
  if (!isFinalRun(old.status)) {
    throw new ConcordError('INVALID_TRANSITION', `run ${id} is ${old.status}, not finished`, {
      hint: isResumable(old.status) ? hint`resume it instead: ${op('run.resume', { id })}` : 'wait for it to end, or cancel it first',
      data: { id, status: old.status },
    });
  }
  return executeTodo(ws, { todo: old.todo, pool: old.pool, executor: old.executor, retry_of: old.id, ...(old.sweep ? { sweep: old.sweep } : {}) });
}

/** A stopped run (a limit, stalled, needs_input) back to the queue, to continue its session in its worktree. */
export async function resumeRun(ws: Workspace, id: string, answer?: string): Promise<{ run: RunRecord }> {
  assertExecutionEnabled(ws);
  const t = await ws.runs.resume(id, new Date(), answer);
  wakeWorkers(ws);
  await recordEvents(ws, [eventFor(ws, t, 'resume')!]);
  return { run: t.run };
}
