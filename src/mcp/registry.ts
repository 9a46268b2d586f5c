// Every MCP tool of Concord, in one list: the server serves it and docs/mcp.md documents it (a test
// compares the two).
import { dependencyCheckTools } from './tools/dependency-checks.js';
import { dependencyTools } from './tools/dependencies.js';
import { graphTools } from './tools/graph.js';
import { issueTools } from './tools/issues.js';
import { memoryTools } from './tools/memory.js';
import { planTools } from './tools/plans.js';
import { statusTools } from './tools/status.js';
import { todoTools } from './tools/todos.js';
import { workTools } from './tools/work.js';
import type { ToolDef } from './tool.js';

export const TOOLS: readonly ToolDef[] = [...issueTools, ...todoTools, ...workTools, ...planTools, ...dependencyTools, ...dependencyCheckTools, ...graphTools, ...statusTools, ...memoryTools];
