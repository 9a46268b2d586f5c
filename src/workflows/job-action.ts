// The job action `workflow` (docs/scheduler.md): jobs and activities start a workflow with
// `operation: workflow` and `args: { name, inputs }`. Registered by the processes that run fires (the
// scheduler service, `job trigger`, `activity run`) before they run one.
import { z } from 'zod';
import { operationNames, registerOperation } from '../app/scheduling/operations.js';
import { parseInput } from '../app/input.js';

const ArgsSchema = z.strictObject({
  name: z.string().min(1),
  inputs: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional(),
});

export function ensureWorkflowAction(): void {
  if (operationNames().includes('workflow')) return;
  registerOperation('workflow', {
    description: 'run a workflow of workflows/ (args: name, inputs)',
    async run(ws, args, ctx) {
      const input = parseInput(ArgsSchema, args, 'workflow action');
      const { runWorkflow } = await import('./index.js');
      const r = await runWorkflow(ws, input, { trigger: `scheduler:${ctx.fire.trigger}`, signal: ctx.signal });
      return { ok: r.status === 'succeeded', summary: `workflow ${r.workflow} run ${r.id} ${r.status}${r.error ? `: ${r.error}` : ''}` };
    },
  });
}
