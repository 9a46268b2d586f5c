// schema/workflow.schema.json is what the step types declare today, accepts the example and flags a bad step.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { workflowJsonSchema } from '../../src/workflows/schema.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const published = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/workflow.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);
const example = parse(fs.readFileSync(path.join(ROOT, 'examples/workflows/scaffold-service.yaml'), 'utf8')) as { steps: Record<string, unknown>[] };

describe('schema/workflow.schema.json', () => {
  it('is what the step types generate today (run `npm run schema` after changing them)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(workflowJsonSchema())));
  });

  it('accepts the example and flags a step whose arguments do not fit its type', () => {
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
    const bad = structuredClone(example);
    bad.steps[2]!['with'] = { run: 'git status' };
    expect(validate(bad)).toBe(false);
    expect((validate.errors ?? []).some((e) => e.instancePath === '/steps/2/with/run')).toBe(true);
  });
});
