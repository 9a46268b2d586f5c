// Options that the create and update commands of several records share, and the input fields they set.
import { type Command, Option } from 'commander';
import { jsonObject, list } from '../args.js';

/** Option attribute -> input field of the list edits `update` offers on todos and issues. */
export const LIST_EDIT_FIELDS: Record<string, string> = {
  addBlockedBy: 'add_blocked_by',
  removeBlockedBy: 'remove_blocked_by',
  addBlocking: 'add_blocking',
  removeBlocking: 'remove_blocking',
  addLabel: 'add_labels',
  removeLabel: 'remove_labels',
};

/** Edits of the blocker, blocked-item and label lists that keep the other entries (`--blocked-by` replaces). */
export function addListEditOptions(cmd: Command): Command {
  return cmd
    .option('--add-blocked-by <ids>', 'add blockers, keeping the others', list)
    .option('--remove-blocked-by <ids>', 'remove these blockers', list)
    .option('--add-blocking <ids>', 'add items that wait on this one', list)
    .option('--remove-blocking <ids>', 'remove items that wait on this one', list)
    .option('--add-label <labels>', 'add labels, keeping the others', list)
    .option('--remove-label <labels>', 'remove these labels', list);
}

/** `--no-<field>` for each optional field an update can clear (fieldsFrom turns it into null). */
export function addClearOptions(cmd: Command, fields: readonly string[]): Command {
  for (const f of fields) cmd.option(`--no-${f}`, `clear ${f}`);
  return cmd;
}

/** `--metadata` and `--input`, which every record's field options end with. */
export function addMetadataAndInputOptions(cmd: Command, mode: 'create' | 'update'): Command {
  return cmd
    .addOption(new Option('--metadata <json>', `free-form JSON object${mode === 'update' ? ' (replaces it)' : ''}`).argParser(jsonObject))
    .option('--input <file>', 'read fields from a JSON file (- for stdin); options given on the line win');
}
