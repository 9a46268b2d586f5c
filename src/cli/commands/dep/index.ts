// The `dep` group: list, show, create, update, delete, graph; with the seed's flat names (`check` is in dep-check.ts).
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { depCreate } from './create.js';
import { depDelete } from './delete.js';
import { depGraph } from './graph.js';
import { depList } from './list.js';
import { depShow } from './show.js';
import { depUpdate } from './update.js';

export function registerDep(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'dep', 'inter-repo dependencies: consumer needs provider');
  nounVerb(program, group, 'list', 'list-deps', depList(ctx), 'ls');
  nounVerb(program, group, 'show', undefined, depShow(ctx));
  nounVerb(program, group, 'create', undefined, depCreate(ctx), 'add');
  nounVerb(program, group, 'update', undefined, depUpdate(ctx), 'edit');
  nounVerb(program, group, 'delete', undefined, depDelete(ctx), 'rm');
  nounVerb(program, group, 'graph', 'dep-graph', depGraph(ctx));
}
