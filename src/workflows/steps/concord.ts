// Step type `concord`: any operation of the manifest (src/ops), by id, with its input: the same declaration,
// checks and answer as on the CLI, MCP and HTTP.
import { z } from 'zod';
import { suggest } from '../../core/errors.js';
import { defineStep } from '../step.js';

/** Operations a workflow may not start: itself again (a loop without end). */
const REFUSED = new Set(['workflow.run']);

export const concordStep = defineStep({
  type: 'concord',
  summary: 'run a Concord operation (todo.create, todo.update, job.trigger, ...); outputs its answer (result, and its fields)',
  input: z.strictObject({
    operation: z.string().regex(/^[a-z]+\.[a-z_.-]+$/, 'an operation id: noun.verb (todo.create)'),
    input: z.record(z.string(), z.unknown()).default(() => ({})).describe('The operation\'s input (docs/api.md)'),
  }),
  async check(w) {
    const { OPERATIONS } = await import('../../ops/index.js');
    if (REFUSED.has(w.operation)) return [`operation: ${w.operation} cannot run inside a workflow (start the other workflow's steps here, or trigger it from a job)`];
    if (OPERATIONS.some((o) => o.id === w.operation)) return [];
    const near = suggest(w.operation, OPERATIONS.map((o) => o.id));
    return [`operation: no operation "${w.operation}"${near ? ` (did you mean "${near}"?)` : ''}; see docs/api.md`];
  },
  async run(ctx, w) {
    const { operation } = await import('../../ops/index.js');
    const { answerOf } = await import('../../ops/operation.js');
    const { parseInput } = await import('../../app/input.js');
    const op = operation(w.operation);
    const input = parseInput(op.input, w.input, op.label ?? op.id) as Record<string, unknown>;
    ctx.log(`${op.id} ${JSON.stringify(w.input).slice(0, 300)}`);
    const answer = answerOf(op, await op.run(ctx.ws, input, { signal: ctx.signal }), input);
    const failed = op.failure?.(answer as never);
    if (failed) throw Object.assign(failed, { outputs: { result: answer } });
    return { result: answer, ...(answer !== null && typeof answer === 'object' && !Array.isArray(answer) ? (answer as Record<string, unknown>) : {}) };
  },
});
