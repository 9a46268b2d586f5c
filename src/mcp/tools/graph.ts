// The dependency graph tool: repos joined by their dependencies, or todos and issues by blocker edges.
import { z } from 'zod';
import { diagram } from '../../app/queries.js';
import { ConcordError } from '../../core/errors.js';
import { renderDot } from '../../core/render/dot.js';
import { renderMermaid } from '../../core/render/mermaid.js';
import { defineTool, READ } from '../tool.js';

/** A todo graph larger than this must be narrowed (by plan or repo) to stay within an agent's budget. */
const MAX_NODES = 150;

export const graphTools = [
  defineTool({
    name: 'coord_dep_graph',
    title: 'Dependency graph',
    description:
      'Repo dependency graph (consumer -> provider) or blocker graph of open work (critical path marked): Mermaid, DOT or JSON.',
    input: z.object({
      graph: z.enum(['repos', 'todos']).optional().describe('Default repos'),
      format: z.enum(['json', 'mermaid', 'dot']).optional().describe('Default mermaid (the most compact); json gives nodes and edges'),
      plan: z.string().optional().describe('Todos graph: only this plan'),
      repo: z.string().optional().describe('Only this repo and what it touches'),
    }),
    output: z.object({
      graph: z.enum(['repos', 'todos']),
      format: z.enum(['json', 'mermaid', 'dot']),
      nodes: z.array(z.object({ id: z.string(), kind: z.string(), label: z.string(), status: z.string().optional(), group: z.string().optional(), ready: z.boolean().optional(), critical: z.boolean().optional(), external: z.boolean().optional() })).optional(),
      edges: z.array(z.object({ from: z.string(), to: z.string(), label: z.string().optional(), status: z.string().optional(), open: z.boolean(), critical: z.boolean().optional() })).optional(),
      text: z.string().optional().describe('The Mermaid or DOT source'),
      node_count: z.number().int(),
      edge_count: z.number().int(),
    }),
    annotations: READ,
    run: async ({ ws }, { graph = 'repos', format = 'mermaid', plan, repo }) => {
      const d = await diagram(ws, { graph, ...(plan ? { plan } : {}), ...(repo ? { repo } : {}) });
      if (d.nodes.length > MAX_NODES) {
        throw new ConcordError('INVALID_INPUT', `the ${graph} graph has ${d.nodes.length} nodes, more than ${MAX_NODES} fit in one response`, {
          hint: 'narrow it with plan or repo',
          data: { nodes: d.nodes.length, limit: MAX_NODES },
        });
      }
      const counts = { node_count: d.nodes.length, edge_count: d.edges.length };
      if (format === 'json') return { graph, format, nodes: d.nodes, edges: d.edges, ...counts };
      return { graph, format, text: format === 'mermaid' ? renderMermaid(d) : renderDot(d), ...counts };
    },
  }),
];
