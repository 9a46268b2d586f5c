// The JSON Schema of workflow files (published as schema/workflow.schema.json): the file's shape with each
// step type's own arguments, so an editor completes and checks `with:` by `type:`.
import { z } from 'zod';
import { ParallelSchema, StepSchema, WorkflowFileSchema } from '../core/workflow/schema.js';
import { STEP_TYPES } from './steps/index.js';

export function workflowJsonSchema(): Record<string, unknown> {
  const steps = STEP_TYPES.map((t) => StepSchema.extend({ type: z.literal(t.type).describe(t.summary), with: t.input }));
  const step = z.union(steps as unknown as [z.ZodType, z.ZodType, ...z.ZodType[]]);
  const file = WorkflowFileSchema.extend({ steps: z.array(z.union([step, ParallelSchema.extend({ parallel: z.array(step).min(1).max(100) })])).min(1).max(200) });
  const schema = z.toJSONSchema(file, { io: 'input', unrepresentable: 'any' });
  return { $id: 'https://concord.dev/schema/workflow.schema.json', title: 'Concord workflow (workflows/*.yaml)', ...schema };
}
