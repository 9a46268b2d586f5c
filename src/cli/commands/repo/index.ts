// The `repo` group (list, show, blocking, blocked-by) and the seed's top-level `blocking` / `blocked-by`.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { repoBlockedBy, repoBlocking } from './blocking.js';
import { repoList, repoShow } from './list.js';

export function registerRepo(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'repo', 'the repos of the catalog and their status');
  nounVerb(program, group, 'list', undefined, repoList(ctx)).alias('ls');
  nounVerb(program, group, 'show', undefined, repoShow(ctx));
  nounVerb(program, group, 'blocking', undefined, repoBlocking(ctx));
  nounVerb(program, group, 'blocked-by', undefined, repoBlockedBy(ctx));
  // The seed's names for these two read well as they are, so they are listed in the main help too.
  program.addCommand(repoBlocking(ctx)('blocking'));
  program.addCommand(repoBlockedBy(ctx)('blocked-by'));
}
