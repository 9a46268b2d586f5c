// Operations with Git hosts (docs/githosts.md): issue sync (import, and status both ways for linked items).
import { IssueSyncInputSchema, IssueSyncReportSchema } from '../core/githost-schemas.js';
import { defineOperation } from './operation.js';

export const githostOperations = [
  defineOperation({
    id: 'issue.sync',
    summary: "import a Git host repository's open issues as Concord issues or todos (linked), and sync the status of linked ones both ways",
    input: IssueSyncInputSchema,
    output: IssueSyncReportSchema,
    effect: 'action',
    run: async (ws, input) => {
      const { gitHostClient } = await import('../githost/index.js');
      const { syncIssues } = await import('../githost/sync.js');
      return syncIssues(ws, gitHostClient(ws, input.host, { env: ws.env.vars }), input);
    },
    http: 'POST /api/githost/sync',
    cli: { command: 'issue sync' },
    mcp: { tool: 'coord_sync_issues' },
  }),
];
