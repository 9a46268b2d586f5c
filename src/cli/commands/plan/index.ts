// The `plan` group: list, show, create, update, delete, validate; with the seed's flat names.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { planCreate } from './create.js';
import { planDelete } from './delete.js';
import { planList } from './list.js';
import { planShow } from './show.js';
import { planUpdate } from './update.js';
import { planValidate } from './validate.js';

export function registerPlan(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'plan', 'plans: cross-repo roadmaps with milestones');
  nounVerb(program, group, 'list', 'list-plans', planList(ctx), 'ls');
  nounVerb(program, group, 'show', 'show-plan', planShow(ctx));
  nounVerb(program, group, 'create', 'create-plan', planCreate(ctx), 'add');
  nounVerb(program, group, 'update', 'update-plan', planUpdate(ctx), 'edit');
  nounVerb(program, group, 'delete', undefined, planDelete(ctx), 'rm');
  nounVerb(program, group, 'validate', undefined, planValidate(ctx));
}
