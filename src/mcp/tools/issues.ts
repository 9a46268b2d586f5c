// Issue tools: list, get, create, update, close, and what blocks a repo.
import { z } from 'zod';
import { closeIssue, createIssue, updateIssue } from '../../app/issues.js';
import { blocking, getIssue, listIssues } from '../../app/queries.js';
import { CloseIssueInputSchema, CreateIssueInputSchema, UpdateIssueInputSchema } from '../../core/inputs.js';
import { IssueSchema } from '../../core/schema/issue.js';
import { SECTIONS } from '../../core/sections.js';
import { IssueListInputSchema } from '../../core/list-inputs.js';
import { byCursor, compactDependency, compactIssue, compactTodo, IssueCompactSchema, pageOf, pageSchema, SHOWN, toPage, TodoCompactSchema } from '../compact.js';
import { BlockerRefSchema, RepoBlockingSchema } from '../schemas.js';
import { CREATE, defineTool, READ, UPDATE } from '../tool.js';

const IssueOut = z.object({ issue: IssueSchema });

export const issueTools = [
  defineTool({
    name: 'coord_list_issues',
    title: 'List issues',
    description: 'List cross-repo issues as compact rows, filtered and paginated.',
    input: byCursor(IssueListInputSchema),
    output: pageSchema(IssueCompactSchema),
    annotations: READ,
    run: async ({ ws }, args) => toPage(await listIssues(ws, pageOf(args)), compactIssue),
  }),
  defineTool({
    name: 'coord_get_issue',
    title: 'Get an issue',
    description: 'One issue in full, with its linked todos, what it blocks, what blocks it and its plans.',
    input: z.object({ id: z.string().min(1) }),
    output: z.object({
      issue: IssueSchema,
      todos: z.array(TodoCompactSchema),
      todos_total: z.number().int(),
      blocking: z.array(BlockerRefSchema),
      blocking_total: z.number().int(),
      blockers: z.array(BlockerRefSchema),
      plans: z.array(z.string()),
      extra: z.record(z.string(), z.unknown()).optional(),
    }),
    annotations: READ,
    run: async ({ ws }, { id }) => {
      const d = await getIssue(ws, id);
      return { ...d, todos: d.todos.slice(0, SHOWN).map(compactTodo), todos_total: d.todos.length, blocking: d.blocking.slice(0, SHOWN), blocking_total: d.blocking.length };
    },
  }),
  defineTool({
    name: 'coord_create_issue',
    title: 'Create an issue',
    description: 'Create a cross-repo issue. Returns it with its new id.',
    // Links are written by exports and issue sync (docs/githosts.md), not by agents: left out of the tool list.
    input: CreateIssueInputSchema.omit({ links: true }),
    output: IssueOut,
    annotations: CREATE,
    aliases: SECTIONS.issues.keyAliases,
    run: async ({ ws }, args) => ({ issue: (await createIssue(ws, args)).issue }),
  }),
  defineTool({
    name: 'coord_update_issue',
    title: 'Update an issue',
    description: 'Change fields of an issue (null clears a field); status changes follow the transition table.',
    input: UpdateIssueInputSchema.omit({ links: true }).extend({ id: z.string().min(1) }),
    output: IssueOut,
    annotations: UPDATE,
    aliases: SECTIONS.issues.keyAliases,
    run: async ({ ws }, { id, ...args }) => ({ issue: (await updateIssue(ws, id, args)).issue }),
  }),
  defineTool({
    name: 'coord_close_issue',
    title: 'Close an issue',
    description: 'Close (or resolve) an issue with an optional resolution; todos it blocked may become ready.',
    input: CloseIssueInputSchema.extend({ id: z.string().min(1) }),
    output: IssueOut,
    annotations: UPDATE,
    run: async ({ ws }, { id, ...args }) => ({ issue: (await closeIssue(ws, id, args)).issue }),
  }),
  defineTool({
    name: 'coord_get_blocking_issues',
    title: 'What blocks a repo',
    description: "What blocks a repo: open issues naming it, unresolved blockers of its todos, unmet dependencies it consumes.",
    input: z.object({ repo: z.string().min(1).describe('Repo name or nickname') }),
    output: RepoBlockingSchema.extend({ totals: z.object({ issues: z.number().int(), blockers: z.number().int(), dependencies: z.number().int() }) }),
    annotations: READ,
    run: async ({ ws }, { repo }) => {
      const b = await blocking(ws, repo);
      return {
        repo: b.repo,
        issues: b.issues.slice(0, SHOWN).map(compactIssue),
        blockers: b.blockers.slice(0, SHOWN).map((x) => ({ ...x, blocks: x.blocks.slice(0, SHOWN) })),
        dependencies: b.dependencies.slice(0, SHOWN).map(compactDependency),
        totals: { issues: b.issues.length, blockers: b.blockers.length, dependencies: b.dependencies.length },
      };
    },
  }),
];
