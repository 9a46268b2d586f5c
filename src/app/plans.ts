// Plan and milestone use-cases.
import { CreatePlanInputSchema, MilestoneInputSchema, UpdateMilestoneInputSchema, UpdatePlanInputSchema } from '../core/inputs.js';
import type { Milestone, Plan } from '../core/model.js';
import { planAddMilestone, planCreatePlan, planDeletePlan, planUpdateMilestone, planUpdatePlan } from '../core/mutations/plan.js';
import { parseInput } from './input.js';
import { canonicalRepos } from './repo-names.js';
import { mutate, type WriteResult } from './write.js';
import type { Workspace } from './workspace.js';

export interface PlanWrite extends WriteResult {
  plan: Plan;
}
export interface MilestoneWrite extends WriteResult {
  milestone: Milestone;
}

const asPlan = (r: WriteResult): PlanWrite => ({ ...r, plan: r.record as Plan });
const asMilestone = (r: WriteResult): MilestoneWrite => ({ ...r, milestone: r.record as Milestone });

export async function createPlan(ws: Workspace, input: unknown): Promise<PlanWrite> {
  const parsed = parseInput(CreatePlanInputSchema, input, 'plan');
  return asPlan(await mutate(ws, (ctx) => planCreatePlan(ctx, canonicalRepos(ctx.graph, parsed, ['repos']))));
}

export async function updatePlan(ws: Workspace, id: string, input: unknown): Promise<PlanWrite> {
  const parsed = parseInput(UpdatePlanInputSchema, input, 'plan update');
  return asPlan(await mutate(ws, (ctx) => planUpdatePlan(ctx, id, canonicalRepos(ctx.graph, parsed, ['repos']))));
}

export async function deletePlan(ws: Workspace, id: string): Promise<WriteResult> {
  return mutate(ws, (ctx) => planDeletePlan(ctx, id));
}

export async function addMilestone(ws: Workspace, planId: string, input: unknown): Promise<MilestoneWrite> {
  const parsed = parseInput(MilestoneInputSchema, input, 'milestone');
  return asMilestone(await mutate(ws, (ctx) => planAddMilestone(ctx, planId, parsed)));
}

export async function updateMilestone(ws: Workspace, id: string, input: unknown): Promise<MilestoneWrite> {
  const parsed = parseInput(UpdateMilestoneInputSchema, input, 'milestone update');
  return asMilestone(await mutate(ws, (ctx) => planUpdateMilestone(ctx, id, parsed)));
}
