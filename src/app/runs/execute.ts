// Queueing a todo for a pool: `concord execute`, coord_execute_todo, and each wave of a sweep.
import { z } from 'zod';
import { resolveExecutor } from '../../core/executors/index.js';
import { ConcordError } from '../../core/errors.js';
import { isResolved, unresolvedBlockers } from '../../core/graph/graph.js';
import { notFound } from '../../core/mutations/references.js';
import { ExecuteTodoInputSchema } from '../../core/runs/inputs.js';
import type { RunRecord } from '../../core/runs/queue.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import type { Workspace } from '../workspace.js';
import { eventFor, recordEvents } from './events.js';
import { poolFor, repoCheckout } from './pools.js';
import { holderOf } from './todo-lease.js';
import { wakeWorkers } from './wake.js';
import { hint, op } from '../../core/hints.js';

export const ExecuteInputSchema = ExecuteTodoInputSchema.extend({ sweep: z.string().optional(), retry_of: z.string().optional() });
export type ExecuteInput = z.input<typeof ExecuteInputSchema>;

/** Refuses with EXECUTION_DISABLED when concord.yaml turned pool execution off. */
export function assertExecutionEnabled(ws: Workspace): void {
  if (ws.settings.coordination.pool_execution_enabled && ws.settings.coordination.enabled) return;
  throw new ConcordError('EXECUTION_DISABLED', 'pool execution is turned off in concord.yaml (coordination.pool_execution_enabled: false); nothing was run', {
    hint: hint`set coordination.pool_execution_enabled: true to let pools run todos; ${op('plan.validate')} works without it`,
  });
}

/**
 * Queues a run of the todo, or returns the live run it already has (16 callers at once get one run:
 * the database's unique index decides). Refuses what no run should start: finished, blocked or
 * claimed todos, repos without a checkout, unknown pools and executors, a full queue.
 */
export async function executeTodo(ws: Workspace, input: unknown): Promise<{ run: RunRecord; created: boolean }> {
  assertExecutionEnabled(ws);
  const o = parseInput(ExecuteInputSchema, input, 'execute');
  const { graph } = await loadSnapshot(ws);
  const todo = graph.todos.get(o.todo);
  if (!todo) throw notFound('TODO_NOT_FOUND', 'todo', o.todo, graph.todos.keys());
  if (isResolved(graph, todo.id)) throw new ConcordError('INVALID_TRANSITION', `todo ${todo.id} is ${todo.status}: there is nothing left to run`, { hint: 'reopen it (status pending) to run it again', data: { id: todo.id, status: todo.status } });
  const open = unresolvedBlockers(graph, todo.id);
  if (open.length || todo.status === 'blocked') {
    throw new ConcordError('TODO_BLOCKED', `todo ${todo.id} is blocked${open.length ? ` by ${open.join(', ')}` : ''}; nothing was run`, { hint: hint`run its blockers first (${op('plan.sweep')} runs a plan in order)`, data: { id: todo.id, blockers: open } });
  }
  if (!todo.repo) throw new ConcordError('INVALID_INPUT', `todo ${todo.id} has no repo, so there is nowhere to run it`, { hint: hint`set one: ${op('todo.update', { id: todo.id, repo: '<name>' })}`, data: { id: todo.id } });
  const repo = graph.repos.get(todo.repo);
  if (!repo) throw new ConcordError('REPO_NOT_FOUND', `todo ${todo.id} is in repo "${todo.repo}", which is not in the catalog`, { hint: 'add it under repos: with its path', data: { repo: todo.repo } });
  repoCheckout(ws.dir, repo);
  const existing = (await ws.runs.list({ todo: todo.id, status: ['queued', 'dispatching', 'running'], limit: 1 }))[0];
  if (existing) return { run: existing, created: false };
  const holder = await holderOf(ws, todo.id);
  if (holder && holder.kind === 'claim') {
    throw new ConcordError('ALREADY_CLAIMED', `todo ${todo.id} is claimed by ${holder.agent} until ${holder.expires_at}; nothing was run`, { hint: 'wait for the claim to end, or run another todo', data: { id: todo.id, holder: holder.agent } });
  }
  const pool = poolFor(graph, ws.settings, todo.repo, o.pool);
  const executor = o.executor ?? pool.executor;
  resolveExecutor(executor, ws.settings.executors);
  const r = await ws.runs.enqueue(
    { todo: todo.id, repo: todo.repo, pool: pool.name, executor, requested_by: ws.actor(), capacity: ws.settings.queue.capacity, ...(o.sweep ? { sweep: o.sweep } : {}), ...(o.retry_of ? { retry_of: o.retry_of } : {}) },
    new Date(),
  );
  if (r.created) {
    wakeWorkers(ws);
    await recordEvents(ws, [eventFor(ws, { run: r.run, from: undefined, to: 'queued' }, 'enqueue')!]);
  }
  return r;
}

/** The state of a queued task in the work queue's words (seed 002): pending until a worker takes it. */
const TASK_STATE = { queued: 'pending', dispatching: 'dispatching', running: 'running' } as const;

/**
 * The work queue (seed 002, `POST /api/queue/task`): a todo at the back of the FIFO queue of its pool, as
 * `execute` queues it (one live run per todo; a full queue refuses with QUEUE_FULL: HTTP 503 + Retry-After).
 */
export async function queueTask(ws: Workspace, input: unknown) {
  const { run, created } = await executeTodo(ws, parseInput(ExecuteTodoInputSchema, input, 'queue task'));
  const counts = await ws.runs.counts();
  const state = TASK_STATE[run.status as keyof typeof TASK_STATE] ?? 'running';
  return { task: { id: run.id, todo: run.todo, state }, run, created, queue: { queued: counts.queued, capacity: ws.settings.queue.capacity } };
}
