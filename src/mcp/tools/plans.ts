// Plan tools: list, get (with milestones and progress), create, update.
import { z } from 'zod';
import { createPlan, updatePlan } from '../../app/plans.js';
import { getPlan, listPlans } from '../../app/queries.js';
import { CreatePlanInputSchema, UpdatePlanInputSchema } from '../../core/inputs.js';
import { PlanListInputSchema } from '../../core/list-inputs.js';
import { PlanSchema } from '../../core/schema/plan.js';
import { SECTIONS } from '../../core/sections.js';
import { byCursor, compactPlan, pageOf, pageSchema, PlanCompactSchema, toPage } from '../compact.js';
import { CREATE, defineTool, READ, UPDATE } from '../tool.js';

const ProgressSchema = z.object({
  total: z.number(),
  done: z.number(),
  percent: z.number(),
  hours_total: z.number(),
  hours_done: z.number(),
  by_status: z.record(z.string(), z.number()),
});
const MEMBERS_SHOWN = 50;

export const planTools = [
  defineTool({
    name: 'coord_list_plans',
    title: 'List plans',
    description: 'List plans (roadmaps) with their progress in percent, filtered and paginated.',
    input: byCursor(PlanListInputSchema),
    output: pageSchema(PlanCompactSchema),
    annotations: READ,
    run: async ({ ws }, args) => toPage(await listPlans(ws, pageOf(args)), compactPlan),
  }),
  defineTool({
    name: 'coord_get_plan',
    title: 'Get a plan',
    description: 'One plan with its milestones, progress rolled up from member todos and issues, and what it waits on.',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({
      plan: PlanSchema,
      progress: ProgressSchema,
      overdue: z.boolean(),
      waiting_on: z.array(z.string()),
      milestones: z.array(z.object({ id: z.string(), name: z.string(), status: z.string(), due: z.string().optional(), overdue: z.boolean(), progress: ProgressSchema })),
      todos: z.array(z.string()),
      issues: z.array(z.string()),
      members_total: z.number().int(),
    }),
    annotations: READ,
    run: async ({ ws }, { id }) => {
      const { plan, progress: p } = await getPlan(ws, id);
      return {
        plan,
        progress: p.progress,
        overdue: p.overdue,
        waiting_on: p.waiting_on,
        milestones: p.milestones.map((m) => ({ id: m.id, name: m.name, status: m.status, ...(m.due ? { due: m.due } : {}), overdue: m.overdue, progress: m.progress })),
        todos: p.todos.slice(0, MEMBERS_SHOWN),
        issues: p.issues.slice(0, MEMBERS_SHOWN),
        members_total: p.todos.length + p.issues.length,
      };
    },
  }),
  defineTool({
    name: 'coord_create_plan',
    title: 'Create a plan',
    description: 'Create a cross-repo plan, optionally with milestones. Returns it with its new ids.',
    input: CreatePlanInputSchema,
    output: z.object({ plan: PlanSchema }),
    annotations: CREATE,
    aliases: SECTIONS.plans.keyAliases,
    run: async ({ ws }, args) => ({ plan: (await createPlan(ws, args)).plan }),
  }),
  defineTool({
    name: 'coord_update_plan',
    title: 'Update a plan',
    description: 'Change fields of a plan (null clears a field); status changes follow the transition table.',
    input: UpdatePlanInputSchema.extend({ id: z.string().min(1) }),
    output: z.object({ plan: PlanSchema }),
    annotations: UPDATE,
    aliases: SECTIONS.plans.keyAliases,
    run: async ({ ws }, { id, ...args }) => ({ plan: (await updatePlan(ws, id, args)).plan }),
  }),
];
