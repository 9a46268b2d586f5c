// A sweep's record: opened (or resumed) before its first run, its report written as it goes (what a sweep in
// the background is followed by), closed with its status; `sweep:started` and `sweep:finished` in the history.
import os from 'node:os';
import { z } from 'zod';
import { ConcordError } from '../../core/errors.js';
import { makeEvent } from '../../core/events.js';
import { SweepInputSchema } from '../../core/runs/inputs.js';
import type { SweepProgress, SweepState } from '../../core/runs/views.js';
import { withStateTransaction } from '../../state/lock.js';
import { type SweepRow, SweepStore } from '../../state/sweep-store.js';
import { processAlive } from '../process.js';
import type { Workspace } from '../workspace.js';
import { hint, op } from '../../core/hints.js';
import { recordEvents } from './events.js';

export { type SweepInput, SweepInputSchema } from '../../core/runs/inputs.js';

export interface OpenSweep {
  id: string;
  /** Runs created before this belong to an earlier go of the sweep. */
  since: string;
}

/** Who runs a sweep: the process, on this host, and (in the background) where its output goes. */
interface Runner {
  pid: number;
  host: string;
  log?: string;
}

const store = (ws: Workspace) => new SweepStore(ws.db);
/** Whether a runner may still be at it: alive on this host, or on another host (which cannot be probed from here). */
const runnerAlive = (r: Runner) => r.host !== os.hostname() || processAlive(r.pid);
const sweepNotFound = (id: string) => new ConcordError('SWEEP_NOT_FOUND', `no sweep ${id}`, { hint: hint`a sweep id comes from starting one (${op('plan.sweep', { plan: '<plan>', background: true })}); runs list theirs`, data: { id } });
const optionsOf = (row: SweepRow) => JSON.parse(row.options) as { runner?: Runner };

/** The sweep a resume continues: the one named (of this plan), else the plan's last unfinished one. */
function toResume(ws: Workspace, o: z.output<typeof SweepInputSchema>): SweepRow {
  const row = o.sweep ? store(ws).get(o.sweep) : store(ws).unfinished(o.plan, o.milestone);
  if (o.sweep && (!row || row.plan_id !== o.plan)) throw row ? new ConcordError('INVALID_INPUT', `sweep ${o.sweep} is a sweep of plan ${row.plan_id}, not of ${o.plan}; nothing was run`, { data: { sweep: o.sweep, plan: row.plan_id } }) : sweepNotFound(o.sweep);
  if (!row || row.status === 'completed') throw new ConcordError('INVALID_INPUT', `plan ${o.plan}${o.milestone ? ` (milestone ${o.milestone})` : ''} has no unfinished sweep${o.sweep ? ` ${o.sweep}` : ''} to resume`, { hint: hint`start one: ${op('plan.sweep', { plan: o.plan })}`, data: { plan: o.plan } });
  const runner = optionsOf(row).runner;
  if (row.status === 'running' && runner && runner.pid !== process.pid && runnerAlive(runner)) {
    throw new ConcordError('INVALID_INPUT', `sweep ${row.id} is running (process ${runner.pid} on ${runner.host}); nothing was run`, { hint: hint`follow it: ${op('sweep.show', { id: row.id })}`, data: { sweep: row.id, pid: runner.pid } });
  }
  return row;
}

/** The id of the sweep a resume would continue (refused as the resume itself would be). */
export const sweepToResume = (ws: Workspace, o: z.output<typeof SweepInputSchema>): string => toResume(ws, o).id;

const newSweepId = (ws: Workspace) => `SWEEP-${[...ws.random(5)].map((b) => '0123456789ABCDEFGHJKMNPQRSTVWXYZ'[b & 31]).join('')}`;

/**
 * Opens a sweep for this process to run: a new one, or (resume) the plan's last unfinished one or the one
 * named. `sweep:started` says so, `resumed` when it had run before (a sweep reserved for the background
 * starts when its process takes it up).
 */
export async function openSweep(ws: Workspace, o: z.output<typeof SweepInputSchema>, meta: { todos: number; waves: number }): Promise<OpenSweep> {
  const since = new Date().toISOString();
  const runner: Runner = { pid: process.pid, host: os.hostname() };
  let resumed = false;
  const opened = await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => {
    if (o.resume) {
      const row = toResume(ws, o);
      // The log of a sweep started in the background stays its log.
      const log = optionsOf(row).runner?.log;
      resumed = row.report !== null && row.report !== undefined;
      store(ws).update(row.id, 'running', JSON.stringify({ ...o, since, runner: { ...runner, ...(log ? { log } : {}) } }), since);
      return { id: row.id, since };
    }
    const id = newSweepId(ws);
    store(ws).insert({ id, plan_id: o.plan, milestone_id: o.milestone ?? null, status: 'running', options: JSON.stringify({ ...o, since, runner }), created_at: since, updated_at: since });
    return { id, since };
  });
  const meta_ = { at: ws.now(), actor: ws.actor(), surface: ws.surface };
  await recordEvents(ws, [makeEvent('sweep:started', { kind: 'plan', id: o.plan }, { sweep: opened.id, ...(o.milestone ? { milestone: o.milestone } : {}), todos: meta.todos, waves: meta.waves, resumed }, meta_)]);
  return opened;
}

/**
 * A new sweep recorded for a process of its own to run (in the background): its id exists before that
 * process starts, so it can be followed at once. The process opens it with resume and this id.
 */
export async function reserveSweep(ws: Workspace, o: z.output<typeof SweepInputSchema>): Promise<string> {
  const at = new Date().toISOString();
  const id = newSweepId(ws);
  const { resume: _resume, sweep: _sweep, ...options } = o;
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => store(ws).insert({ id, plan_id: o.plan, milestone_id: o.milestone ?? null, status: 'running', options: JSON.stringify({ ...options, since: at }), created_at: at, updated_at: at }));
  return id;
}

/** The process that runs a sweep handed to it (and its log), recorded once it started. */
export async function handSweep(ws: Workspace, id: string, runner: Runner): Promise<void> {
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => {
    const row = store(ws).get(id);
    if (row) store(ws).update(id, row.status, JSON.stringify({ ...JSON.parse(row.options), runner }), new Date().toISOString());
  });
}

/** The report so far, written only when it changed (a sweep in the background is followed by it). */
export async function reportSweep(ws: Workspace, id: string, report: SweepProgress, last: { text?: string }): Promise<void> {
  const text = JSON.stringify(report);
  if (text === last.text) return;
  last.text = text;
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => store(ws).report(id, report.status, text, new Date().toISOString()));
}

export async function finishSweep(ws: Workspace, report: SweepProgress): Promise<void> {
  await withStateTransaction(ws.db, ws.lockTimeoutMs, 'the sweeps', () => store(ws).report(report.sweep, report.status, JSON.stringify(report), new Date().toISOString()));
  const data = { sweep: report.sweep, status: report.status, succeeded: report.succeeded.length, failed: report.failed.length, halted: report.halted.length, left: report.left.length, runs: report.runs, cost_usd: report.cost_usd };
  await recordEvents(ws, [makeEvent('sweep:finished', { kind: 'plan', id: report.plan }, data, { at: ws.now(), actor: ws.actor(), surface: ws.surface })]);
}

/** A sweep as its record says, with its last report; one whose runner died on this host before it ended is `interrupted`. */
export function showSweep(ws: Workspace, id: string): SweepState {
  const row = store(ws).get(id);
  if (!row) throw sweepNotFound(id);
  const runner = optionsOf(row).runner;
  const gone = row.status === 'running' && runner !== undefined && !runnerAlive(runner);
  return {
    sweep: row.id,
    plan: row.plan_id,
    ...(row.milestone_id ? { milestone: row.milestone_id } : {}),
    status: (gone ? 'interrupted' : row.status) as SweepState['status'],
    created_at: row.created_at,
    updated_at: row.updated_at,
    ...(runner ? { runner: { pid: runner.pid, host: runner.host } } : {}),
    ...(runner?.log ? { log: runner.log } : {}),
    ...(row.report ? { report: JSON.parse(row.report) as SweepProgress } : {}),
  };
}
