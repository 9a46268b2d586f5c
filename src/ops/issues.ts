// Operations on issues: list, show, create, update, close, delete.
import { z } from 'zod';
import { CloseIssueInputSchema, CreateIssueInputSchema, DeleteInputSchema, UpdateIssueInputSchema } from '../core/inputs.js';
import { IssueListInputSchema } from '../core/list-inputs.js';
import { DeletedSchema, IssueDetailSchema, IssueRowSchema, pageOf } from '../core/query-schemas.js';
import { IssueSchema } from '../core/schema/issue.js';
import { defineOperation } from './operation.js';

const queries = () => import('../app/queries.js');
const issues = () => import('../app/issues.js');
const Id = z.string().min(1).describe('The issue, e.g. ISSUE-001');

export const issueOperations = [
  defineOperation({
    id: 'issue.list',
    summary: 'list cross-repo issues, filtered and sorted (every filter takes a comma-separated list)',
    input: IssueListInputSchema,
    output: pageOf(IssueRowSchema),
    effect: 'read',
    run: async (ws, input) => (await queries()).listIssues(ws, input),
    http: 'GET /api/issues',
    cli: { command: 'issue list' },
    mcp: { tool: 'coord_list_issues' },
  }),
  defineOperation({
    id: 'issue.show',
    summary: 'show one issue: fields, what blocks it, what it blocks, the todos working on it',
    input: z.object({ id: Id }),
    output: IssueDetailSchema,
    effect: 'read',
    run: async (ws, { id }) => (await queries()).getIssue(ws, id),
    http: 'GET /api/issues/{id}',
    cli: { command: 'issue show' },
    mcp: { tool: 'coord_get_issue' },
  }),
  defineOperation({
    id: 'issue.create',
    summary: 'create a cross-repo issue (prints it, with its new id)',
    input: CreateIssueInputSchema,
    output: IssueSchema,
    effect: 'create',
    label: 'issue',
    run: async (ws, input) => (await issues()).createIssue(ws, input),
    answer: (r) => r.issue,
    http: 'POST /api/issues',
    cli: { command: 'issue create' },
    mcp: { tool: 'coord_create_issue' },
  }),
  defineOperation({
    id: 'issue.update',
    summary: 'change fields of an issue (status, repos, blockers, target, ...)',
    input: UpdateIssueInputSchema.extend({ id: Id }),
    output: IssueSchema,
    effect: 'update',
    label: 'issue update',
    run: async (ws, { id, ...input }) => (await issues()).updateIssue(ws, id, input),
    answer: (r) => r.issue,
    http: 'PATCH /api/issues/{id}',
    cli: { command: 'issue update' },
    mcp: { tool: 'coord_update_issue' },
  }),
  defineOperation({
    id: 'issue.close',
    summary: 'close an issue (or mark it resolved); the work it blocked becomes ready',
    input: CloseIssueInputSchema.extend({ id: Id }),
    output: IssueSchema,
    effect: 'update',
    label: 'close',
    run: async (ws, { id, ...input }) => (await issues()).closeIssue(ws, id, input),
    answer: (r) => r.issue,
    http: 'POST /api/issues/{id}/close',
    cli: { command: 'issue close' },
    mcp: { tool: 'coord_close_issue' },
  }),
  defineOperation({
    id: 'issue.delete',
    summary: 'delete an issue; blocked_by/blocking entries naming it are removed too (git keeps the history)',
    input: DeleteInputSchema.extend({ id: Id }),
    output: DeletedSchema,
    effect: 'delete',
    run: async (ws, { id, ...input }) => (await issues()).deleteIssue(ws, id, input),
    answer: (r, { id }) => ({ deleted: id, changed: r.changed }),
    http: 'DELETE /api/issues/{id}',
    cli: { command: 'issue delete' },
    mcp: { tool: 'coord_delete', kind: 'issue' },
  }),
];
