// The options for every todo field, shared by `todo create` and `todo update`, and their input names.
import { type Command, Option } from 'commander';
import { PRIORITIES, TODO_STATUSES } from '../../../core/enums.js';
import { count, enumOption, hours, jsonObject, list, repeat } from '../../args.js';

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
  plan: 'plan',
  milestone: 'milestone',
  issue: 'issue',
  note: 'note',
  metadata: 'metadata',
  force: 'force',
  addBlockedBy: 'add_blocked_by',
  removeBlockedBy: 'remove_blocked_by',
  addBlocking: 'add_blocking',
  removeBlocking: 'remove_blocking',
  addLabel: 'add_labels',
  removeLabel: 'remove_labels',
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
    .option('--plan <plan>', 'plan it belongs to')
    .option('--milestone <milestone>', 'milestone it counts towards')
    .option('--issue <issue>', 'issue it works on')
    .option('--note <text>', mode === 'create' ? 'a first note (context for whoever picks it up)' : 'append a note with this change')
    .addOption(new Option('--metadata <json>', `free-form JSON object${mode === 'update' ? ' (replaces it)' : ''}`).argParser(jsonObject))
    .option('--input <file>', 'read fields from a JSON file (- for stdin); options given on the line win');
  if (mode === 'update') {
    cmd
      .option('--add-blocked-by <ids>', 'add blockers, keeping the others', list)
      .option('--remove-blocked-by <ids>', 'remove these blockers', list)
      .option('--add-blocking <ids>', 'add items that wait on this one', list)
      .option('--remove-blocking <ids>', 'remove items that wait on this one', list)
      .option('--add-label <labels>', 'add labels, keeping the others', list)
      .option('--remove-label <labels>', 'remove these labels', list);
    for (const f of ['description', 'estimate', 'actual', 'assignee', 'plan', 'milestone', 'issue', 'metadata']) cmd.option(`--no-${f}`, `clear ${f}`);
    cmd.option('--force', 'start or complete even though blockers are unresolved');
    cmd.addOption(new Option('--claim-token <n>', 'fencing token of your claim (needed while the todo is claimed)').argParser(count));
  }
  return cmd;
}
