// Dependency-check results and their history (table dependency_checks).
import { type DependencyCheck, DependencyCheckSchema } from '../core/checks/result.js';
import type { StateDb } from './db.js';

/** Checks kept per dependency; older ones are pruned when new ones are recorded. */
export const CHECKS_KEPT_PER_DEPENDENCY = 500;

interface CheckRow {
  seq: number;
  result: string;
}

export interface StoredCheck {
  seq: number;
  check: DependencyCheck;
}

function fromRow(r: CheckRow): StoredCheck | undefined {
  const parsed = DependencyCheckSchema.safeParse(JSON.parse(r.result));
  // A row written by a newer Concord with another shape is skipped rather than misread.
  return parsed.success ? { seq: r.seq, check: parsed.data } : undefined;
}

export class CheckStore {
  constructor(private readonly db: StateDb) {}

  /** Appends checks; call inside a transaction with the events that go with them. */
  record(checks: readonly DependencyCheck[], keep = CHECKS_KEPT_PER_DEPENDENCY): void {
    const insert = this.db.prepare(
      'INSERT INTO dependency_checks (dependency_id, consumer, provider, outcome, checked_at, duration_ms, latency_ms, summary, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const prune = this.db.prepare(
      'DELETE FROM dependency_checks WHERE dependency_id = ? AND seq <= (SELECT seq FROM dependency_checks WHERE dependency_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)',
    );
    for (const c of checks) {
      insert.run(c.id, c.consumer, c.provider, c.outcome, c.checked_at, c.duration_ms, c.latency_ms ?? null, c.summary, JSON.stringify(c));
    }
    for (const id of new Set(checks.map((c) => c.id))) prune.run(id, id, keep);
  }

  /** The latest check of each dependency (of `ids`, or of all). */
  latest(ids?: readonly string[]): Map<string, StoredCheck> {
    const where = ids ? `WHERE dependency_id IN (SELECT value FROM json_each(?))` : '';
    const sql = `SELECT seq, result FROM dependency_checks WHERE seq IN (SELECT MAX(seq) FROM dependency_checks ${where} GROUP BY dependency_id)`;
    const rows = (ids ? this.db.prepare(sql).all(JSON.stringify(ids)) : this.db.prepare(sql).all()) as CheckRow[];
    const out = new Map<string, StoredCheck>();
    for (const r of rows) {
      const s = fromRow(r);
      if (s) out.set(s.check.id, s);
    }
    return out;
  }

  /** Checks of one dependency, newest first. */
  history(id: string, limit = 50): StoredCheck[] {
    const rows = this.db.prepare('SELECT seq, result FROM dependency_checks WHERE dependency_id = ? ORDER BY seq DESC LIMIT ?').all(id, limit) as CheckRow[];
    return rows.flatMap((r) => fromRow(r) ?? []);
  }
}
