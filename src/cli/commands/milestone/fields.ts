// The options for every milestone field, shared by `milestone add` and `milestone update`.
import type { Command } from 'commander';
import { MILESTONE_STATUSES } from '../../../core/enums.js';
import { enumOption, list, repeat } from '../../args.js';
import { addClearOptions } from '../field-options.js';

export const MILESTONE_FIELDS: Record<string, string> = {
  name: 'name',
  description: 'description',
  due: 'due',
  status: 'status',
  dependsOn: 'dependencies',
  criterion: 'completion_criteria',
  deliverable: 'deliverables',
  force: 'force',
};

export function addMilestoneFieldOptions(cmd: Command, mode: 'create' | 'update'): Command {
  const lists = mode === 'update' ? ' (replaces the list)' : '';
  cmd
    .option('--name <text>', 'the milestone in a few words')
    .option('-d, --description <text>', 'longer description')
    .option('--due <date>', 'due date, e.g. 2026-02-28')
    .addOption(enumOption('-s, --status <status>', 'status', MILESTONE_STATUSES, 'milestoneStatus'))
    .option('--depends-on <milestones>', `milestones that must complete first${lists}`, list)
    .option('--criterion <text>', `a completion criterion; repeat for several${lists}`, repeat)
    .option('--deliverable <text>', `a deliverable; repeat for several${lists}`, repeat);
  if (mode === 'update') {
    addClearOptions(cmd, ['description', 'due']);
    cmd.option('--force', 'complete it even though some of its todos or issues are still open');
  }
  return cmd;
}
