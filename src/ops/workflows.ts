// Operations on workflows (docs/workflows.md): list, validate, run (in this process, to its end), show.
import { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import { WorkflowListSchema, WorkflowRunSchema, WorkflowShowSchema, WorkflowValidationSchema } from '../core/workflow/schema.js';
import { defineOperation } from './operation.js';
import { hint, op } from '../core/hints.js';

const workflows = () => import('../workflows/index.js');
const Name = z.string().min(1).max(200).describe('The workflow (its file in workflows/, without .yaml)');

export const workflowOperations = [
  defineOperation({
    id: 'workflow.list',
    summary: 'workflows of the workflows/ folder, their last run, and the files that are invalid',
    input: z.object({}),
    output: WorkflowListSchema,
    effect: 'read',
    run: async (ws) => (await workflows()).listWorkflows(ws),
    http: 'GET /api/workflows',
    cli: { command: 'workflow list' },
    mcp: { tool: 'coord_list_workflows' },
  }),
  defineOperation({
    id: 'workflow.validate',
    summary: 'check workflow files (all, or one) without running anything: file, line, field and fix of each problem',
    input: z.object({ name: Name.optional() }),
    output: WorkflowValidationSchema,
    effect: 'read',
    run: async (ws, input) => (await workflows()).validateWorkflows(ws, input),
    failure: (r) => (r.valid ? undefined : new ConcordError('INVALID_WORKFLOW', `${r.problems.length} workflow file(s) invalid:\n${r.problems.flatMap((p) => p.problems).join('\n')}`, { hint: 'see docs/workflows.md', data: { ...r } })),
    http: 'POST /api/workflows/validate',
    cli: { command: 'workflow validate' },
    mcp: { tool: 'coord_validate_workflow' },
  }),
  defineOperation({
    id: 'workflow.run',
    summary: 'run a workflow now, in this process, and wait for it (validated first: an invalid file runs nothing)',
    input: z.object({
      name: Name,
      inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional().describe('Values of its inputs'),
    }),
    output: WorkflowRunSchema,
    effect: 'action',
    run: async (ws, input, ctx) => (await workflows()).runWorkflow(ws, input, { trigger: ws.surface, ...(ctx.signal ? { signal: ctx.signal } : {}) }),
    failure: (r) => (r.status === 'succeeded' ? undefined : new ConcordError('WORKFLOW_FAILED', `workflow ${r.workflow} run ${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}`, { hint: hint`see ${op('workflow.show', { name: r.id })}`, data: { ...r } })),
    http: 'POST /api/workflows/{name}/run',
    cli: { command: 'workflow run' },
    mcp: { tool: 'coord_run_workflow' },
  }),
  defineOperation({
    id: 'workflow.show',
    summary: 'one workflow (its definition and recent runs), or one run by its WF- id with its steps and log',
    input: z.object({ name: Name.describe('A workflow name, or a run id (WF-...)'), limit: z.number().int().min(1).max(1_000).optional().describe('Runs shown') }),
    output: WorkflowShowSchema,
    effect: 'read',
    run: async (ws, input) => (await workflows()).showWorkflow(ws, input),
    http: 'GET /api/workflows/{name}',
    cli: { command: 'workflow show' },
    mcp: { tool: 'coord_get_workflow' },
  }),
];
