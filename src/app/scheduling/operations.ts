// The Concord operations a job or activity can run, by name. Register one here (or from its own module with
// `registerOperation`): `sweep` and `execute` join when execution lands.
import { ConcordError, suggest } from '../../core/errors.js';
import type { Workspace } from '../workspace.js';

export interface OperationContext {
  signal: AbortSignal;
  /** The fire's trigger, instant and payload (events, webhook body), for operations that read them. */
  fire: { id: number; trigger: string; instant: string; payload: unknown };
}

export interface OperationResult {
  ok: boolean;
  /** One line for the fire's record and the log. */
  summary: string;
}

export interface Operation {
  description: string;
  run(ws: Workspace, args: Record<string, unknown>, ctx: OperationContext): Promise<OperationResult>;
}

const operations = new Map<string, Operation>();

function countsLine(counts: Record<string, number>): string {
  const parts = Object.entries(counts).filter(([, n]) => n > 0).map(([k, n]) => `${n} ${k}`);
  return parts.length ? parts.join(', ') : 'nothing to check';
}

export function registerOperation(name: string, op: Operation): void {
  if (operations.has(name)) throw new Error(`operation ${name} is registered twice`);
  operations.set(name, op);
}

export function operationNames(): string[] {
  return [...operations.keys()].sort();
}

export function operation(name: string): Operation {
  const op = operations.get(name);
  if (op) return op;
  const near = suggest(name, operations.keys());
  throw new ConcordError('INVALID_SETTINGS', `no Concord operation "${name}"${near ? ` (did you mean "${near}"?)` : ''}; operations: ${operationNames().join(', ')}`, {
    hint: 'see docs/scheduler.md for the operations a job can run',
  });
}

registerOperation('dependency-check', {
  description: 'check dependencies (args: the input of `concord dep check`: ids, consumer, provider, timeout_ms)',
  async run(ws, args, ctx) {
    const { checkDependencies } = await import('../checks/check-dependencies.js');
    const report = await checkDependencies(ws, args, { signal: ctx.signal });
    // The check ran: unsatisfied dependencies are its finding (recorded, and events for hooks), not its failure.
    return { ok: true, summary: `${countsLine(report.counts)}${report.status_changes ? `; ${report.status_changes} status change(s) written` : ''}` };
  },
});
