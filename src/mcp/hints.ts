// Hints for MCP callers: operations as the tools that do them, arguments as the tools' arguments.
import type { HintStyle, Operation } from '../core/hints.js';

/** What an agent calls for each operation; a few are shell commands only (no tool does them). */
const TOOLS: Record<Operation, string> = {
  'todo.list': 'coord_list_todos',
  'todo.ready': 'coord_ready_todos',
  'todo.claim': 'coord_claim_todo',
  'issue.list': 'coord_list_issues',
  'plan.list': 'coord_list_plans',
  'milestone.list': 'coord_get_plan',
  'dependency.list': 'coord_list_dependencies',
  'repo.list': 'coord_get_ecosystem_status',
  'checkpoint.save': 'coord_save_checkpoint',
  'checkpoint.list': 'coord_list_checkpoints',
  'run.list': 'coord_list_runs',
  'run.resume': 'the shell command `concord run resume`',
  worker: 'the shell command `concord worker`',
  lint: 'the shell command `concord lint`',
  // The scheduler's tools are in the tool set all (`concord mcp --tools all`, /mcp?tools=all).
  'job.list': 'coord_list_jobs',
  'job.show': 'coord_get_job',
  'job.reset': 'coord_reset_job',
  'activity.list': 'coord_list_activities',
  'activity.show': 'coord_get_activity',
  'activity.enable': 'coord_enable_activity',
  'activity.reset': 'coord_reset_activity',
};

export const MCP_HINTS: HintStyle = {
  op: ({ op, args }) => (args ? `${TOOLS[op]} with ${JSON.stringify(args)}` : TOOLS[op]),
  arg: ({ arg, value }) => (value === undefined ? arg : `${arg}: ${JSON.stringify(value)}`),
};
