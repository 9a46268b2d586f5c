// schema/activity.schema.json: the JSON Schema of an activity file's front matter, published for editors
// (`concord schema --activity`), accepts the documented example and flags what Concord refuses.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { activityJsonSchema, ActivitySchema } from '../src/core/scheduling/schemas.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const published = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/activity.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);

/** The front matter of the example in docs/scheduler.md. */
function documentedExample(): Record<string, unknown> {
  const doc = fs.readFileSync(path.join(ROOT, 'docs/scheduler.md'), 'utf8');
  const block = /```markdown\n---\n([\s\S]*?)\n---\n/.exec(doc);
  expect(block, 'docs/scheduler.md shows an activity file').not.toBeNull();
  return parse(block![1]!) as Record<string, unknown>;
}

describe('schema/activity.schema.json', () => {
  it('is what the zod schema generates today (run `npm run schema` after changing it)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(activityJsonSchema())));
  });

  it('accepts the documented example, as Concord does', () => {
    const example = documentedExample();
    expect(ActivitySchema().safeParse(example).success).toBe(true);
    expect(validate(example), JSON.stringify(validate.errors)).toBe(true);
  });

  it('flags a mistyped key, a wrong type and a missing action, as Concord does', () => {
    const bad = { ...documentedExample(), enabled: 'yes', trigers: [] } as Record<string, unknown>;
    delete bad['actions'];
    expect(ActivitySchema().safeParse(bad).success).toBe(false);
    expect(validate(bad)).toBe(false);
    const problems = (validate.errors ?? []).map((e) => `${e.instancePath} ${e.keyword} ${JSON.stringify(e.params)}`);
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(/^\/enabled type/), expect.stringContaining('"additionalProperty":"trigers"'), expect.stringContaining('"missingProperty":"actions"')]));
  });
});
