// Validating use-case input with the core's zod schemas, so every surface gets the same errors.
import type { z } from 'zod';
import { ConcordError } from '../core/errors.js';
import { parseOptions } from '../core/on-first-use.js';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, what: string): z.output<S> {
  const r = schema.safeParse(input ?? {}, parseOptions(schema));
  if (r.success) return r.data;
  const problems = r.error.issues.map((i) => `${i.path.join('.') || what}: ${i.message}`);
  throw new ConcordError('INVALID_INPUT', `invalid ${what}: ${problems.join('; ')}`, { data: { problems } });
}
