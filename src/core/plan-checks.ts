// What `validate --plan` checks, pure: each milestone's criteria and deliverables, the plan's todos (open
// ones under closed items are problems), and the acceptance commands of its completed todos.
import { isResolved, type Graph } from './graph/graph.js';

export interface DeliverableCheck {
  milestone: string;
  deliverable: string;
  /** A path to look for (`repo:path`, or a path looked for in the plan's repos); undefined: judged by a person. */
  path?: string;
  repo?: string;
}

export interface PlanChecks {
  criteria: { milestone: string; criterion: string }[];
  deliverables: DeliverableCheck[];
  open: { todo: string; status: string; milestone?: string; problem?: string }[];
  /** Completed todos' acceptance commands, to run in their repo. */
  acceptance: { todo: string; repo: string; command: string }[];
  todos: { total: number; done: number };
}

/** A deliverable names a file when it is one word with a slash or a dot (`docs/api.md`, `api:openapi.yaml`). */
export function deliverablePath(text: string, repos: ReadonlySet<string>): { repo?: string; path: string } | undefined {
  const t = text.trim();
  if (!t || /\s/.test(t) || !/[/.]/.test(t)) return undefined;
  const colon = t.indexOf(':');
  if (colon > 0 && repos.has(t.slice(0, colon))) return { repo: t.slice(0, colon), path: t.slice(colon + 1) };
  return { path: t };
}

export function planChecks(g: Graph, planId: string, acceptanceOf: (todo: string) => readonly string[]): PlanChecks {
  const plan = g.plans.get(planId)!;
  const repos = new Set(g.repos.keys());
  const closed = new Set(['completed', 'cancelled']);
  const out: PlanChecks = { criteria: [], deliverables: [], open: [], acceptance: [], todos: { total: 0, done: 0 } };
  for (const m of plan.milestones) {
    for (const c of m.completion_criteria) out.criteria.push({ milestone: m.id, criterion: c });
    for (const d of m.deliverables) {
      const p = deliverablePath(d, repos);
      out.deliverables.push({ milestone: m.id, deliverable: d, ...(p ? { path: p.path, ...(p.repo ? { repo: p.repo } : {}) } : {}) });
    }
  }
  const milestoneStatus = new Map(plan.milestones.map((m) => [m.id, m.status]));
  for (const t of g.todos.values()) {
    if (t.plan !== planId) continue;
    out.todos.total++;
    if (isResolved(g, t.id)) {
      out.todos.done++;
      if (t.status === 'completed' && t.repo) for (const command of acceptanceOf(t.id)) out.acceptance.push({ todo: t.id, repo: t.repo, command });
      continue;
    }
    const ms = t.milestone ? milestoneStatus.get(t.milestone) : undefined;
    const problem = closed.has(plan.status) ? `open although plan ${planId} is ${plan.status}` : ms && closed.has(ms) ? `open although milestone ${t.milestone} is ${ms}` : undefined;
    out.open.push({ todo: t.id, status: t.status, ...(t.milestone ? { milestone: t.milestone } : {}), ...(problem ? { problem } : {}) });
  }
  return out;
}
