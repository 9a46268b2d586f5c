// The trends use-case: throughput, cycle and lead time, burndowns and forecasts, from the history.
import { notFound } from '../core/mutations/references.js';
import { computeTrends } from '../core/trends/compute.js';
import { type Trends, TrendsInputSchema } from '../core/trends/schemas.js';
import { parseInput } from './input.js';
import { resolveRepo } from './queries.js';
import { loadSnapshot } from './snapshot.js';
import type { Workspace } from './workspace.js';

export async function getTrends(ws: Workspace, input: unknown = {}): Promise<Trends> {
  const q = parseInput(TrendsInputSchema, input, 'trends query');
  const { graph, snapshot } = await loadSnapshot(ws);
  if (q.plan && !graph.plans.has(q.plan)) throw notFound('PLAN_NOT_FOUND', 'plan', q.plan, graph.plans.keys());
  const repo = q.repo ? resolveRepo(graph, q.repo).name : undefined;
  return computeTrends({
    rows: snapshot.todos,
    plans: snapshot.plans,
    events: ws.events.lifecycle('todo'),
    now: Date.parse(ws.now()),
    weeks: q.weeks,
    sampleWeeks: q.sample_weeks,
    plan: q.plan,
    repo,
  });
}
