// Every operation of Concord, in one list: the MCP tools, the HTTP API and its OpenAPI document are made from
// it (and the CLI, family by family); test/ops/surfaces.test.ts fails when one is missing on a surface.
import { catalogOperations } from './catalog.js';
import { dependencyOperations } from './dependencies.js';
import { githostOperations } from './githost.js';
import { hookOperations } from './hooks.js';
import { issueOperations } from './issues.js';
import { memoryOperations } from './memory.js';
import type { Operation } from './operation.js';
import { planOperations } from './plans.js';
import { repoOperations } from './repos.js';
import { runOperations } from './runs.js';
import { scheduleOperations } from './schedule.js';
import { todoOperations } from './todos.js';
import { workflowOperations } from './workflows.js';

export const OPERATIONS: readonly Operation[] = [
  ...todoOperations,
  ...issueOperations,
  ...planOperations,
  ...dependencyOperations,
  ...repoOperations,
  ...catalogOperations,
  ...memoryOperations,
  ...hookOperations,
  ...scheduleOperations,
  ...runOperations,
  ...workflowOperations,
  ...githostOperations,
];

const BY_ID = new Map(OPERATIONS.map((op) => [op.id, op]));

export function operation(id: string): Operation {
  const op = BY_ID.get(id);
  if (!op) throw new Error(`no operation ${id}`);
  return op;
}
