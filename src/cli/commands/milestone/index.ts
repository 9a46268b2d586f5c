// The `milestone` group: list, show, add, update (milestones live inside plans).
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { milestoneAdd } from './add.js';
import { milestoneList } from './list.js';
import { milestoneShow } from './show.js';
import { milestoneUpdate } from './update.js';

export function registerMilestone(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'milestone', 'milestones of plans: due dates, criteria');
  nounVerb(program, group, 'list', undefined, milestoneList(ctx), 'ls');
  nounVerb(program, group, 'show', undefined, milestoneShow(ctx));
  nounVerb(program, group, 'add', undefined, milestoneAdd(ctx), 'create');
  nounVerb(program, group, 'update', undefined, milestoneUpdate(ctx), 'edit');
}
