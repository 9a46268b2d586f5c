// `sweep --dry-run` and coord_sweep_plan: the waves a sweep would run, with estimated hours and cost.
import { estimateSweep, planSweep } from '../../core/runs/sweep.js';
import { notFound } from '../../core/mutations/references.js';
import { parseInput } from '../input.js';
import { loadSnapshot } from '../snapshot.js';
import type { SweepDryRun } from '../../core/runs/views.js';
import type { Workspace } from '../workspace.js';
import { SweepInputSchema } from './sweeps.js';

export type { SweepDryRun } from '../../core/runs/views.js';

export async function planSweepDryRun(ws: Workspace, input: unknown): Promise<SweepDryRun> {
  const o = parseInput(SweepInputSchema, input, 'sweep');
  const { graph } = await loadSnapshot(ws);
  if (!graph.plans.has(o.plan)) throw notFound('PLAN_NOT_FOUND', 'plan', o.plan, graph.plans.keys());
  const plan = planSweep(graph, { plan: o.plan, ...(o.milestone ? { milestone: o.milestone } : {}) });
  const parallel = o.max_parallel ?? ws.settings.queue.max_running;
  const est = estimateSweep(graph, plan, parallel);
  const past = (await ws.runs.list({ limit: 1_000 })).filter((r) => r.outcome?.cost_usd !== undefined);
  const count = plan.waves.flat().length;
  const avg = past.length ? past.reduce((s, r) => s + r.outcome!.cost_usd!, 0) / past.length : undefined;
  return {
    plan: o.plan,
    ...(o.milestone ? { milestone: o.milestone } : {}),
    parallel,
    waves: est.waves.map((w) => ({
      ...w,
      todos: w.todos.map((id) => {
        const t = graph.todos.get(id)!;
        return { id, task: t.task, ...(t.repo ? { repo: t.repo } : {}), ...(t.estimated_hours !== undefined ? { estimated_hours: t.estimated_hours } : {}) };
      }),
    })),
    hours: est.hours,
    wall_hours: est.wall_hours,
    ...(avg !== undefined ? { estimated_cost_usd: Math.round(avg * count * 100) / 100 } : {}),
    cost_basis: avg !== undefined ? `${count} run(s) at the average of the last ${past.length} run(s) with a cost ($${avg.toFixed(4)} each; estimated)` : 'no past runs with a cost to estimate from',
    done: plan.done,
    waiting: plan.waiting,
    cyclic: plan.cyclic,
  };
}
