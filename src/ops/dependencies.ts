// Operations on inter-repo dependencies: list, show, create, update, delete, the graph, checks, discovery.
import { z } from 'zod';
import { CheckDependenciesInputSchema, CheckReportSchema, DependencyHistoryInputSchema, DiscoverInputSchema, DiscoveryReportSchema, ValidateRepoInputSchema } from '../app/checks/schemas.js';
import { DependencyCheckSchema } from '../core/checks/result.js';
import { CreateDependencyInputSchema, UpdateDependencyInputSchema } from '../core/inputs.js';
import { DependencyListInputSchema } from '../core/list-inputs.js';
import { DeletedSchema, DiagramSchema, pageOf } from '../core/query-schemas.js';
import { DependencySchema } from '../core/schema/dependency.js';
import { defineOperation, type OperationContext } from './operation.js';

const queries = () => import('../app/queries.js');
const deps = () => import('../app/dependencies.js');
const checks = () => import('../app/checks/index.js');
const Id = z.string().min(1).describe('The dependency, e.g. DEP-001');
const FORMATS = ['mermaid', 'dot', 'json'] as const;
const runOptions = (ctx: OperationContext) => ({ ...(ctx.signal ? { signal: ctx.signal } : {}), ...(ctx.progress ? { onProgress: ctx.progress } : {}) });

export const dependencyOperations = [
  defineOperation({
    id: 'dependency.list',
    summary: 'list inter-repo dependencies (consumer needs provider)',
    input: DependencyListInputSchema,
    output: pageOf(DependencySchema),
    effect: 'read',
    run: async (ws, input) => (await queries()).listDependencies(ws, input),
    http: 'GET /api/dependencies',
    cli: { command: 'dep list' },
    mcp: { tool: 'coord_list_dependencies' },
  }),
  defineOperation({
    id: 'dependency.show',
    summary: 'show one dependency: consumer, provider, constraint, status, validation',
    input: z.object({ id: Id }),
    output: DependencySchema,
    effect: 'read',
    run: async (ws, { id }) => (await queries()).getDependency(ws, id),
    http: 'GET /api/dependencies/{id}',
    cli: { command: 'dep show' },
    mcp: { tool: 'coord_get_dependency' },
  }),
  defineOperation({
    id: 'dependency.create',
    summary: 'record that one repo needs another (prints it, with its new id)',
    input: CreateDependencyInputSchema,
    output: DependencySchema,
    effect: 'create',
    label: 'dependency',
    run: async (ws, input) => (await deps()).createDependency(ws, input),
    answer: (r) => r.dependency,
    http: 'POST /api/dependencies',
    cli: { command: 'dep create' },
    mcp: { tool: 'coord_create_dependency' },
  }),
  defineOperation({
    id: 'dependency.update',
    summary: 'change fields of a dependency',
    input: UpdateDependencyInputSchema.extend({ id: Id }),
    output: DependencySchema,
    effect: 'update',
    label: 'dependency update',
    run: async (ws, { id, ...input }) => (await deps()).updateDependency(ws, id, input),
    answer: (r) => r.dependency,
    http: 'PATCH /api/dependencies/{id}',
    cli: { command: 'dep update' },
    mcp: { tool: 'coord_update_dependency' },
  }),
  defineOperation({
    id: 'dependency.delete',
    summary: 'delete a dependency record (git keeps the history)',
    input: z.object({ id: Id }),
    output: DeletedSchema,
    effect: 'delete',
    run: async (ws, { id }) => (await deps()).deleteDependency(ws, id),
    answer: (r, { id }) => ({ deleted: id, changed: r.changed }),
    http: 'DELETE /api/dependencies/{id}',
    cli: { command: 'dep delete' },
    mcp: { tool: 'coord_delete', kind: 'dependency' },
  }),
  defineOperation({
    id: 'dependency.graph',
    summary: 'draw the repo dependency graph (or the todo graph with --graph todos) as Mermaid, Graphviz DOT or JSON',
    input: z.object({
      graph: z.enum(['repos', 'todos']).default('repos').describe('repos: consumer -> provider; todos: blocker -> blocked, critical path marked'),
      format: z.enum(FORMATS).default('mermaid').describe('mermaid (the most compact), dot, or json (nodes and edges only)'),
      plan: z.string().optional().describe('Todos graph: only this plan'),
      repo: z.string().optional().describe('Only this repo and what it touches'),
      all: z.boolean().optional().describe('Todos graph: include completed and cancelled work'),
    }),
    output: z.object({ format: z.enum(FORMATS), graph: DiagramSchema, text: z.string().optional().describe('The Mermaid or DOT source') }),
    effect: 'read',
    run: async (ws, { format, ...options }) => {
      const graph = await (await queries()).diagram(ws, options);
      if (format === 'json') return { format, graph };
      const render = format === 'mermaid' ? (await import('../core/render/mermaid.js')).renderMermaid : (await import('../core/render/dot.js')).renderDot;
      return { format, graph, text: render(graph) };
    },
    http: 'GET /api/dependencies/graph',
    cli: { command: 'dep graph' },
    mcp: { tool: 'coord_dep_graph' },
  }),
  defineOperation({
    id: 'dependency.check',
    summary: 'check dependencies for real (commands, health checks, MCP handshakes, versions); exit 1 when one is unsatisfied, for CI',
    input: CheckDependenciesInputSchema,
    output: CheckReportSchema,
    effect: 'action',
    label: 'dependency check',
    run: async (ws, input, ctx) => (await checks()).checkDependencies(ws, input, runOptions(ctx)),
    http: 'POST /api/dependencies/check',
    cli: { command: 'dep check' },
    mcp: { tool: 'coord_check_dependencies' },
  }),
  defineOperation({
    id: 'dependency.discover',
    summary: 'find package edges between repos in their manifests and lockfiles; report undeclared ones and drifted constraints',
    input: DiscoverInputSchema,
    output: DiscoveryReportSchema,
    effect: 'action',
    label: 'dependency discovery',
    run: async (ws, input) => (await checks()).discoverDependencies(ws, input),
    http: 'POST /api/dependencies/discover',
    cli: { command: 'dep discover' },
    mcp: { tool: 'coord_discover_dependencies' },
  }),
  defineOperation({
    id: 'dependency.history',
    summary: 'the recorded checks of one dependency, newest first',
    input: DependencyHistoryInputSchema,
    output: z.array(DependencyCheckSchema),
    effect: 'read',
    label: 'dependency history',
    run: async (ws, input) => (await checks()).dependencyCheckHistory(ws, input),
    http: 'GET /api/dependencies/{id}/checks',
    cli: { command: 'dep history' },
    mcp: { tool: 'coord_get_dependency_history' },
  }),
  defineOperation({
    id: 'repo.validate',
    summary: 'check everything one repo needs (the dependencies it consumes); exit 1 when one is unsatisfied',
    input: ValidateRepoInputSchema,
    output: CheckReportSchema,
    effect: 'action',
    label: 'repo validation',
    run: async (ws, input, ctx) => (await checks()).validateRepo(ws, input, runOptions(ctx)),
    http: 'POST /api/repos/{repo}/validate',
    cli: { command: 'repo validate' },
    mcp: { tool: 'coord_validate_repo' },
  }),
];
