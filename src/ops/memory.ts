// Operations on the memory of the ecosystem: history, search, trends, and checkpoints of work on a todo.
import { CheckpointListSchema, CheckpointSchema, ListCheckpointsInputSchema, RestoreCheckpointInputSchema, SaveCheckpointInputSchema, SavedCheckpointSchema } from '../core/checkpoint-schemas.js';
import { HistoryInputSchema, HistorySchema } from '../core/history-schemas.js';
import { SearchInputSchema, SearchSchema } from '../core/search-schemas.js';
import { TrendsInputSchema, TrendsSchema } from '../core/trends/schemas.js';
import { defineOperation } from './operation.js';

const checkpoints = () => import('../app/checkpoints.js');

export const memoryOperations = [
  defineOperation({
    id: 'history',
    summary: 'show the history of changes (of one item with ID), newest first; hand edits included',
    input: HistoryInputSchema,
    output: HistorySchema,
    effect: 'read',
    label: 'history query',
    run: async (ws, input) => (await import('../app/history.js')).getHistory(ws, input),
    http: 'GET /api/history',
    cli: { command: 'history' },
    mcp: { tool: 'coord_get_history' },
  }),
  defineOperation({
    id: 'search',
    summary: 'search issues, plans, milestones, todos, notes and history; best matches first',
    input: SearchInputSchema,
    output: SearchSchema,
    effect: 'read',
    label: 'search',
    run: async (ws, input) => (await import('../app/search.js')).search(ws, input),
    http: 'GET /api/search',
    cli: { command: 'search' },
    mcp: { tool: 'coord_search' },
  }),
  defineOperation({
    id: 'trends',
    summary: 'throughput per week, cycle and lead time; burndown and forecast per plan and milestone',
    input: TrendsInputSchema,
    output: TrendsSchema,
    effect: 'read',
    label: 'trends query',
    run: async (ws, input) => (await import('../app/trends.js')).getTrends(ws, input),
    http: 'GET /api/trends',
    cli: { command: 'trends' },
    mcp: { tool: 'coord_get_trends' },
  }),
  defineOperation({
    id: 'checkpoint.save',
    summary: 'save a checkpoint: phase, progress and any JSON state',
    input: SaveCheckpointInputSchema,
    output: SavedCheckpointSchema,
    effect: 'create',
    label: 'checkpoint',
    run: async (ws, input) => (await checkpoints()).saveCheckpoint(ws, input),
    http: 'POST /api/checkpoints',
    cli: { command: 'checkpoint save' },
    mcp: { tool: 'coord_save_checkpoint' },
  }),
  defineOperation({
    id: 'checkpoint.restore',
    summary: 'show the latest checkpoint of a todo (or the one with --id), with its state',
    input: RestoreCheckpointInputSchema,
    output: CheckpointSchema,
    effect: 'read',
    label: 'checkpoint to restore',
    run: async (ws, input) => (await checkpoints()).restoreCheckpoint(ws, input),
    http: 'GET /api/checkpoints/restore',
    cli: { command: 'checkpoint restore' },
    mcp: { tool: 'coord_restore_checkpoint' },
  }),
  defineOperation({
    id: 'checkpoint.list',
    summary: 'checkpoints, newest first',
    input: ListCheckpointsInputSchema,
    output: CheckpointListSchema,
    effect: 'read',
    label: 'checkpoint list',
    run: async (ws, input) => (await checkpoints()).listCheckpoints(ws, input),
    http: 'GET /api/checkpoints',
    cli: { command: 'checkpoint list' },
    mcp: { tool: 'coord_list_checkpoints' },
  }),
];
