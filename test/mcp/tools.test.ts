// Every MCP tool through a real SDK client, in memory and over Streamable HTTP (Hono in this process):
// the behaviour manifest, with every real result checked against the output schema the tool declares.
import fs from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { fullSchema } from '../../src/mcp/json-schema.js';
import { TOOLS, toolsOf } from '../../src/mcp/registry.js';
import { cliSyntax } from '../helpers/cli-syntax.js';
import { SMALL } from '../helpers/fixtures.js';
import { call, httpApp, httpClient, memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';
import { MANIFEST, ROLE_STEPS, type Step } from './manifest.js';

const ajv = new Ajv2020({ strict: false, allErrors: true });
const full = new Map(toolsOf('all').map((t) => [t.name, ajv.compile(fullSchema(t.output, 'output'))]));

/** Runs the manifest; returns the tools it called. Every result must fit the listed schema and the whole conversion of the tool's output. */
async function runSteps(client: Client, steps: readonly Step[]): Promise<Set<string>> {
  // Listing the tools first also makes the SDK client check each structured result, as agents' clients do.
  const listed = new Map((await client.listTools()).tools.map((t) => [t.name, ajv.compile(t.outputSchema!)]));
  const ctx: Record<string, unknown> = {};
  const called = new Set<string>();
  for (const [i, step] of steps.entries()) {
    const r = await call(client, step.tool, step.args(ctx));
    const label = `step ${i} ${step.tool}: ${JSON.stringify(r.value).slice(0, 300)}`;
    if (step.error) {
      expect(r.ok, label).toBe(false);
      const error = r.value['error'] as { code: string; message: string; hint?: string };
      expect(error.code, label).toBe(step.error);
      // Errors name tools and arguments, never the CLI's commands and options.
      expect(cliSyntax(`${error.message}\n${error.hint ?? ''}`), label).toEqual([]);
    } else {
      expect(r.ok, label).toBe(true);
      for (const [which, validate] of [['listed', listed.get(step.tool)!], ['full', full.get(step.tool)!]] as const) {
        expect(validate(r.value), `${label}\n${which} schema: ${ajv.errorsText(validate.errors)}`).toBe(true);
      }
    }
    step.check(r.value, ctx);
    called.add(step.tool);
  }
  return called;
}

async function runManifest(client: Client, file: string): Promise<Set<string>> {
  const called = await runSteps(client, MANIFEST);
  // Every write went to the file.
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('Fix the flaky build');
  expect(text).toContain('Changelog drafted; needs release numbers');
  expect(text).toMatch(/task: Pin the CI runner image\n(.*\n)*? {6}estimated_hours: 1.5/);
  return called;
}

describe('MCP tools', () => {
  it('behave as the manifest says, in memory, each result fitting its declared output schema; every listed tool is exercised', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const called = await runManifest(client, file);
      const listed = (await client.listTools()).tools.map((t) => t.name).sort();
      expect([...called].sort()).toEqual(listed);
    } finally {
      await client.close();
    }
  });

  it('of the roles, in the tool set all, behave as their steps say', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file, { tools: 'all' });
    try {
      expect([...(await runSteps(client, ROLE_STEPS))].sort()).toEqual(['coord_add_repo', 'coord_add_role', 'coord_remove_repo', 'coord_remove_role', 'coord_update_role']);
      expect(fs.readFileSync(file, 'utf8')).not.toContain('worker');
    } finally {
      await client.close();
    }
  });

  it('behave the same over Streamable HTTP (concord serve\'s /mcp)', async () => {
    const { file } = ecosystemDir(SMALL);
    const http = httpApp(file);
    const client = await httpClient(http.url, { via: http });
    try {
      await runManifest(client, file);
    } finally {
      await client.close();
      await http.close();
    }
  });

  it('hand the warnings of a write to the agent: in the content it reads and in _meta, the result still fitting its schema', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const todo = await call(client, 'coord_create_todo', { task: 'Bump the runtime', repo: 'api', issue: 'ISSUE-1' });
      const r = await client.callTool({ name: 'coord_close_issue', arguments: { id: 'ISSUE-1' } });
      const warning = `issue ISSUE-1 is now closed, but 1 todo under it is still open (${(todo.value['todo'] as { id: string }).id} pending); complete or cancel it`;
      expect(r.isError).toBeFalsy();
      expect(r.structuredContent).toMatchObject({ issue: { id: 'ISSUE-1', status: 'closed' } });
      expect((r.content as { text: string }[]).map((c) => c.text).slice(1)).toEqual([`warning: ${warning}`]);
      expect(r._meta).toEqual({ 'concord/warnings': [warning] });
      const quiet = await client.callTool({ name: 'coord_update_issue', arguments: { id: 'ISSUE-1', labels: ['runtime'] } });
      expect(quiet.content).toHaveLength(1);
      expect(quiet._meta).toBeUndefined();
    } finally {
      await client.close();
    }
  });

  it('the output schemas let a result leave out what the zod schema has optional (the history of a creation has no data)', () => {
    const history = TOOLS.find((t) => t.name === 'coord_get_history')!;
    const validate = ajv.compile(fullSchema(history.output, 'output'));
    const created = { seq: 1, type: 'todo:created', entity: { kind: 'todo', id: 'TODO-1' }, at: '2026-01-31T09:30:00Z', actor: 'a', surface: 'mcp', summary: 'created' };
    expect(validate({ events: [created] }), ajv.errorsText(validate.errors)).toBe(true);
    expect(validate({ events: [{ ...created, seq: 'one' }] })).toBe(false);
  });
});
