// Every MCP tool of Concord, in one list: the server serves it and docs/mcp.md documents it (a test
// compares the two). A session serves the full set or the core one (`--tools core`).
import { dependencyCheckTools } from './tools/dependency-checks.js';
import { dependencyTools } from './tools/dependencies.js';
import { graphTools } from './tools/graph.js';
import { issueTools } from './tools/issues.js';
import { memoryTools } from './tools/memory.js';
import { planTools } from './tools/plans.js';
import { runOperations } from '../ops/runs.js';
import { toolsOf as toolsOfOperations } from './operation-tool.js';
import { runTools } from './tools/runs.js';
import { statusTools } from './tools/status.js';
import { todoTools } from './tools/todos.js';
import { workTools } from './tools/work.js';
import type { ToolDef } from './tool.js';
import { CORE_TOOLS, type ToolSet } from './tool-sets.js';

export const TOOLS: readonly ToolDef[] = [...issueTools, ...todoTools, ...workTools, ...toolsOfOperations(runOperations), ...runTools, ...planTools, ...dependencyTools, ...dependencyCheckTools, ...graphTools, ...statusTools, ...memoryTools];

export function toolsOf(set: ToolSet): readonly ToolDef[] {
  return set === 'full' ? TOOLS : TOOLS.filter((t) => CORE_TOOLS.includes(t.name));
}
