// Every MCP tool of Concord, in one list: the server serves it and docs/mcp.md documents it (a test
// compares the two). A session serves the full set (default), the core one (`--tools core`), or every
// operation of the manifest (`--tools all`: the full set and a tool made from each other operation).
import { catalogTools } from './tools/catalog.js';
import { dependencyCheckTools } from './tools/dependency-checks.js';
import { dependencyTools } from './tools/dependencies.js';
import { graphTools } from './tools/graph.js';
import { issueTools } from './tools/issues.js';
import { memoryTools } from './tools/memory.js';
import { planTools } from './tools/plans.js';
import { runOperations } from '../ops/runs.js';
import { operationTools, toolsOf as toolsOfOperations } from './operation-tool.js';
import { statusTools } from './tools/status.js';
import { todoTools } from './tools/todos.js';
import { workTools } from './tools/work.js';
import type { ToolDef } from './tool.js';
import { CORE_TOOLS, type ToolSet } from './tool-sets.js';

/** Run-family operations whose tool only `--tools all` lists (tools/list stays within its token budget). */
const BEYOND_BUDGET = new Set(['sweep.show']);

const WRITTEN: readonly ToolDef[] = [...issueTools, ...todoTools, ...workTools, ...toolsOfOperations(runOperations.filter((op) => !BEYOND_BUDGET.has(op.id))), ...planTools, ...dependencyTools, ...dependencyCheckTools, ...graphTools, ...statusTools, ...catalogTools, ...memoryTools];

/** The default set: the hand-written tools (within the token budget of tools/list, test/mcp/listing.test.ts). */
export const TOOLS: readonly ToolDef[] = WRITTEN;

/** Every other operation of the manifest as a tool made from it (`--tools all`: coord_trigger_job, coord_lint...). */
let made: readonly ToolDef[] | undefined;

export function toolsOf(set: ToolSet): readonly ToolDef[] {
  if (set === 'all') return [...WRITTEN, ...(made ??= operationTools(new Set(WRITTEN.map((t) => t.name))))];
  return set === 'full' ? TOOLS : TOOLS.filter((t) => CORE_TOOLS.includes(t.name));
}
