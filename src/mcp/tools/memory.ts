// Memory tools: search, history and trends of the ecosystem, and checkpoints of work on a todo (seed 000).
import { z } from 'zod';
import { listCheckpoints, restoreCheckpoint, saveCheckpoint } from '../../app/checkpoints.js';
import { getHistory } from '../../app/history.js';
import { search } from '../../app/search.js';
import { getTrends } from '../../app/trends.js';
import { CheckpointListSchema, CheckpointSchema, ListCheckpointsInputSchema, RestoreCheckpointInputSchema, SaveCheckpointInputSchema, SavedCheckpointSchema } from '../../core/checkpoint-schemas.js';
import { HistoryInputSchema, HistorySchema } from '../../core/history-schemas.js';
import { SearchInputSchema, SearchSchema } from '../../core/search-schemas.js';
import { ForecastSchema, ScopeTrendSchema, type Trends, TrendsInputSchema, TrendsSchema } from '../../core/trends/schemas.js';
import { CREATE, defineTool, READ } from '../tool.js';

const PLANS_SHOWN = 5;

/** A plan in a trends answer: the burndown as the remaining count per week, to save tokens. */
const TrendPlanSchema = ScopeTrendSchema.extend({
  burndown: z.array(z.number().int()).describe('Remaining todos at the end of each week, oldest first'),
  forecast: ForecastSchema.pick({ likely: true, range: true, due: true, chance_by_due: true, throughput_per_week: true, note: true }),
});
/** A milestone: its counts and the gist of its forecast. */
const TrendMilestoneSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  done: z.number().int(),
  remaining: z.number().int(),
  due: z.string().nullable(),
  likely: z.string().nullable().describe('Median forecast completion date'),
  chance_by_due: z.number().nullable(),
});
const TrendsCompactSchema = TrendsSchema.omit({ plans: true }).extend({
  plans: z.array(TrendPlanSchema.extend({ milestones: z.array(TrendMilestoneSchema) })),
  plans_total: z.number().int().describe(`Open plans; the ${PLANS_SHOWN} with the nearest target are shown (ask for one with plan)`),
});

type Scope = Trends['plans'][number];
const compactTrendPlan = (p: Scope) => ({
  id: p.id,
  title: p.title,
  status: p.status,
  total: p.total,
  done: p.done,
  remaining: p.remaining,
  remaining_hours: p.remaining_hours,
  burndown: p.burndown.map((b) => b.remaining),
  forecast: (({ likely, range, due, chance_by_due, throughput_per_week, note }) => ({ likely, range, due, chance_by_due, throughput_per_week, ...(note ? { note } : {}) }))(p.forecast),
  milestones: p.milestones.map((m) => ({ id: m.id, title: m.title, status: m.status, done: m.done, remaining: m.remaining, due: m.forecast.due, likely: m.forecast.likely, chance_by_due: m.forecast.chance_by_due })),
});

export const memoryTools = [
  defineTool({
    name: 'coord_search',
    title: 'Search',
    description: 'Ranked full-text search over issues, plans, todos, notes and the history: earlier decisions and context.',
    input: SearchInputSchema,
    output: SearchSchema,
    annotations: READ,
    run: async ({ ws }, args) => search(ws, args),
  }),
  defineTool({
    name: 'coord_get_history',
    title: 'History of changes',
    description: 'What changed, by whom, through which surface, newest first.',
    input: HistoryInputSchema.extend({ limit: z.number().int().min(1).max(200).default(15) }),
    output: HistorySchema,
    annotations: READ,
    run: async ({ ws }, args) => {
      const h = await getHistory(ws, args);
      // A created or deleted record is the whole record: its subject and coord_get_* say enough.
      return { ...h, events: h.events.map(({ data, ...e }) => (/:(created|deleted)$/.test(e.type) ? e : { ...e, data })) };
    },
  }),
  defineTool({
    name: 'coord_get_trends',
    title: 'Trends and forecasts',
    description: 'Weekly throughput, cycle and lead time; burndown and forecast per open plan.',
    input: TrendsInputSchema,
    output: TrendsCompactSchema,
    annotations: READ,
    run: async ({ ws }, args) => {
      const t = await getTrends(ws, args);
      return {
        ...t,
        plans: [...t.plans].sort((a, b) => (a.forecast.due ?? '9999').localeCompare(b.forecast.due ?? '9999')).slice(0, PLANS_SHOWN).map(compactTrendPlan),
        plans_total: t.plans.length,
      };
    },
  }),
  defineTool({
    name: 'coord_save_checkpoint',
    title: 'Save a checkpoint',
    description: 'Save where your work on a todo stands (phase, progress 0..1, any JSON state, a note), for the next session to restore.',
    input: SaveCheckpointInputSchema,
    output: SavedCheckpointSchema,
    annotations: CREATE,
    run: async ({ ws }, args) => saveCheckpoint(ws, args),
  }),
  defineTool({
    name: 'coord_restore_checkpoint',
    title: 'Restore a checkpoint',
    description: 'The latest checkpoint of a todo (or the one with id), with its state: where the previous session stopped.',
    input: RestoreCheckpointInputSchema,
    output: CheckpointSchema,
    annotations: READ,
    run: async ({ ws }, args) => restoreCheckpoint(ws, args),
  }),
  defineTool({
    name: 'coord_list_checkpoints',
    title: 'List checkpoints',
    description: 'Checkpoints, newest first, without their state; for one todo with todo.',
    input: ListCheckpointsInputSchema,
    output: CheckpointListSchema,
    annotations: READ,
    run: async ({ ws }, args) => listCheckpoints(ws, args),
  }),
];
