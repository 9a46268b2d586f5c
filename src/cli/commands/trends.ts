// `concord trends`: throughput per week, cycle and lead time, and per plan a burndown and a forecast.
import type { Command } from 'commander';
import type { getTrends } from '../../app/trends.js';
import { count } from '../args.js';
import type { CliContext } from '../context.js';
import type { Output } from '../output.js';

type Trends = Awaited<ReturnType<typeof getTrends>>;
type Scope = Trends['plans'][number] | Trends['plans'][number]['milestones'][number];

const BARS = '▁▂▃▄▅▆▇█';

export function registerTrends(program: Command, ctx: CliContext): void {
  program
    .command('trends')
    .description('throughput per week, cycle and lead time; burndown and forecast per plan and milestone')
    .option('-w, --weeks <n>', 'weeks to show (default 12)', count)
    .option('--sample-weeks <n>', 'recent full weeks whose throughput drives the forecasts (default 8)', count)
    .option('-p, --plan <plan>', 'only this plan (any status)')
    .option('-r, --repo <repo>', 'only todos of this repo')
    .action(async (opts: { weeks?: number; sampleWeeks?: number; plan?: string; repo?: string }, cmd: Command) => {
      const { getTrends } = await import('../../app/trends.js');
      const out = ctx.output(cmd);
      const { sampleWeeks, ...rest } = opts;
      const trends = await getTrends(await ctx.workspace(cmd), { ...rest, ...(sampleWeeks !== undefined ? { sample_weeks: sampleWeeks } : {}) });
      out.result(trends, (t) => render(out, t));
    });
}

const sparkline = (values: readonly number[]) => {
  const max = Math.max(1, ...values);
  return values.map((v) => BARS[Math.min(BARS.length - 1, Math.round((v / max) * (BARS.length - 1)))]).join('');
};

const days = (s: Trends['cycle_time']) => (s.count ? `median ${s.median_days} d, 85% within ${s.p85_days} d (${s.count} todos)` : 'no todo completed in the window with a known start');

function forecastLine(out: Output, s: Scope): string {
  const f = s.forecast;
  if (!f.likely || !f.range) return out.paint(`forecast: ${f.note ?? 'none'}`, 'dim');
  if (f.remaining === 0) return out.paint('done', 'green');
  const due = f.due ? `; due ${f.due.slice(0, 10)}: ${Math.round((f.chance_by_due ?? 0) * 100)}% chance` : '';
  const style = f.chance_by_due === null ? undefined : f.chance_by_due >= 0.85 ? 'green' : f.chance_by_due >= 0.5 ? 'yellow' : 'red';
  return `forecast: likely ${f.likely} (80%: ${f.range.from} … ${f.range.to})` + out.paint(due, style);
}

function scopeLines(out: Output, s: Scope, indent: string): string[] {
  return [
    `${indent}${out.paint(s.id, 'bold')} ${s.title} (${s.status}): ${s.done} of ${s.total} done, ${s.remaining} remaining${s.remaining_hours ? ` (${s.remaining_hours} h)` : ''}`,
    `${indent}  burndown ${sparkline(s.burndown.map((p) => p.remaining))} ${s.burndown.map((p) => p.remaining).join(' ')}`,
    `${indent}  ${forecastLine(out, s)}`,
  ];
}

function render(out: Output, t: Trends): string {
  const lines = [out.paint(`Throughput: ${t.throughput_per_week} todos completed per week (recent full weeks)`, 'bold')];
  const max = Math.max(1, ...t.weeks.map((w) => w.completed));
  for (const w of t.weeks) lines.push(`  ${w.week}  ${'█'.repeat(Math.round((w.completed / max) * 30)).padEnd(30)} ${String(w.completed).padStart(3)} done  ${String(w.created).padStart(3)} new`);
  lines.push('', `Cycle time (first start → done): ${days(t.cycle_time)}`, `Lead time (created → done):      ${days(t.lead_time)}`);
  if (t.estimated) lines.push(out.paint(`${t.estimated} completion(s) predate the history and are dated by their record's \`updated\``, 'dim'));
  for (const p of t.plans) {
    lines.push('', ...scopeLines(out, p, ''));
    for (const m of p.milestones) lines.push(...scopeLines(out, m, '    '));
  }
  return lines.join('\n');
}
