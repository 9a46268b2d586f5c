// Checkpoints of work on a todo, newest kept up to a retention limit per todo.
import type { StateDb } from './db.js';

export interface CheckpointRow {
  id: number;
  todo_id: string;
  phase: string;
  progress: number;
  /** JSON text. */
  state: string;
  note: string | null;
  actor: string;
  surface: string;
  created_at: string;
}

export type NewCheckpoint = Omit<CheckpointRow, 'id'>;

export class CheckpointStore {
  constructor(private readonly db: StateDb) {}

  /** Saves a checkpoint and drops the oldest of its todo beyond `retention`; returns the new id and how many were dropped. */
  save(c: NewCheckpoint, retention: number): { id: number; pruned: number } {
    const id = Number(
      this.db
        .prepare('INSERT INTO checkpoints (todo_id, phase, progress, state, note, actor, surface, created_at) VALUES (@todo_id, @phase, @progress, @state, @note, @actor, @surface, @created_at)')
        .run(c).lastInsertRowid,
    );
    const pruned = this.db
      .prepare('DELETE FROM checkpoints WHERE todo_id = ? AND id NOT IN (SELECT id FROM checkpoints WHERE todo_id = ? ORDER BY id DESC LIMIT ?)')
      .run(c.todo_id, c.todo_id, retention).changes;
    return { id, pruned };
  }

  get(id: number): CheckpointRow | undefined {
    return this.db.prepare('SELECT * FROM checkpoints WHERE id = ?').get(id) as CheckpointRow | undefined;
  }

  latest(todoId: string): CheckpointRow | undefined {
    return this.db.prepare('SELECT * FROM checkpoints WHERE todo_id = ? ORDER BY id DESC LIMIT 1').get(todoId) as CheckpointRow | undefined;
  }

  /** Newest first, without their state. */
  list(filter: { todo?: string; limit: number }): Omit<CheckpointRow, 'state'>[] {
    const cols = 'id, todo_id, phase, progress, note, actor, surface, created_at';
    if (filter.todo) return this.db.prepare(`SELECT ${cols} FROM checkpoints WHERE todo_id = ? ORDER BY id DESC LIMIT ?`).all(filter.todo, filter.limit) as Omit<CheckpointRow, 'state'>[];
    return this.db.prepare(`SELECT ${cols} FROM checkpoints ORDER BY id DESC LIMIT ?`).all(filter.limit) as Omit<CheckpointRow, 'state'>[];
  }
}
