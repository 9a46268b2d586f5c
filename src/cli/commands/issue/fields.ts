// The options for every issue field, shared by `issue create` and `issue update`, and their input names.
import type { Command } from 'commander';
import { ISSUE_STATUSES, PRIORITIES } from '../../../core/enums.js';
import { enumOption, list, repeat } from '../../args.js';
import { addClearOptions, addListEditOptions, addMetadataAndInputOptions, LIST_EDIT_FIELDS } from '../field-options.js';

/** Option attribute -> field of CreateIssueInput / UpdateIssueInput. */
export const ISSUE_FIELDS: Record<string, string> = {
  title: 'title',
  description: 'description',
  repos: 'repos',
  status: 'status',
  priority: 'priority',
  severity: 'severity',
  target: 'target',
  blockedBy: 'blocked_by',
  blocking: 'blocking',
  assignee: 'assignee',
  label: 'labels',
  plan: 'plan',
  milestone: 'milestone',
  resolution: 'resolution',
  affectedFile: 'affected_files',
  metadata: 'metadata',
  ...LIST_EDIT_FIELDS,
};

export function addIssueFieldOptions(cmd: Command, mode: 'create' | 'update'): Command {
  const lists = mode === 'update' ? ' (replaces the list)' : '';
  cmd
    .option('-t, --title <text>', 'the issue in one line')
    .option('-d, --description <text>', 'longer description')
    .option('-r, --repos <repos>', `repos it affects, comma-separated${lists}`, list)
    .addOption(enumOption('-s, --status <status>', 'status', ISSUE_STATUSES, 'issueStatus'))
    .addOption(enumOption('-p, --priority <priority>', 'priority (P0-P3 also work)', PRIORITIES, 'priority'))
    .option('--severity <text>', 'free text: critical, migration, bug, ...')
    .option('--target <date>', 'target date, e.g. 2026-03-31')
    .option('-b, --blocked-by <ids>', `todos or issues that must be resolved first${lists}`, list)
    .option('--blocking <ids>', `todos or issues that wait on this issue${lists}`, list)
    .option('-a, --assignee <name>', 'person or agent owning it')
    .option('-l, --label <labels>', `labels, comma-separated or repeated${lists}`, list)
    .option('--plan <plan>', 'plan it belongs to')
    .option('--milestone <milestone>', 'milestone it counts towards')
    .option('--affected-file <path>', `a file the issue affects; repeat for several${lists}`, repeat);
  addMetadataAndInputOptions(cmd, mode);
  if (mode === 'update') {
    addListEditOptions(cmd).option('--resolution <text>', 'how it was resolved');
    addClearOptions(cmd, ['description', 'severity', 'target', 'assignee', 'plan', 'milestone', 'resolution', 'metadata']);
  }
  return cmd;
}
