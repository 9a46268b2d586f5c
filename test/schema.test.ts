// The published JSON Schema accepts what Concord reads and flags what it rejects, as an editor would.
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { ecosystemJsonSchema } from '../src/core/schema/written.js';
import { QUIRKY, SMALL } from './helpers/fixtures.js';
import { hasRealWorldFixture, REAL_WORLD_FIXTURE } from './helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const published = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/ecosystem.schema.json'), 'utf8')) as Record<string, unknown>;
const validate = new Ajv2020({ strict: false, allErrors: true }).compile(published);

describe('schema/ecosystem.schema.json', () => {
  it('is what the zod schemas generate today (run `npm run schema` after changing them)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(ecosystemJsonSchema())));
  });

  it.each([
    ['the example', fs.readFileSync(path.join(ROOT, 'examples/ecosystem.yaml'), 'utf8')],
    ['a clean file', SMALL],
    ['a file with the real-world quirks', QUIRKY],
    ...(hasRealWorldFixture ? [['the real-world file', fs.readFileSync(REAL_WORLD_FIXTURE, 'utf8')] as [string, string]] : []),
  ])('accepts %s', (_name, text) => {
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
  });

  it('flags a bad enum, a record without id and a list written as a number', () => {
    const bad = parse(SMALL) as { coordination: { todos: Record<string, unknown>[] } };
    bad.coordination.todos[0]!['status'] = 'finished';
    delete bad.coordination.todos[1]!['id'];
    bad.coordination.todos[2]!['labels'] = 3;
    expect(validate(bad)).toBe(false);
    const paths = (validate.errors ?? []).map((e) => e.instancePath);
    expect(paths).toEqual(expect.arrayContaining(['/coordination/todos/0/status', '/coordination/todos/1', '/coordination/todos/2/labels']));
  });
});
