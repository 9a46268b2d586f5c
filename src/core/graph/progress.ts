// Plan and milestone progress rolled up from their member todos and issues; the roadmap.
import type { IssueRow, Milestone, Plan, TodoRow } from '../model.js';
import { type Graph, isPlanFinished } from './graph.js';

/** The members of one kind (todos or issues): how many count, how many are done, by status. */
export interface MemberCounts {
  total: number;
  done: number;
  by_status: Record<string, number>;
}

export interface Progress {
  /** Members that count, todos and issues together (cancelled todos do not count). */
  total: number;
  done: number;
  /** 0..100, by count; 0 when there are no members. */
  percent: number;
  hours_total: number;
  hours_done: number;
  by_status: Record<string, number>;
  /** The same counts for the todos alone and for the issues alone, so that neither is mistaken for the other. */
  todos: MemberCounts;
  issues: MemberCounts;
}

export interface MilestoneProgress {
  id: string;
  name: string;
  plan: string;
  status: Milestone['status'];
  due?: string;
  overdue: boolean;
  todos: string[];
  issues: string[];
  progress: Progress;
}

export interface PlanProgress {
  id: string;
  title: string;
  status: Plan['status'];
  target?: string;
  overdue: boolean;
  repos: string[];
  todos: string[];
  issues: string[];
  progress: Progress;
  milestones: MilestoneProgress[];
  /** Prerequisite plans (depends_on) that are not finished. */
  waiting_on: string[];
}

function rollUp(todos: TodoRow[], issues: IssueRow[]): Progress {
  const by_status: Record<string, number> = {};
  const t_ = { total: 0, done: 0, by_status: {} as Record<string, number> };
  const i_ = { total: 0, done: 0, by_status: {} as Record<string, number> };
  let hoursTotal = 0;
  let hoursDone = 0;
  for (const t of todos) {
    by_status[t.status] = (by_status[t.status] ?? 0) + 1;
    t_.by_status[t.status] = (t_.by_status[t.status] ?? 0) + 1;
    if (t.status === 'cancelled') continue;
    t_.total++;
    const h = t.estimated_hours ?? 0;
    hoursTotal += h;
    if (t.status === 'completed') {
      t_.done++;
      hoursDone += h;
    }
  }
  for (const i of issues) {
    by_status[i.status] = (by_status[i.status] ?? 0) + 1;
    i_.by_status[i.status] = (i_.by_status[i.status] ?? 0) + 1;
    i_.total++;
    if (i.status === 'resolved' || i.status === 'closed') i_.done++;
  }
  const total = t_.total + i_.total;
  const done = t_.done + i_.done;
  return {
    total,
    done,
    percent: total === 0 ? 0 : Math.round((done / total) * 1000) / 10,
    hours_total: round(hoursTotal),
    hours_done: round(hoursDone),
    by_status,
    todos: t_,
    issues: i_,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

function isOverdue(due: string | undefined, today: string, finished: boolean): boolean {
  return !finished && due !== undefined && due.slice(0, 10) < today;
}

/** Members of every plan and milestone, collected in one pass over todos and issues. */
function collectMembers(g: Graph) {
  const planTodos = new Map<string, TodoRow[]>();
  const planIssues = new Map<string, IssueRow[]>();
  const msTodos = new Map<string, TodoRow[]>();
  const msIssues = new Map<string, IssueRow[]>();
  const push = <T>(m: Map<string, T[]>, k: string, v: T) => {
    const list = m.get(k);
    if (list) list.push(v);
    else m.set(k, [v]);
  };
  for (const t of g.todos.values()) {
    const viaMilestone = t.milestone ? g.milestones.get(t.milestone)?.plan.id : undefined;
    const plan = t.plan ?? viaMilestone;
    if (plan) push(planTodos, plan, t);
    if (t.milestone) push(msTodos, t.milestone, t);
  }
  const planOfIssue = new Map<string, Set<string>>();
  for (const p of g.plans.values()) for (const id of p.issues) planOfIssue.set(id, new Set([...(planOfIssue.get(id) ?? []), p.id]));
  for (const i of g.issues.values()) {
    const plans = new Set(planOfIssue.get(i.id) ?? []);
    if (i.plan) plans.add(i.plan);
    if (i.milestone) {
      const p = g.milestones.get(i.milestone)?.plan.id;
      if (p) plans.add(p);
      push(msIssues, i.milestone, i);
    }
    for (const p of plans) push(planIssues, p, i);
  }
  return { planTodos, planIssues, msTodos, msIssues };
}

/** Progress of every plan (or one), each with its milestones. `today` is `YYYY-MM-DD`. */
export function computePlanProgress(g: Graph, today: string, only?: string): PlanProgress[] {
  const m = collectMembers(g);
  const out: PlanProgress[] = [];
  for (const plan of g.plans.values()) {
    if (only && plan.id !== only) continue;
    const todos = m.planTodos.get(plan.id) ?? [];
    const issues = m.planIssues.get(plan.id) ?? [];
    const finished = plan.status === 'completed' || plan.status === 'cancelled';
    out.push({
      id: plan.id,
      title: plan.title,
      status: plan.status,
      ...(plan.target ? { target: plan.target } : {}),
      overdue: isOverdue(plan.target, today, finished),
      repos: plan.repos,
      todos: todos.map((t) => t.id),
      issues: issues.map((i) => i.id),
      progress: rollUp(todos, issues),
      milestones: plan.milestones.map((ms) => {
        const mt = m.msTodos.get(ms.id) ?? [];
        const mi = m.msIssues.get(ms.id) ?? [];
        const msFinished = ms.status === 'completed' || ms.status === 'cancelled';
        return {
          id: ms.id,
          name: ms.name,
          plan: plan.id,
          status: ms.status,
          ...(ms.due ? { due: ms.due } : {}),
          overdue: isOverdue(ms.due, today, msFinished),
          todos: mt.map((t) => t.id),
          issues: mi.map((i) => i.id),
          progress: rollUp(mt, mi),
        };
      }),
      waiting_on: plan.depends_on.filter((p) => !isPlanFinished(g, p)),
    });
  }
  return out;
}

const ROADMAP_ORDER: Record<Plan['status'], number> = { active: 0, on_hold: 1, draft: 2, completed: 3, cancelled: 4 };

/** Plans for the roadmap: active first, then by target date. Finished plans only when asked. */
export function computeRoadmap(g: Graph, today: string, options: { all?: boolean } = {}): PlanProgress[] {
  return computePlanProgress(g, today)
    .filter((p) => options.all || (p.status !== 'completed' && p.status !== 'cancelled'))
    .sort(
      (a, b) =>
        ROADMAP_ORDER[a.status] - ROADMAP_ORDER[b.status] ||
        (a.target ?? '9999').localeCompare(b.target ?? '9999') ||
        a.id.localeCompare(b.id),
    );
}
