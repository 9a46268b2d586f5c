// The tool sets a session can serve (`concord mcp --tools core`): names only, cheap to import for help.
export const TOOL_SETS = ['full', 'core', 'all'] as const;
export type ToolSet = (typeof TOOL_SETS)[number];

/** The tools an agent doing a todo needs (find, claim, read, record, finish), for clients that pay for every listed tool. */
export const CORE_TOOLS: readonly string[] = [
  'coord_ready_todos',
  'coord_claim_todo',
  'coord_heartbeat',
  'coord_release_todo',
  'coord_get_todo',
  'coord_list_todos',
  'coord_create_todo',
  'coord_update_todo',
  'coord_complete_todo',
  'coord_add_note',
  'coord_save_checkpoint',
  'coord_restore_checkpoint',
  'coord_search',
];
