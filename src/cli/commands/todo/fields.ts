// The options for every todo field, shared by `todo create` and `todo update`, and their input names.
import { type Command, Option } from 'commander';
import { PRIORITIES, TODO_STATUSES } from '../../../core/enums.js';
import { enumOption, hours, list, repeat } from '../../args.js';
import { addClearOptions, addListEditOptions, addMetadataAndInputOptions, LIST_EDIT_FIELDS } from '../field-options.js';

/** Option attribute -> field of CreateTodoInput / UpdateTodoInput. */
export const TODO_FIELDS: Record<string, string> = {
  task: 'task',
  repo: 'repo',
  description: 'description',
  status: 'status',
  priority: 'priority',
  estimate: 'estimated_hours',
  actual: 'actual_hours',
  blockedBy: 'blocked_by',
  blocking: 'blocking',
  assignee: 'assignee',
  label: 'labels',
  acceptance: 'acceptance_criteria',
  acceptanceCommand: 'acceptance_commands',
  plan: 'plan',
  milestone: 'milestone',
  issue: 'issue',
  note: 'note',
  metadata: 'metadata',
  force: 'force',
  ...LIST_EDIT_FIELDS,
  claimToken: 'claim_token',
};

/** Adds the field options; `update` also gets `--no-<field>` to clear optional fields and `--force`. */
export function addTodoFieldOptions(cmd: Command, mode: 'create' | 'update'): Command {
  const lists = mode === 'update' ? ' (replaces the list)' : '';
  cmd
    .option('-t, --task <text>', 'what to do, in one line')
    .option('-r, --repo <repo>', 'repo the work happens in (name or nickname)')
    .option('-d, --description <text>', 'longer description')
    .addOption(enumOption('-s, --status <status>', 'status', TODO_STATUSES, 'todoStatus'))
    .addOption(enumOption('-p, --priority <priority>', 'priority (P0-P3 also work)', PRIORITIES, 'priority'))
    .addOption(new Option('-e, --estimate <duration>', 'estimated effort: hours (4) or a duration (90m, 3d, 1w)').argParser(hours));
  if (mode === 'update') cmd.addOption(new Option('--actual <duration>', 'hours actually spent').argParser(hours));
  cmd
    .option('-b, --blocked-by <ids>', `todos or issues that must be resolved first${lists}`, list)
    .option('--blocking <ids>', `todos or issues that wait on this one${lists}`, list)
    .option('-a, --assignee <name>', 'person or agent doing it')
    .option('-l, --label <labels>', `labels, comma-separated or repeated${lists}`, list)
    .option('--acceptance <criterion>', `an acceptance criterion; repeat for several${lists}`, repeat)
    .option('--acceptance-command <command>', `a command that must pass before a run counts as done (no shell); repeat for several${lists}`, repeat)
    .option('--plan <plan>', 'plan it belongs to')
    .option('--milestone <milestone>', 'milestone it counts towards')
    .option('--issue <issue>', 'issue it works on')
    .option('--note <text>', mode === 'create' ? 'a first note (context for whoever picks it up)' : 'append a note with this change');
  addMetadataAndInputOptions(cmd, mode);
  if (mode === 'update') {
    addListEditOptions(cmd);
    addClearOptions(cmd, ['description', 'estimate', 'actual', 'assignee', 'plan', 'milestone', 'issue', 'metadata']);
    cmd.option('--force', 'start or complete even though blockers are unresolved');
    cmd.option('--claim-token <token>', 'your claim token (needed while the todo is claimed)');
  }
  return cmd;
}
