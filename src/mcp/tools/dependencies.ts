// Dependency tools: the inter-repo contracts as recorded.
import { z } from 'zod';
import { listDependencies } from '../../app/queries.js';
import { DEPENDENCY_STATUSES, DEPENDENCY_TYPES } from '../../core/enums.js';
import { compactDependency, DependencyCompactSchema, PagingInput, pageOf, pageSchema, toPage } from '../compact.js';
import { defineTool, READ } from '../tool.js';

const list = z.array(z.string()).optional();

export const dependencyTools = [
  defineTool({
    name: 'coord_list_dependencies',
    title: 'List dependencies',
    description: 'Inter-repo dependencies (consumer needs provider) with their recorded status, filtered and paginated.',
    input: z.object({
      consumer: list,
      provider: list,
      type: z.array(z.enum(DEPENDENCY_TYPES)).optional(),
      status: z.array(z.enum(DEPENDENCY_STATUSES)).optional(),
      ...PagingInput,
    }),
    output: pageSchema(DependencyCompactSchema),
    annotations: READ,
    run: async ({ ws }, args) => toPage(await listDependencies(ws, pageOf(args)), compactDependency),
  }),
];
