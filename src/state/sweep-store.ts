// Sweeps in the state database: their options and status, so an unfinished sweep can be resumed.
import type { StateDb } from './db.js';

export interface SweepRow {
  id: string;
  plan_id: string;
  milestone_id: string | null;
  status: string;
  /** JSON: the options, and `since` (runs before it belong to an earlier go of the sweep). */
  options: string;
  created_at: string;
  updated_at: string;
  /** JSON: the report its runner last wrote (null before the first). */
  report?: string | null;
}

export class SweepStore {
  constructor(private readonly db: StateDb) {}

  insert(row: SweepRow): void {
    this.db.prepare('INSERT INTO sweeps (id, plan_id, milestone_id, status, options, created_at, updated_at) VALUES (@id, @plan_id, @milestone_id, @status, @options, @created_at, @updated_at)').run(row);
  }

  get(id: string): SweepRow | undefined {
    return this.db.prepare('SELECT * FROM sweeps WHERE id = ?').get(id) as SweepRow | undefined;
  }

  /** The newest sweep of a plan (and milestone) that did not complete. */
  unfinished(plan: string, milestone: string | undefined): SweepRow | undefined {
    return this.db
      .prepare("SELECT * FROM sweeps WHERE plan_id = ? AND COALESCE(milestone_id, '') = ? AND status != 'completed' ORDER BY created_at DESC, rowid DESC LIMIT 1")
      .get(plan, milestone ?? '') as SweepRow | undefined;
  }

  /** The report so far (or the last one), and the status with it. */
  report(id: string, status: string, report: string, at: string): void {
    this.db.prepare('UPDATE sweeps SET status = ?, report = ?, updated_at = ? WHERE id = ?').run(status, report, at, id);
  }

  update(id: string, status: string, options: string | undefined, at: string): void {
    if (options === undefined) this.db.prepare('UPDATE sweeps SET status = ?, updated_at = ? WHERE id = ?').run(status, at, id);
    else this.db.prepare('UPDATE sweeps SET status = ?, options = ?, updated_at = ? WHERE id = ?').run(status, options, at, id);
  }
}
