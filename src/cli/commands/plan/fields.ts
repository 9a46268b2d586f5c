// The options for every plan field, shared by `plan create` and `plan update`, and their input names.
import { type Command, InvalidArgumentError, Option } from 'commander';
import { PLAN_STATUSES } from '../../../core/enums.js';
import { enumOption, list } from '../../args.js';
import { addClearOptions, addMetadataAndInputOptions } from '../field-options.js';

export const PLAN_FIELDS: Record<string, string> = {
  title: 'title',
  description: 'description',
  status: 'status',
  repos: 'repos',
  target: 'target',
  owner: 'owner',
  label: 'labels',
  issues: 'issues',
  dependsOn: 'depends_on',
  milestone: 'milestones',
  metadata: 'metadata',
  force: 'force',
};

/** `Beta@2026-03-01` -> { name: 'Beta', due: '2026-03-01' }; `Beta` -> { name: 'Beta' }. */
function milestoneSpec(value: string): { name: string; due?: string } {
  const at = value.lastIndexOf('@');
  const name = (at > 0 ? value.slice(0, at) : value).trim();
  const due = at > 0 ? value.slice(at + 1).trim() : undefined;
  if (!name) throw new InvalidArgumentError('give a milestone name, optionally with a due date: "Beta@2026-03-01".');
  return { name, ...(due ? { due } : {}) };
}

export function addPlanFieldOptions(cmd: Command, mode: 'create' | 'update'): Command {
  const lists = mode === 'update' ? ' (replaces the list)' : '';
  cmd
    .option('-t, --title <text>', 'the plan in one line')
    .option('-d, --description <text>', 'longer description')
    .addOption(enumOption('-s, --status <status>', 'status', PLAN_STATUSES, 'planStatus'))
    .option('-r, --repos <repos>', `repos it spans, comma-separated${lists}`, list)
    .option('--target <date>', 'target date, e.g. 2026-03-31')
    .option('--owner <name>', 'who owns the plan')
    .option('-l, --label <labels>', `labels, comma-separated or repeated${lists}`, list)
    .option('--issues <ids>', `issues that belong to the plan${lists}`, list)
    .option('--depends-on <plans>', `plans that must complete first${lists}`, list);
  if (mode === 'create') {
    cmd
      .addOption(new Option('-m, --milestone <name@due>', 'a milestone, optionally with its due date; repeat for several').argParser((v: string, prev: unknown[] | undefined) => [...(prev ?? []), milestoneSpec(v)]))
      .addOption(new Option('--milestones <list>', 'milestones as one comma-separated list: "Beta@2026-03-01,GA@2026-06-30"').argParser((v: string) => v.split(',').filter((s) => s.trim()).map(milestoneSpec)));
  }
  addMetadataAndInputOptions(cmd, mode);
  if (mode === 'update') {
    addClearOptions(cmd, ['description', 'target', 'owner', 'metadata']);
    cmd.option('--force', 'complete it even though some of its todos or issues are still open');
  }
  return cmd;
}
