// Human output of runs: the table of `run list`, the page of `run show`, one-line progress and outcomes.
import type { RunRecord } from '../../core/runs/queue.js';
import type { StreamFacts } from '../../core/runs/outcome.js';
import type { Output, Style } from '../output.js';

export const RUN_STYLE: Record<string, Style> = {
  queued: 'yellow',
  dispatching: 'cyan',
  running: 'cyan',
  succeeded: 'green',
  failed: 'red',
  infra_error: 'red',
  no_op: 'gray',
  cancelled: 'gray',
  needs_input: 'magenta',
  limit_turns: 'magenta',
  limit_budget: 'magenta',
  limit_time: 'magenta',
  stalled: 'magenta',
};

export const costText = (r: Pick<RunRecord, 'outcome'>): string => {
  const o = r.outcome;
  if (o?.cost_usd === undefined) return '';
  return `$${o.cost_usd.toFixed(o.cost_usd < 1 ? 4 : 2)}${o.cost_kind === 'estimated' ? '~' : ''}`;
};

export function runTable(out: Output, runs: readonly RunRecord[]): string {
  if (!runs.length) return 'no runs';
  return out.table(runs, [
    { header: 'RUN', get: (r) => r.id },
    { header: 'TODO', get: (r) => r.todo },
    { header: 'REPO', get: (r) => r.repo, max: 20 },
    { header: 'STATUS', get: (r) => r.status, style: (r) => RUN_STYLE[r.status] },
    { header: 'TRY', get: (r) => r.attempt, align: 'right' },
    { header: 'EXECUTOR', get: (r) => r.executor },
    { header: 'COST', get: costText, align: 'right' },
    { header: 'WHY', get: (r) => r.outcome?.reason, max: 60 },
  ]);
}

export function runDetail(out: Output, run: RunRecord, attempts: readonly { attempt: number; status: string; started_at: string; finished_at?: string; outcome?: { reason: string } }[]): string {
  const o = run.outcome;
  const rows: [string, string | number | undefined][] = [
    ['todo', run.todo],
    ['repo', run.repo],
    ['pool', `${run.pool} (${run.executor})`],
    ['status', out.paint(run.status, RUN_STYLE[run.status])],
    ['attempts', run.attempt],
    ['branch', run.branch],
    ['worktree', run.worktree],
    ['base', run.base_commit?.slice(0, 12)],
    ['session', run.session],
    ['worker', run.worker],
    ['lease until', run.lease_expires_at],
    ['sweep', run.sweep],
    ['retry of', run.retry_of],
    ['turns', o?.turns],
    ['tokens', o ? `${o.tokens.input} in, ${o.tokens.output} out` : undefined],
    ['cost', o?.cost_usd !== undefined ? `${costText(run)} (${o.cost_kind})` : undefined],
    ['diff', o?.diffstat ? `${o.diffstat.files} file(s), +${o.diffstat.insertions} -${o.diffstat.deletions}` : undefined],
    ['why', o?.reason],
    ['queued', run.created_at],
    ['finished', run.finished_at],
  ];
  const width = Math.max(...rows.map(([k]) => k.length));
  const lines = [out.paint(run.id, 'bold'), ...rows.filter(([, v]) => v !== undefined && v !== '').map(([k, v]) => `  ${k.padEnd(width)}  ${v}`)];
  if (run.cancel_requested && (run.status === 'running' || run.status === 'dispatching')) lines.push(out.paint('  cancel requested: the worker stops it at its next heartbeat', 'yellow'));
  if (attempts.length) {
    lines.push('', out.paint('Attempts', 'bold'));
    for (const a of attempts) lines.push(`  ${a.attempt}  ${out.paint(a.status.padEnd(12), RUN_STYLE[a.status])} ${a.started_at}${a.finished_at ? ` → ${a.finished_at}` : ''}  ${a.outcome?.reason ?? ''}`);
  }
  if (o?.summary) lines.push('', out.paint('Summary', 'bold'), ...o.summary.split('\n').map((l) => `  ${l}`));
  if (o?.error_tail) lines.push('', out.paint('Errors', 'bold'), ...o.error_tail.split('\n').slice(-10).map((l) => `  ${l}`));
  return lines.join('\n');
}

export function progressText(run: RunRecord, f: StreamFacts): string {
  const cost = f.cost_usd !== undefined ? `, $${f.cost_usd.toFixed(4)}` : '';
  return `${run.todo} ${run.executor}: ${f.turns} turn(s), ${f.tokens.input + f.tokens.output} tokens${cost}`;
}

export const endedLine = (out: Output, r: RunRecord): string =>
  `${out.paint(r.status.padEnd(12), RUN_STYLE[r.status])} ${r.todo} ${r.id}${costText(r) ? ` ${costText(r)}` : ''}: ${r.outcome?.reason ?? ''}`;
