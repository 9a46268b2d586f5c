// Dependency tools: the inter-repo contracts as recorded.
import { listDependencies } from '../../app/queries.js';
import { DependencyListInputSchema } from '../../core/list-inputs.js';
import { byCursor, compactDependency, DependencyCompactSchema, pageOf, pageSchema, toPage } from '../compact.js';
import { defineTool, READ } from '../tool.js';

export const dependencyTools = [
  defineTool({
    name: 'coord_list_dependencies',
    title: 'List dependencies',
    description: 'Inter-repo dependencies (consumer needs provider) with their recorded status, filtered and paginated.',
    input: byCursor(DependencyListInputSchema),
    output: pageSchema(DependencyCompactSchema),
    annotations: READ,
    run: async ({ ws }, args) => toPage(await listDependencies(ws, pageOf(args)), compactDependency),
  }),
];
