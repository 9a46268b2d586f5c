// Options the list commands share: the filters of todos and issues, sorting, and paging.
import type { Command } from 'commander';
import { ISSUE_STATUSES, PRIORITIES, TODO_STATUSES } from '../../core/enums.js';
import { ISSUE_SORTS, TODO_SORTS } from '../../core/graph/filters.js';
import { count, enumListOption, enumOption, list } from '../args.js';

/** `--limit` and `--offset`: the window of a paged list. */
export function addPageOptions(cmd: Command): Command {
  return cmd.option('-n, --limit <n>', 'at most this many', count).option('--offset <n>', 'skip this many (for paging)', count);
}

/**
 * The options of `todo list` and `issue list`: one per field of TodoFilter / IssueFilter (each filter takes a
 * comma-separated list), except `--search`, which is the filter's `text`.
 */
export function addItemListOptions(cmd: Command, item: 'todo' | 'issue'): Command {
  const todo = item === 'todo';
  const sorts = todo ? TODO_SORTS : ISSUE_SORTS;
  cmd
    .addOption(enumListOption('-s, --status <status>', 'only these statuses', todo ? TODO_STATUSES : ISSUE_STATUSES, todo ? 'todoStatus' : 'issueStatus'))
    .addOption(enumListOption('-p, --priority <priority>', 'only these priorities (P0-P3 also work)', PRIORITIES, 'priority'))
    .option('-r, --repo <repo>', todo ? 'only these repos (names or nicknames)' : 'only issues naming any of these repos', list)
    .option('-a, --assignee <name>', `only ${item}s assigned to these people or agents`, list)
    .option('--plan <plan>', `only ${item}s of these plans`, list)
    .option('--milestone <milestone>', `only ${item}s of these milestones`, list);
  if (todo) cmd.option('--issue <issue>', 'only todos linked to these issues', list);
  cmd
    .option('-l, --label <label>', `only ${item}s with any of these labels`, list)
    .option('-q, --search <words>', `only ${item}s whose ${todo ? 'task' : 'title'} contains all these words`)
    .addOption(enumOption('--sort <field>', 'sort by a field; prefix - for descending', [...sorts, ...sorts.map((s) => `-${s}`)]));
  return addPageOptions(cmd);
}
