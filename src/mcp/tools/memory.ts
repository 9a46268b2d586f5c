// Memory tools: search, history and trends of the ecosystem, and checkpoints of work on a todo (seed 000).
import { z } from 'zod';
import { listCheckpoints, restoreCheckpoint, saveCheckpoint } from '../../app/checkpoints.js';
import { getHistory } from '../../app/history.js';
import { search } from '../../app/search.js';
import { getTrends } from '../../app/trends.js';
import { CheckpointListSchema, CheckpointSchema, ListCheckpointsInputSchema, RestoreCheckpointInputSchema, SaveCheckpointInputSchema, SavedCheckpointSchema } from '../../core/checkpoint-schemas.js';
import { HistoryInputSchema, HistorySchema } from '../../core/history-schemas.js';
import { SearchInputSchema, SearchSchema } from '../../core/search-schemas.js';
import { ForecastSchema, TrendsInputSchema, TrendsSchema } from '../../core/trends/schemas.js';
import { SHOWN } from '../compact.js';
import { CREATE, defineTool, READ } from '../tool.js';

/** A plan or milestone in a trends answer: the burndown as the remaining count per week, to save tokens. */
const ScopeCompactSchema = z.object({
  id: z.string(),
  title: z.string(),
  status: z.string(),
  total: z.number().int(),
  done: z.number().int(),
  remaining: z.number().int(),
  remaining_hours: z.number(),
  burndown: z.array(z.number().int()).describe('Remaining todos at the end of each week, oldest first'),
  forecast: ForecastSchema,
});
const TrendsCompactSchema = TrendsSchema.omit({ plans: true }).extend({
  plans: z.array(ScopeCompactSchema.extend({ milestones: z.array(ScopeCompactSchema) })),
  plans_total: z.number().int(),
});

type Scope = { burndown: { remaining: number }[] } & Record<string, unknown>;
const compactScope = <S extends Scope>({ burndown, ...rest }: S) => ({ ...rest, burndown: burndown.map((p) => p.remaining) });

export const memoryTools = [
  defineTool({
    name: 'coord_search',
    title: 'Search',
    description: 'Ranked full-text search (stemmed) over issues, plans, milestones, todos, notes and the history of changes, with highlighted snippets. Use it to find earlier decisions and context.',
    input: SearchInputSchema,
    output: SearchSchema,
    annotations: READ,
    run: async ({ ws }, args) => search(ws, args),
  }),
  defineTool({
    name: 'coord_get_history',
    title: 'History of changes',
    description: 'What changed, who changed it, through which surface (cli, mcp, file for hand edits…), newest first; for one item with id, or filtered by repo, type (globs: todo:*), since (7d, 2026-01-31), actor. Page with before.',
    input: HistoryInputSchema.extend({ limit: z.number().int().min(1).max(200).default(20) }),
    output: HistorySchema,
    annotations: READ,
    run: async ({ ws }, args) => getHistory(ws, args),
  }),
  defineTool({
    name: 'coord_get_trends',
    title: 'Trends and forecasts',
    description: 'Throughput per week, cycle and lead time, and per open plan and milestone a burndown and a forecast of the completion date (80% range, chance to make the due date).',
    input: TrendsInputSchema,
    output: TrendsCompactSchema,
    annotations: READ,
    run: async ({ ws }, args) => {
      const t = await getTrends(ws, args);
      return {
        ...t,
        plans: t.plans.slice(0, SHOWN).map((p) => ({ ...compactScope(p), milestones: p.milestones.map(compactScope) })),
        plans_total: t.plans.length,
      };
    },
  }),
  defineTool({
    name: 'coord_save_checkpoint',
    title: 'Save a checkpoint',
    description: 'Save where your work on a todo stands (phase, progress 0..1, any JSON state, a note), so the next session can restore it. Older checkpoints beyond the retention limit are dropped.',
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
