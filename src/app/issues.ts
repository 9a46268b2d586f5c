// Issue use-cases.
import { CloseIssueInputSchema, CreateIssueInputSchema, DeleteInputSchema, UpdateIssueInputSchema } from '../core/inputs.js';
import type { Issue } from '../core/model.js';
import { planCloseIssue, planCreateIssue, planDeleteIssue, planUpdateIssue } from '../core/mutations/issue.js';
import { parseInput } from './input.js';
import { canonicalRepos } from './repo-names.js';
import { mutate, type WriteResult } from './write.js';
import type { Workspace } from './workspace.js';

export interface IssueWrite extends WriteResult {
  issue: Issue;
}

const asIssue = (r: WriteResult): IssueWrite => ({ ...r, issue: r.record as Issue });

export async function createIssue(ws: Workspace, input: unknown): Promise<IssueWrite> {
  const parsed = parseInput(CreateIssueInputSchema, input, 'issue');
  return asIssue(await mutate(ws, (ctx) => planCreateIssue(ctx, canonicalRepos(ctx.graph, parsed, ['repos']))));
}

export async function updateIssue(ws: Workspace, id: string, input: unknown): Promise<IssueWrite> {
  const parsed = parseInput(UpdateIssueInputSchema, input, 'issue update');
  return asIssue(await mutate(ws, (ctx) => planUpdateIssue(ctx, id, canonicalRepos(ctx.graph, parsed, ['repos']))));
}

export async function closeIssue(ws: Workspace, id: string, input: unknown = {}): Promise<IssueWrite> {
  const parsed = parseInput(CloseIssueInputSchema, input, 'close');
  return asIssue(await mutate(ws, (ctx) => planCloseIssue(ctx, id, parsed)));
}

/** Refused while open work waits on it, unless `force` (input: `DeleteInputSchema`). */
export async function deleteIssue(ws: Workspace, id: string, input: unknown = {}): Promise<WriteResult> {
  const parsed = parseInput(DeleteInputSchema, input, 'delete');
  return mutate(ws, (ctx) => planDeleteIssue(ctx, id, parsed));
}
