// Every MCP tool through a real SDK client, over stdio and over Streamable HTTP, against the built server.
import fs from 'node:fs';
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { afterAll, describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, httpClient, serve, type Served, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';
import { MANIFEST } from './manifest.js';

async function runManifest(client: Client, file: string) {
  // Listing the tools first makes the SDK client check every structured result against its output schema,
  // as agents' clients do.
  await client.listTools();
  const ctx: Record<string, unknown> = {};
  for (const [i, step] of MANIFEST.entries()) {
    const r = await call(client, step.tool, step.args(ctx));
    const label = `step ${i} ${step.tool}: ${JSON.stringify(r.value).slice(0, 300)}`;
    if (step.error) {
      expect(r.ok, label).toBe(false);
      expect((r.value['error'] as { code: string }).code, label).toBe(step.error);
    } else expect(r.ok, label).toBe(true);
    step.check(r.value, ctx);
  }
  // Every write went to the file, and nothing else changed its validity.
  const text = fs.readFileSync(file, 'utf8');
  expect(text).toContain('Fix the flaky build');
  expect(text).toContain('Changelog drafted; needs release numbers');
}

const used = new Set<string>();

describe('MCP over stdio (concord mcp)', () => {
  it('serves every tool of the manifest with the documented behaviour', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await stdioClient(file, { CONCORD_ACTOR: '' });
    try {
      await runManifest(client, file);
      for (const s of MANIFEST) used.add(s.tool);
    } finally {
      await client.close();
    }
  });

  it('answers malformed arguments with a protocol error, not a tool result', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await stdioClient(file);
    try {
      await expect(client.callTool({ name: 'coord_get_todo', arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('id:') });
      await expect(client.callTool({ name: 'coord_list_todos', arguments: { stauts: ['pending'] } })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('stauts') });
      // The message names the problem once, without the protocol prefix twice.
      await expect(client.callTool({ name: 'coord_list_todos', arguments: { status: ['finished'] } })).rejects.toMatchObject({
        code: -32602,
        message: expect.stringMatching(/^MCP error -32602: invalid arguments for coord_list_todos: status/),
      });
      await expect(client.callTool({ name: 'coord_no_such_tool', arguments: {} })).rejects.toMatchObject({ code: -32602 });
    } finally {
      await client.close();
    }
  });

  it('lists tools with input and output schemas and annotations', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await stdioClient(file);
    try {
      const { tools } = await client.listTools();
      for (const t of tools) {
        expect(t.inputSchema.type, t.name).toBe('object');
        expect(t.outputSchema?.type, t.name).toBe('object');
        expect(typeof t.annotations?.readOnlyHint, t.name).toBe('boolean');
        expect(t.description!.length, t.name).toBeGreaterThan(20);
      }
      const byName = new Map(tools.map((t) => [t.name, t]));
      expect(byName.get('coord_list_todos')!.annotations).toMatchObject({ readOnlyHint: true });
      expect(byName.get('coord_create_todo')!.annotations).toMatchObject({ readOnlyHint: false, destructiveHint: false, idempotentHint: false });
      expect(byName.get('coord_create_todo')!.inputSchema.required).toEqual(['task', 'repo']);
    } finally {
      await client.close();
    }
  });

  it('serves the ecosystem summary and each record as resources', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await stdioClient(file);
    try {
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toEqual(['concord://ecosystem']);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['concord://todo/{id}', 'concord://issue/{id}', 'concord://plan/{id}', 'concord://dependency/{id}', 'concord://repo/{name}']);
      const summary = JSON.parse(((await client.readResource({ uri: 'concord://ecosystem' })).contents[0] as { text: string }).text);
      expect(summary.counts.repos).toBe(3);
      const todo = JSON.parse(((await client.readResource({ uri: 'concord://todo/TODO-2' })).contents[0] as { text: string }).text);
      expect(todo.todo.task).toBe('Call the API from the web app');
      const repo = JSON.parse(((await client.readResource({ uri: 'concord://repo/backend' })).contents[0] as { text: string }).text);
      expect(repo.repo.name).toBe('api');
      await expect(client.readResource({ uri: 'concord://todo/NOPE' })).rejects.toMatchObject({ message: expect.stringContaining('TODO_NOT_FOUND') });
    } finally {
      await client.close();
    }
  });
});

describe('MCP over Streamable HTTP (concord serve)', () => {
  let server: Served | undefined;
  afterAll(async () => server?.stop());

  it('serves the same manifest with the same results', async () => {
    const { file } = ecosystemDir(SMALL);
    server = await serve(file);
    const client = await httpClient(server.url);
    try {
      await runManifest(client, file);
    } finally {
      await client.close();
    }
  });

  it('exercises every tool the server lists', async () => {
    const client = await httpClient(server!.url);
    try {
      const listed = (await client.listTools()).tools.map((t) => t.name).sort();
      expect([...used].sort()).toEqual(listed);
    } finally {
      await client.close();
    }
  });
});
