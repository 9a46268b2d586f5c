// Checkpoint use-cases (seed 000): save the state of work on a todo, restore the latest (or one), list them.
import {
  type Checkpoint,
  CheckpointListSchema,
  type CheckpointSummary,
  ListCheckpointsInputSchema,
  RestoreCheckpointInputSchema,
  SaveCheckpointInputSchema,
  SavedCheckpointSchema,
} from '../core/checkpoint-schemas.js';
import { ConcordError } from '../core/errors.js';
import { hint, op } from '../core/hints.js';
import { makeEvent } from '../core/events.js';
import { notFound } from '../core/mutations/references.js';
import type { CheckpointRow } from '../state/checkpoint-store.js';
import { withStateTransaction } from '../state/lock.js';
import type { z } from 'zod';
import { parseInput } from './input.js';
import { loadSnapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

/** Saves a checkpoint of a todo that exists, records `todo:checkpointed`, and applies the retention limit. */
export async function saveCheckpoint(ws: Workspace, input: unknown): Promise<z.infer<typeof SavedCheckpointSchema>> {
  const q = parseInput(SaveCheckpointInputSchema, input, 'checkpoint');
  const { graph } = await loadSnapshot(ws);
  if (!graph.todos.has(q.todo)) throw notFound('TODO_NOT_FOUND', 'todo', q.todo, graph.todos.keys());
  let state: string;
  try {
    state = JSON.stringify(q.state ?? {});
  } catch (e) {
    throw new ConcordError('INVALID_INPUT', `the checkpoint state is not JSON: ${(e as Error).message}`);
  }
  const limit = ws.settings.checkpoints.max_state_bytes;
  if (Buffer.byteLength(state) > limit) {
    throw new ConcordError('INVALID_INPUT', `the checkpoint state is ${Buffer.byteLength(state)} bytes, more than the ${limit} allowed`, {
      hint: 'keep large artifacts in files and put their paths in the state, or raise checkpoints.max_state_bytes in concord.yaml',
    });
  }
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    const row = { todo_id: q.todo, phase: q.phase, progress: q.progress, state, note: q.note ?? null, actor: ws.actor(), surface: ws.surface, created_at: ws.now() };
    const saved = ws.checkpoints.save(row, ws.settings.checkpoints.retention);
    // The history gives the event the subject of its todo (see app/subscribers.ts).
    ws.events.append([makeEvent('todo:checkpointed', { kind: 'todo', id: q.todo }, { checkpoint: saved.id, phase: q.phase, progress: q.progress }, { at: row.created_at, actor: row.actor, surface: ws.surface })]);
    return { checkpoint: summary({ ...row, id: saved.id }), pruned: saved.pruned };
  });
}

/** The latest checkpoint of a todo, or the one with this id. */
export async function restoreCheckpoint(ws: Workspace, input: unknown): Promise<Checkpoint> {
  const q = parseInput(RestoreCheckpointInputSchema, input, 'checkpoint to restore');
  const row = q.id !== undefined ? ws.checkpoints.get(q.id) : ws.checkpoints.latest(q.todo!);
  if (!row && q.id === undefined) {
    const { graph } = await loadSnapshot(ws);
    if (!graph.todos.has(q.todo!)) throw notFound('TODO_NOT_FOUND', 'todo', q.todo!, graph.todos.keys());
  }
  if (!row) {
    throw new ConcordError(
      'CHECKPOINT_NOT_FOUND',
      q.id !== undefined ? `checkpoint ${q.id} not found` : `todo ${q.todo} has no checkpoint`,
      { hint: q.id !== undefined ? hint`list them with ${op('checkpoint.list')}` : hint`save one with ${op('checkpoint.save', { todo: q.todo, phase: 'P', progress: 0.5 })}`, data: q.id !== undefined ? { id: q.id } : { todo: q.todo } },
    );
  }
  if (q.todo !== undefined && row.todo_id !== q.todo) {
    throw new ConcordError('INVALID_INPUT', `checkpoint ${row.id} belongs to ${row.todo_id}, not ${q.todo}`, { hint: 'give only the checkpoint id, or the right todo' });
  }
  return { ...summary(row), state: JSON.parse(row.state) as unknown };
}

export async function listCheckpoints(ws: Workspace, input: unknown = {}): Promise<z.infer<typeof CheckpointListSchema>> {
  const q = parseInput(ListCheckpointsInputSchema, input, 'checkpoint list');
  return { checkpoints: ws.checkpoints.list({ ...(q.todo ? { todo: q.todo } : {}), limit: q.limit }).map(summary) };
}

function summary(r: Omit<CheckpointRow, 'state'>): CheckpointSummary {
  return { id: r.id, todo: r.todo_id, phase: r.phase, progress: r.progress, ...(r.note ? { note: r.note } : {}), actor: r.actor, surface: r.surface, created_at: r.created_at };
}
