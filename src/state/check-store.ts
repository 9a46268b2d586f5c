// Dependency-check results and their history (table dependency_checks).
import { type DependencyCheck, DependencyCheckSchema } from '../core/checks/result.js';
import type { StateDb } from './db.js';

/** Checks kept per dependency; older ones are pruned when new ones are recorded. */
const CHECKS_KEPT_PER_DEPENDENCY = 500;

function fromRow(r: { result: string }): DependencyCheck | undefined {
  const parsed = DependencyCheckSchema.safeParse(JSON.parse(r.result));
  // A row written by a newer Concord with another shape is skipped rather than misread.
  return parsed.success ? parsed.data : undefined;
}

export class CheckStore {
  constructor(private readonly db: StateDb) {}

  /** Appends checks; call inside a transaction with the events that go with them. */
  record(checks: readonly DependencyCheck[]): void {
    const insert = this.db.prepare(
      'INSERT INTO dependency_checks (dependency_id, consumer, provider, outcome, checked_at, duration_ms, latency_ms, summary, result) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)',
    );
    const prune = this.db.prepare(
      'DELETE FROM dependency_checks WHERE dependency_id = ? AND seq <= (SELECT seq FROM dependency_checks WHERE dependency_id = ? ORDER BY seq DESC LIMIT 1 OFFSET ?)',
    );
    for (const c of checks) {
      insert.run(c.id, c.consumer, c.provider, c.outcome, c.checked_at, c.duration_ms, c.latency_ms ?? null, c.summary, JSON.stringify(c));
    }
    for (const id of new Set(checks.map((c) => c.id))) prune.run(id, id, CHECKS_KEPT_PER_DEPENDENCY);
  }

  /** The latest check of each of `ids` that has one. */
  latest(ids: readonly string[]): Map<string, DependencyCheck> {
    const rows = this.db
      .prepare('SELECT result FROM dependency_checks WHERE seq IN (SELECT MAX(seq) FROM dependency_checks WHERE dependency_id IN (SELECT value FROM json_each(?)) GROUP BY dependency_id)')
      .all(JSON.stringify(ids)) as { result: string }[];
    const out = new Map<string, DependencyCheck>();
    for (const r of rows) {
      const check = fromRow(r);
      if (check) out.set(check.id, check);
    }
    return out;
  }

  /** Checks of one dependency, newest first. */
  history(id: string, limit: number): DependencyCheck[] {
    const rows = this.db.prepare('SELECT result FROM dependency_checks WHERE dependency_id = ? ORDER BY seq DESC LIMIT ?').all(id, limit) as { result: string }[];
    return rows.flatMap((r) => fromRow(r) ?? []);
  }
}
