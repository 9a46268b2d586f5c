// concord.yaml: the published JSON Schema, and clear errors for every problem (with lines and suggestions).
import fs from 'node:fs';
import path from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readEnvironment } from '../src/app/environment.js';
import { resolveSettings, settingsJsonSchema } from '../src/app/settings.js';
import type { ConcordError } from '../src/core/errors.js';
import { ecosystemDir, tempDir } from './helpers/temp.js';

const ROOT = path.resolve(import.meta.dirname, '..');
const published = JSON.parse(fs.readFileSync(path.join(ROOT, 'schema/concord.schema.json'), 'utf8')) as Record<string, unknown>;

function settingsIn(text: string, env: Record<string, string> = {}) {
  const dir = tempDir();
  fs.writeFileSync(path.join(dir, 'concord.yaml'), text);
  return resolveSettings(dir, readEnvironment(env));
}

function problemsIn(text: string): string[] {
  try {
    settingsIn(text);
  } catch (e) {
    return ((e as ConcordError).data?.['problems'] as string[]) ?? [];
  }
  throw new Error('expected the settings to be refused');
}

describe('concord.yaml', () => {
  it('has a published schema that matches the zod schema (run `npm run schema` after changing it)', () => {
    expect(published).toEqual(JSON.parse(JSON.stringify(settingsJsonSchema())));
  });

  it('accepts the example, by the schema and by Concord', () => {
    const text = fs.readFileSync(path.join(ROOT, 'examples/concord.yaml'), 'utf8');
    const validate = new Ajv2020({ strict: false }).compile(published);
    expect(validate(parse(text)), JSON.stringify(validate.errors)).toBe(true);
    const s = settingsIn(text);
    expect(s.coordination.dependency_check_interval_minutes).toBe(30);
    expect(s.hooks).toHaveLength(1);
  });

  it('reports every problem at once, with its line and the nearest known name', () => {
    const problems = problemsIn('coordination:\n  auto_dependncy_check: false\nlock_timout_ms: 5\nserver:\n  port: "x"\n');
    expect(problems).toEqual(
      expect.arrayContaining([
        'coordination.auto_dependncy_check (line 2): unknown setting "auto_dependncy_check" (did you mean "auto_dependency_check"?)',
        'lock_timout_ms (line 3): unknown setting "lock_timout_ms" (did you mean "lock_timeout_ms"?)',
        expect.stringMatching(/^server\.port \(line 5\): .*expected number/),
      ]),
    );
    expect(problems).toHaveLength(3);
  });

  it("takes the design's coordination block as written (memory_enabled: true is what Concord does), and refuses memory_enabled: false with the reason", () => {
    const block = settingsIn('coordination:\n  enabled: true\n  memory_enabled: true\n  pool_execution_enabled: false\n  auto_dependency_check: true\n  dependency_check_interval_minutes: 30\n');
    expect(block.coordination).toMatchObject({ enabled: true, pool_execution_enabled: false, dependency_check_interval_minutes: 30 });
    expect(problemsIn('coordination:\n  memory_enabled: false\n')).toEqual([
      'coordination.memory_enabled (line 2): the history of events cannot be turned off (the search, hooks and trends read it); set true or delete the line',
    ]);
  });

  it('publishes a schema that speaks for itself (no design-document references such as "seed 004")', () => {
    expect(JSON.stringify(published)).not.toMatch(/seed \d+/i);
  });

  it('lets the environment override the file, and flags override both', () => {
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'lock_timeout_ms: 1000\nserver:\n  port: 9000\n');
    const env = readEnvironment({ CONCORD_LOCK_TIMEOUT_MS: '2000', CONCORD_PORT: '9100' });
    expect(resolveSettings(dir, env)).toMatchObject({ lock_timeout_ms: 2000, server: { port: 9100 } });
    expect(resolveSettings(dir, env, { lockTimeoutMs: 3000, port: 9200 })).toMatchObject({ lock_timeout_ms: 3000, server: { port: 9200 } });
  });

  it("keeps one workspace's environment out of the next one's settings in the same process (defaults are never shared)", () => {
    const dir = tempDir();
    const first = resolveSettings(dir, readEnvironment({ CONCORD_LOG_LEVEL: 'debug', CONCORD_HOST: '0.0.0.0', CONCORD_DATABASE_URL: 'postgres://a/b', OTEL_SERVICE_NAME: 'one' }));
    expect(first).toMatchObject({ observability: { log: { level: 'debug' }, tracing: { service_name: 'one' } }, server: { host: '0.0.0.0' }, queue: { database_url: 'postgres://a/b' } });
    const second = resolveSettings(dir, readEnvironment({}));
    expect(second.observability.log.level).toBe('info');
    expect(second.observability.tracing.service_name).toBe('concord');
    expect(second.server.host).toBe('127.0.0.1');
    expect(second.queue.database_url).toBeUndefined();
  });

  it("names the actor of concord.yaml when neither a flag nor CONCORD_ACTOR does, and theirs when they do", async () => {
    const { Workspace } = await import('../src/app/workspace.js');
    const { dir, file } = ecosystemDir('version: "1.0"\nrepos:\n  - name: api\n    path: ./api\n');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'actor: alice\n');
    expect(new Workspace({ file, env: {} }).actor()).toBe('alice');
    expect(new Workspace({ file, env: { CONCORD_ACTOR: 'bob' } }).actor()).toBe('bob');
    expect(new Workspace({ file, env: { CONCORD_ACTOR: 'bob' }, actor: 'carol' }).actor()).toBe('carol');
  });

  it('checks a token from the environment as it checks one in the file', () => {
    expect(() => settingsIn('', { CONCORD_SERVER_TOKEN: 'short' })).toThrow(/server\.token \(CONCORD_SERVER_TOKEN\): use a token of at least 16 characters/);
    expect(settingsIn('', { CONCORD_SERVER_TOKEN: 'a-long-enough-token-1234' }).server.token).toBe('a-long-enough-token-1234');
  });
});
