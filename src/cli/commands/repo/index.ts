// The `repo` group (list, show, add, update, remove, blocking, blocked-by), the `role` group, and the seed's `blocking` / `blocked-by`.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { repoBlockedBy, repoBlocking } from './blocking.js';
import { repoAdd, repoRemove, repoUpdate, roleAdd, roleRemove, roleUpdate } from './catalog.js';
import { repoList, repoShow } from './list.js';

export function registerRepo(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'repo', 'the repos of the catalog and their status');
  nounVerb(program, group, 'list', undefined, repoList(ctx), 'ls');
  nounVerb(program, group, 'show', undefined, repoShow(ctx));
  nounVerb(program, group, 'add', undefined, repoAdd(ctx));
  nounVerb(program, group, 'update', undefined, repoUpdate(ctx));
  nounVerb(program, group, 'remove', undefined, repoRemove(ctx), 'rm');
  nounVerb(program, group, 'blocking', undefined, repoBlocking(ctx));
  nounVerb(program, group, 'blocked-by', undefined, repoBlockedBy(ctx));
  const roles = commandGroup(program, 'role', 'the roles repos play (a kind of repo with capabilities)');
  nounVerb(program, roles, 'add', undefined, roleAdd(ctx));
  nounVerb(program, roles, 'update', undefined, roleUpdate(ctx));
  nounVerb(program, roles, 'remove', undefined, roleRemove(ctx), 'rm');
  // The seed's names for these two read well as they are, so they are listed in the main help too.
  program.addCommand(repoBlocking(ctx)('blocking'));
  program.addCommand(repoBlockedBy(ctx)('blocked-by'));
}
