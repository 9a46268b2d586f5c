// Workflow runs as todos' runs are kept: a row in the state database (updated as steps end), a log file under
// the state folder, and `workflow:*` events in the history (hooks, search and `concord history` see them).
import fs from 'node:fs';
import path from 'node:path';
import { ConcordError } from '../core/errors.js';
import { type AnyDomainEvent, makeEvent } from '../core/events.js';
import type { StepResult, WorkflowRun } from '../core/workflow/schema.js';
import { withStateTransaction } from '../state/lock.js';
import { type WorkflowRunRow, WorkflowStore } from '../state/workflow-store.js';
import type { Workspace } from '../app/workspace.js';
import { runSteps } from './engine.js';
import type { LoadedWorkflow } from './files.js';
import { hint, op } from '../core/hints.js';

const MAX_LOG = 8 * 1024 * 1024;
const store = (ws: Workspace) => new WorkflowStore(ws.db);

export const workflowLogsDir = (ws: Workspace) => path.join(path.dirname(ws.stateFile), 'workflows');

export function toRun(row: WorkflowRunRow): WorkflowRun {
  return {
    id: row.id,
    workflow: row.workflow,
    status: row.status as WorkflowRun['status'],
    started_at: row.started_at,
    ...(row.finished_at ? { finished_at: row.finished_at } : {}),
    requested_by: row.requested_by,
    trigger: row.trigger,
    inputs: JSON.parse(row.inputs) as Record<string, unknown>,
    steps: JSON.parse(row.steps) as StepResult[],
    ...(row.error ? { error: row.error } : {}),
    cleanup: JSON.parse(row.cleanup) as string[],
    ...(row.log ? { log: row.log } : {}),
  };
}

function event(ws: Workspace, wf: string, e: Pick<AnyDomainEvent, 'type' | 'data'>): AnyDomainEvent {
  return makeEvent(e.type as never, { kind: 'workflow', id: wf }, e.data as never, { at: ws.now(), actor: ws.actor(), surface: ws.surface, subject: { title: wf } }) as AnyDomainEvent;
}

const stepStatuses = (steps: readonly StepResult[]) => Object.fromEntries(steps.map((s) => [s.id, s.status]));

export interface StartOptions {
  trigger: string;
  signal?: AbortSignal;
  env?: Readonly<Record<string, string | undefined>>;
  /** Each log line as it is written (the CLI shows them with --follow). */
  onLog?: (line: string) => void;
}

/** Runs `wf` to its end in this process and returns the run as recorded. */
export async function startRun(ws: Workspace, wf: LoadedWorkflow, inputs: Record<string, unknown>, o: StartOptions): Promise<WorkflowRun> {
  const id = `WF-${[...ws.random(8)].map((b) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[b & 31]).join('')}`;
  fs.mkdirSync(workflowLogsDir(ws), { recursive: true });
  const logFile = path.join(workflowLogsDir(ws), `${id}.log`);
  const fd = fs.openSync(logFile, 'a');
  let logged = 0;
  const log = (line: string) => {
    const text = `${new Date(ws.time()).toISOString()} ${line}\n`;
    o.onLog?.(line);
    if (logged > MAX_LOG) return;
    logged += text.length;
    fs.writeSync(fd, logged > MAX_LOG ? `[concord: log truncated at ${MAX_LOG} bytes]\n` : text);
  };
  const started = new Date(ws.time());
  const pending: StepResult[] = wf.groups.flatMap((g) => g.steps.map((s) => ({ id: s.id, type: s.type, status: 'pending' as const, outputs: {} })));
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the workflow runs', () => {
    store(ws).insert({ id, workflow: wf.name, status: 'running', started_at: started.toISOString(), finished_at: null, requested_by: ws.actor(), trigger: o.trigger, inputs: JSON.stringify(inputs), steps: JSON.stringify(pending), error: null, cleanup: '[]', log: logFile });
    ws.events.append([event(ws, wf.name, { type: 'workflow:started', data: { run: id, trigger: o.trigger, steps: pending.length } })]);
  });
  log(`workflow ${wf.name} (${wf.file}) run ${id} by ${ws.actor()} (${o.trigger})`);
  let result;
  try {
    result = await runSteps(wf, inputs, {
      context: { ws, runId: id, env: o.env ?? ws.env.vars },
      signal: o.signal ?? new AbortController().signal,
      log,
      now: () => new Date(ws.time()),
      // Progress is best effort: a busy state database never fails a step.
      onStep: (steps) => void withStateTransaction(ws.db, ws.lockTimeoutMs, 'the workflow runs', () => store(ws).update(id, { status: 'running', steps: JSON.stringify(steps), error: null, cleanup: '[]', finished_at: null })).catch(() => undefined),
    });
  } catch (e) {
    result = { status: 'failed' as const, steps: pending, error: `the run stopped: ${(e as Error).message}`, cleanup: [] };
  }
  const finished = new Date(ws.time());
  const duration_ms = finished.getTime() - started.getTime();
  log(`workflow ${wf.name} ${result.status} in ${duration_ms} ms${result.error ? `: ${result.error}` : ''}`);
  fs.closeSync(fd);
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the workflow runs', () => {
    store(ws).update(id, { status: result.status, steps: JSON.stringify(result.steps), error: result.error ?? null, cleanup: JSON.stringify(result.cleanup), finished_at: finished.toISOString() });
    const steps = stepStatuses(result.steps);
    ws.events.append([
      result.status === 'succeeded'
        ? event(ws, wf.name, { type: 'workflow:succeeded', data: { run: id, duration_ms, steps } })
        : event(ws, wf.name, { type: 'workflow:failed', data: { run: id, duration_ms, status: result.status, error: (result.error ?? '').slice(0, 500), ...('failed_step' in result && result.failed_step ? { failed_step: result.failed_step } : {}), steps, cleanup: result.cleanup } }),
    ]);
  });
  return toRun(store(ws).get(id)!);
}

export function getRun(ws: Workspace, id: string): WorkflowRun {
  const row = store(ws).get(id);
  if (!row) throw new ConcordError('RUN_NOT_FOUND', `no workflow run ${id}`, { hint: hint`list the runs of a workflow with ${op('workflow.show', { name: '<name>' })}`, data: { id } });
  return toRun(row);
}

export const listRuns = (ws: Workspace, workflow: string | undefined, limit: number): WorkflowRun[] => store(ws).list(workflow, limit).map(toRun);

/** The run's log (the last `tail` characters). */
export function readLog(run: WorkflowRun, tail = 64 * 1024): string {
  if (!run.log) return '';
  try {
    const text = fs.readFileSync(run.log, 'utf8');
    return text.length > tail ? text.slice(-tail) : text;
  } catch {
    return '';
  }
}
