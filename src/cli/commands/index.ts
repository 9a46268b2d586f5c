// Every command group, in help order. To add a group: create commands/<group>.ts (or a folder) exporting a register function.
import type { Command } from 'commander';
import type { CliContext } from '../context.js';
import { registerBlocked } from './blocked.js';
import { registerCheckpoint } from './checkpoint.js';
import { registerCompletion } from './completion.js';
import { registerCriticalPath } from './critical-path.js';
import { registerDep } from './dep/index.js';
import { registerDepCheck } from './dep-check.js';
import { registerExecution } from './execution.js';
import { registerHelp } from './help.js';
import { registerHistory } from './history.js';
import { registerHooks } from './hooks.js';
import { registerInit } from './init.js';
import { registerIssue } from './issue/index.js';
import { registerLint } from './lint.js';
import { registerMcp } from './mcp.js';
import { registerMilestone } from './milestone/index.js';
import { registerPlan } from './plan/index.js';
import { registerReady } from './ready.js';
import { registerRepo } from './repo/index.js';
import { registerRoadmap } from './roadmap.js';
import { registerSchema } from './schema.js';
import { registerSearch } from './search.js';
import { registerStatus } from './status.js';
import { registerTodoClaims } from './todo-claims.js';
import { registerTodo } from './todo/index.js';
import { registerTrends } from './trends.js';
import { registerWaves } from './waves.js';
import { registerWorkload } from './workload.js';

export type RegisterCommands = (program: Command, ctx: CliContext) => void;

export const COMMAND_GROUPS: readonly RegisterCommands[] = [
  registerTodo,
  registerTodoClaims,
  registerIssue,
  registerPlan,
  registerMilestone,
  registerDep,
  registerRepo,
  registerDepCheck,
  registerStatus,
  registerReady,
  registerBlocked,
  registerCriticalPath,
  registerWaves,
  registerRoadmap,
  registerWorkload,
  registerInit,
  registerLint,
  registerSchema,
  registerCompletion,
  registerExecution,
  registerMcp,
  registerHelp,
  registerHistory,
  registerSearch,
  registerTrends,
  registerCheckpoint,
  registerHooks,
];
