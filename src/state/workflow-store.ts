// Workflow runs in the state database: inserted when a run starts, updated as its steps end.
import type { StateDb } from './db.js';

export interface WorkflowRunRow {
  id: string;
  workflow: string;
  status: string;
  started_at: string;
  finished_at: string | null;
  requested_by: string;
  trigger: string;
  /** JSON */
  inputs: string;
  /** JSON: the step results */
  steps: string;
  error: string | null;
  /** JSON: what was undone after a failure */
  cleanup: string;
  log: string | null;
}

export class WorkflowStore {
  constructor(private readonly db: StateDb) {}

  insert(row: WorkflowRunRow): void {
    this.db
      .prepare('INSERT INTO workflow_runs (id, workflow, status, started_at, finished_at, requested_by, trigger, inputs, steps, error, cleanup, log) VALUES (@id, @workflow, @status, @started_at, @finished_at, @requested_by, @trigger, @inputs, @steps, @error, @cleanup, @log)')
      .run(row);
  }

  update(id: string, fields: Pick<WorkflowRunRow, 'status' | 'steps' | 'error' | 'cleanup' | 'finished_at'>): void {
    this.db.prepare('UPDATE workflow_runs SET status = @status, steps = @steps, error = @error, cleanup = @cleanup, finished_at = @finished_at WHERE id = @id').run({ id, ...fields });
  }

  get(id: string): WorkflowRunRow | undefined {
    return this.db.prepare('SELECT * FROM workflow_runs WHERE id = ?').get(id) as WorkflowRunRow | undefined;
  }

  /** Newest first; of one workflow when named. */
  list(workflow: string | undefined, limit: number): WorkflowRunRow[] {
    return (workflow === undefined
      ? this.db.prepare('SELECT * FROM workflow_runs ORDER BY started_at DESC, rowid DESC LIMIT ?').all(limit)
      : this.db.prepare('SELECT * FROM workflow_runs WHERE workflow = ? ORDER BY started_at DESC, rowid DESC LIMIT ?').all(workflow, limit)) as WorkflowRunRow[];
  }
}
