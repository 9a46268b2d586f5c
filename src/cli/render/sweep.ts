// Human output of sweeps (the dry run, the report) and of `validate --plan`.
import type { SweepDryRun } from '../../app/runs/sweep-plan.js';
import type { PlanValidation } from '../../app/validate-plan.js';
import type { SweepStarted, SweepState } from '../../core/runs/views.js';
import type { SweepReport } from '../../exec/sweep.js';
import type { Output } from '../output.js';

const h = (n: number) => `${n} h`;

export function dryRunText(out: Output, p: SweepDryRun): string {
  const lines = [out.paint(`Sweep of ${p.plan}${p.milestone ? ` (milestone ${p.milestone})` : ''}: ${p.waves.length} wave(s), ${p.waves.reduce((n, w) => n + w.todos.length, 0)} todo(s), ${p.parallel} at once`, 'bold')];
  for (const w of p.waves) {
    lines.push('', `${out.paint(`wave ${w.wave}`, 'cyan')}  ${h(w.hours)} of work, ~${h(w.wall_hours)} elapsed${w.unestimated.length ? out.paint(`  (${w.unestimated.length} without an estimate)`, 'dim') : ''}`);
    for (const t of w.todos) lines.push(`  ${t.id.padEnd(16)} ${(t.repo ?? '').padEnd(14)} ${t.estimated_hours !== undefined ? h(t.estimated_hours).padStart(6) : '     ?'}  ${t.task}`);
  }
  lines.push('', `total: ${h(p.hours)} of work, ~${h(p.wall_hours)} elapsed; cost ${p.estimated_cost_usd !== undefined ? `~$${p.estimated_cost_usd.toFixed(2)} (estimated: ${p.cost_basis})` : `unknown (${p.cost_basis})`}`);
  if (p.done.length) lines.push(out.paint(`already done: ${p.done.join(', ')}`, 'dim'));
  if (p.waiting.length) lines.push(out.paint(`waiting on work outside the sweep: ${p.waiting.map((w) => `${w.todo} (on ${w.on.join(', ')})`).join('; ')}`, 'yellow'));
  if (p.cyclic.length) lines.push(out.paint(`on a cycle of blockers (never run): ${p.cyclic.join(', ')}`, 'red'));
  return lines.join('\n');
}

export function reportText(out: Output, r: SweepReport): string {
  const head = r.status === 'completed' ? out.paint('completed', 'green') : out.paint(r.status.replace('_', ' '), 'red');
  const lines = [`sweep ${r.sweep} of ${r.plan}: ${head}; ${r.succeeded.length} succeeded, ${r.failed.length} failed, ${r.halted.length} halted, ${r.runs} run(s), $${r.cost_usd.toFixed(2)}`];
  for (const f of r.failed) lines.push(`  ${out.paint('failed', 'red')}  ${f.todo} (${f.run}, ${f.status}): ${f.reason}`);
  for (const x of r.halted) lines.push(`  ${out.paint('halted', 'yellow')}  ${x.todo}: depends on ${x.because}`);
  for (const x of r.left) lines.push(`  ${out.paint('left', 'yellow')}    ${x.todo}: ${x.status}, not run to an end by this sweep`);
  for (const w of r.waiting) lines.push(`  ${out.paint('waiting', 'dim')} ${w.todo}: on ${w.on.join(', ')} (outside the sweep)`);
  if (r.status !== 'completed') lines.push(`fix what failed, then: concord sweep --plan ${r.plan}${r.milestone ? ` --milestone ${r.milestone}` : ''} --resume`);
  return lines.join('\n');
}

export function startedText(s: SweepStarted): string {
  return `sweep ${s.sweep} of ${s.plan} started in the background${s.pid !== undefined ? ` (process ${s.pid})` : ''}; its output: ${s.log}\nfollow it: concord sweep-status ${s.sweep} --follow   (its runs: concord run list --sweep ${s.sweep})`;
}

/** One line of a sweep's state: how it is, and its counts so far. */
export function stateLine(out: Output, s: SweepState): string {
  const r = s.report;
  const status = s.status === 'completed' ? out.paint('completed', 'green') : s.status === 'running' ? out.paint('running', 'cyan') : out.paint(s.status.replace('_', ' '), 'red');
  const counts = r ? `; ${r.waves.length} wave(s), ${r.succeeded.length} succeeded, ${r.running.length} running, ${r.failed.length} failed, ${r.halted.length} halted, ${r.runs} run(s), $${r.cost_usd.toFixed(2)}` : '; not started yet';
  return `sweep ${s.sweep} of ${s.plan}: ${status}${counts}`;
}

export function stateText(out: Output, s: SweepState): string {
  const lines = [stateLine(out, s)];
  if (s.report && s.status !== 'running') lines.push(...reportText(out, { ...s.report, status: s.report.status === 'running' ? 'incomplete' : s.report.status }).split('\n').slice(1));
  else if (s.report) for (const t of s.report.running) lines.push(`  ${out.paint('running', 'cyan')} ${t}`);
  if (s.status === 'interrupted') lines.push(`its process ${s.runner?.pid ?? ''} is gone; continue it: concord sweep --plan ${s.plan} --resume --sweep ${s.sweep}`);
  if (s.log) lines.push(out.paint(`output: ${s.log}`, 'dim'));
  return lines.join('\n');
}

export function planValidationText(out: Output, v: PlanValidation): string {
  const lines = [`plan ${v.plan}: ${v.complete ? out.paint('complete', 'green') : out.paint('incomplete', 'red')}; ${v.todos.done} of ${v.todos.total} todo(s) done`];
  for (const d of v.deliverables) lines.push(`  ${d.status === 'present' ? out.paint('present', 'green') : d.status === 'missing' ? out.paint('missing', 'red') : out.paint('check  ', 'yellow')}  ${d.milestone}: ${d.deliverable}${d.where ? out.paint(`  (${d.where})`, 'dim') : ''}`);
  for (const a of v.acceptance) lines.push(`  ${a.ok ? out.paint('passed ', 'green') : out.paint('failed ', 'red')}  ${a.todo}: ${a.command}${a.ok ? '' : `\n           ${(a.output ?? '').split('\n').join('\n           ')}`}`);
  for (const t of v.open) lines.push(`  ${out.paint('open   ', t.problem ? 'red' : 'yellow')}  ${t.todo} (${t.status})${t.problem ? `: ${t.problem}` : ''}`);
  for (const c of v.criteria) lines.push(`  ${out.paint('judge  ', 'dim')}  ${c.milestone}: ${c.criterion}`);
  return lines.join('\n');
}
