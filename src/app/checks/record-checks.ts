// Recording check results: status in ecosystem.yaml only where the outcome changed, every check in the
// history table, and a `dependency:checked` event where the outcome differs from the previous check.
import { type CheckedOutcome, planCheckStatuses, planStatus } from '../../core/checks/status-change.js';
import type { DependencyCheck } from '../../core/checks/result.js';
import { type AnyDomainEvent, makeEvent } from '../../core/events.js';
import { CheckStore } from '../../state/check-store.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import { mutate } from '../write.js';
import type { Workspace } from '../workspace.js';
import type { CheckFindings } from './check-dependency.js';
import { DependencyHistoryInputSchema } from './schemas.js';

export interface RecordedChecks {
  checks: DependencyCheck[];
  statusChanges: number;
}

/** Records `findings` (or with `record: false`, only compares them with the history). */
export async function recordChecks(ws: Workspace, findings: readonly CheckFindings[], record: boolean): Promise<RecordedChecks> {
  const store = new CheckStore(ws.db);
  const previous = store.latest(findings.map((f) => f.id));
  const outcomes: CheckedOutcome[] = findings.map((f) => ({ id: f.id, outcome: f.outcome }));
  const before = (await loadSnapshot(ws)).graph;
  const wanted = outcomes.some((o) => {
    const dep = before.dependencies.get(o.id);
    return dep !== undefined && planStatus(dep.status, o.outcome) !== undefined;
  });
  // The write lock is taken only when some status must change: a steady state writes nothing to the file.
  const write = record && wanted ? await mutate(ws, (ctx) => planCheckStatuses(ctx, outcomes)) : undefined;
  const changed = new Set((write?.events ?? []).filter((e) => e.type === 'dependency:status_changed').map((e) => e.entity.id));
  const after = write ? (await loadSnapshot(ws)).graph : before;

  const checks: DependencyCheck[] = findings.map((f) => {
    const prev = previous.get(f.id)?.outcome;
    return {
      ...f,
      ...(prev ? { previous_outcome: prev } : {}),
      status: after.dependencies.get(f.id)?.status ?? 'unknown',
      status_changed: changed.has(f.id),
    };
  });
  if (record) {
    const meta = { at: findings[0]?.checked_at ?? ws.now(), actor: ws.actor(), surface: ws.surface };
    const events: AnyDomainEvent[] = checks
      .filter((c) => c.previous_outcome !== c.outcome)
      .map((c) =>
        makeEvent('dependency:checked', { kind: 'dependency', id: c.id }, {
          outcome: c.outcome,
          ...(c.previous_outcome ? { previous: c.previous_outcome } : {}),
          details: c.summary,
          ...(c.latency_ms !== undefined ? { latency_ms: c.latency_ms } : {}),
        }, meta),
      );
    ws.db.transaction(() => {
      store.record(checks);
      ws.events.append(events);
    })();
  }
  return { checks, statusChanges: changed.size };
}

/** The recorded checks of one dependency, newest first. Input: `DependencyHistoryInputSchema`. */
export function dependencyCheckHistory(ws: Workspace, input: unknown): DependencyCheck[] {
  const { id, limit } = parseInput(DependencyHistoryInputSchema, input, 'dependency history');
  return new CheckStore(ws.db).history(id, limit);
}
