// Hints for MCP callers: operations as the tools that do them, arguments as the tools' arguments.
import type { HintStyle, Operation } from '../core/hints.js';
import { routeText, shellCommand } from '../ops/route-text.js';

/** An operation no tool does: people steer it (run retry, resume), over HTTP as here, or from a shell. */
const ROUTE = { route: true } as const;

/**
 * What an agent calls for each operation. A tool outside the default set says where it is (test/mcp/hints.test.ts
 * checks every name against the sets); a command that starts a process on a machine is the shell command.
 */
const TOOLS: Record<Operation, string | typeof ROUTE> = {
  'todo.list': 'coord_list_todos',
  'todo.ready': 'coord_ready_todos',
  'todo.claim': 'coord_claim_todo',
  'todo.update': 'coord_update_todo',
  'issue.list': 'coord_list_issues',
  'issue.update': 'coord_update_issue',
  'issue.close': 'coord_close_issue',
  'plan.list': 'coord_list_plans',
  'milestone.list': 'coord_get_plan',
  'dependency.list': 'coord_list_dependencies',
  'repo.list': 'coord_get_ecosystem_status',
  'repo.add': 'coord_add_repo',
  'repo.update': 'coord_update_repo',
  'role.add': 'coord_add_role (tool set all)',
  'role.update': 'coord_update_role (tool set all)',
  'checkpoint.save': 'coord_save_checkpoint',
  'checkpoint.list': 'coord_list_checkpoints',
  'run.list': 'coord_list_runs',
  'run.retry': ROUTE,
  'run.resume': ROUTE,
  'plan.sweep': 'coord_sweep_plan',
  'sweep.show': 'coord_get_sweep (tool set all)',
  'plan.validate': 'coord_validate_plan',
  'hook.deliveries': 'coord_list_deliveries (tool set all)',
  'workflow.validate': 'coord_validate_workflow (tool set all)',
  'workflow.show': 'coord_get_workflow (tool set all)',
  worker: shellCommand('worker'),
  lint: 'coord_lint (tool set all)',
  'job.list': 'coord_list_jobs (tool set all)',
  'job.show': 'coord_get_job (tool set all)',
  'job.reset': 'coord_reset_job (tool set all)',
  'activity.list': 'coord_list_activities (tool set all)',
  'activity.show': 'coord_get_activity (tool set all)',
  'activity.enable': 'coord_enable_activity (tool set all)',
  'activity.reset': 'coord_reset_activity (tool set all)',
};

/** The tool names of the hints, for the test that checks them against the tool sets. */
export const HINT_TOOLS: Readonly<Record<string, string | undefined>> = Object.fromEntries(Object.entries(TOOLS).map(([op, t]) => [op, typeof t === 'string' ? t : undefined]));

export const MCP_HINTS: HintStyle = {
  op: ({ op, args }) => {
    const tool = TOOLS[op];
    if (typeof tool !== 'string') return `${routeText(op, args)} (over HTTP: no tool does it)`;
    return args ? `${tool} with ${JSON.stringify(args)}` : tool;
  },
  arg: ({ arg, value }) => (value === undefined ? arg : `${arg}: ${JSON.stringify(value)}`),
};
