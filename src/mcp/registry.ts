// Every MCP tool of Concord, in one list: the server serves it and docs/mcp.md documents it (a test
// compares the two). A session serves the full set (default), the core one (`--tools core`), or every
// operation of the manifest (`--tools all`: the full set and a tool made from each other operation).
import { dependencyCheckTools } from './tools/dependency-checks.js';
import { dependencyTools } from './tools/dependencies.js';
import { graphTools } from './tools/graph.js';
import { issueTools } from './tools/issues.js';
import { memoryTools } from './tools/memory.js';
import { planTools } from './tools/plans.js';
import { catalogOperations } from '../ops/catalog.js';
import { OPERATIONS } from '../ops/index.js';
import { runOperations } from '../ops/runs.js';
import { operationTools, toolsOf as toolsOfOperations } from './operation-tool.js';
import { statusTools } from './tools/status.js';
import { todoTools } from './tools/todos.js';
import { workTools } from './tools/work.js';
import type { ToolDef } from './tool.js';
import { CORE_TOOLS, type ToolSet } from './tool-sets.js';

// Made from operations: the run family, the repos of the catalog, and coord_delete (todo.delete, issue.delete,
// plan.delete, dependency.delete). Roles are set once, by people (`concord role add`); their tools are in the
// tool set all, which keeps the default list within its budget with coord_delete in it. So is sweep.show.
const BEYOND_BUDGET = new Set(['sweep.show']);
const repoWrites = catalogOperations.filter((op) => op.id.startsWith('repo.'));
const deletes = OPERATIONS.filter((op) => op.mcp?.tool === 'coord_delete');
const WRITTEN: readonly ToolDef[] = [...issueTools, ...todoTools, ...workTools, ...toolsOfOperations(runOperations.filter((op) => !BEYOND_BUDGET.has(op.id))), ...planTools, ...dependencyTools, ...dependencyCheckTools, ...graphTools, ...statusTools, ...toolsOfOperations(repoWrites), ...toolsOfOperations(deletes), ...memoryTools];

/** The default set (within the token budget of tools/list, test/mcp/listing.test.ts). */
export const TOOLS: readonly ToolDef[] = WRITTEN;

/** Every other operation of the manifest as a tool made from it (`--tools all`: coord_trigger_job, coord_lint...). */
let made: readonly ToolDef[] | undefined;

export function toolsOf(set: ToolSet): readonly ToolDef[] {
  if (set === 'all') return [...WRITTEN, ...(made ??= operationTools(new Set(WRITTEN.map((t) => t.name))))];
  return set === 'full' ? TOOLS : TOOLS.filter((t) => CORE_TOOLS.includes(t.name));
}
