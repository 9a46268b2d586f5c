// `concord validate --plan`, coord_validate_plan: is a plan really done? Deliverables exist in the repos,
// acceptance commands of its completed todos pass, no todo is open (least of all under a closed item).
// Needs no pool: it runs the commands here, in each repo's checkout.
import fs from 'node:fs';
import path from 'node:path';
import { notFound } from '../core/mutations/references.js';
import type { Todo } from '../core/model.js';
import { planChecks } from '../core/plan-checks.js';
import type { PlanValidation } from '../core/runs/views.js';
import { runAcceptance } from './runs/verify.js';
import { repoCheckout } from './runs/pools.js';
import { loadSnapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

export type { PlanValidation } from '../core/runs/views.js';

export async function validatePlan(ws: Workspace, planId: string, o: { timeoutMs?: number } = {}): Promise<PlanValidation> {
  const { graph } = await loadSnapshot(ws);
  const plan = graph.plans.get(planId);
  if (!plan) throw notFound('PLAN_NOT_FOUND', 'plan', planId, graph.plans.keys());
  const checks = planChecks(graph, planId, (id) => (ws.index.record('todos', id)?.record as Todo | undefined)?.acceptance_commands ?? []);
  const checkout = (repo: string) => {
    const r = graph.repos.get(repo);
    try {
      return r ? repoCheckout(ws.dir, r) : undefined;
    } catch {
      return undefined;
    }
  };
  const deliverables: PlanValidation['deliverables'] = checks.deliverables.map((d) => {
    if (!d.path) return { milestone: d.milestone, deliverable: d.deliverable, status: 'manual' };
    const repos = d.repo ? [d.repo] : plan.repos.length ? plan.repos : [...graph.repos.keys()];
    for (const repo of repos) {
      const dir = checkout(repo);
      if (dir && fs.existsSync(path.join(dir, d.path))) return { milestone: d.milestone, deliverable: d.deliverable, status: 'present', where: `${repo}:${d.path}` };
    }
    return { milestone: d.milestone, deliverable: d.deliverable, status: 'missing', where: repos.join(', ') };
  });
  const acceptance: PlanValidation['acceptance'] = [];
  for (const a of checks.acceptance) {
    const dir = checkout(a.repo);
    if (!dir || !fs.existsSync(dir)) {
      acceptance.push({ todo: a.todo, command: a.command, ok: false, output: `repo ${a.repo} has no checkout here` });
      continue;
    }
    const [failure] = await runAcceptance(dir, [a.command], ws.env.vars as Record<string, string>, o.timeoutMs ?? 120_000);
    acceptance.push({ todo: a.todo, command: a.command, ok: !failure, ...(failure ? { output: failure } : {}) });
  }
  const problems = [
    ...checks.open.map((t) => `todo ${t.todo} is ${t.status}${t.problem ? ` (${t.problem})` : ''}`),
    ...deliverables.filter((d) => d.status === 'missing').map((d) => `deliverable "${d.deliverable}" of ${d.milestone} is missing (looked in ${d.where})`),
    ...acceptance.filter((a) => !a.ok).map((a) => `acceptance of ${a.todo} failed: ${a.output ?? a.command}`),
  ];
  return { plan: planId, complete: problems.length === 0, todos: checks.todos, open: checks.open, deliverables, acceptance, criteria: checks.criteria, problems };
}
