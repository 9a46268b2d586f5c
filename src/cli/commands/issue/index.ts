// The `issue` group: list, show, create, update, close, delete; with the seed's flat names.
import type { Command } from 'commander';
import type { CliContext } from '../../context.js';
import { nounVerb } from '../define.js';
import { commandGroup } from '../group.js';
import { issueClose } from './close.js';
import { issueCreate } from './create.js';
import { issueDelete } from './delete.js';
import { issueList } from './list.js';
import { issueShow } from './show.js';
import { issueUpdate } from './update.js';

export function registerIssue(program: Command, ctx: CliContext): void {
  const group = commandGroup(program, 'issue', 'issues: problems or changes spanning repos');
  nounVerb(program, group, 'list', 'list-issues', issueList(ctx), 'ls');
  nounVerb(program, group, 'show', 'show-issue', issueShow(ctx));
  nounVerb(program, group, 'create', 'create-issue', issueCreate(ctx), 'add');
  nounVerb(program, group, 'update', 'update-issue', issueUpdate(ctx), 'edit');
  nounVerb(program, group, 'close', 'close-issue', issueClose(ctx));
  nounVerb(program, group, 'delete', undefined, issueDelete(ctx), 'rm');
}
