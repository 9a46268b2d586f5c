// The MCP error channels: arguments that do not fit are tool results the model can read (SEP-1303, spec
// 2025-11-25), so are domain failures; a tool or resource that does not exist is a protocol error.
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('MCP errors', () => {
  it('answers arguments that do not fit with an isError result naming each argument, and the nearest known one', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const missing = await client.callTool({ name: 'coord_get_todo', arguments: {} });
      expect(missing.isError).toBe(true);
      expect(missing._meta?.['concord/error']).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringMatching(/^invalid arguments for coord_get_todo: id: /), data: { problems: [expect.stringMatching(/^id: /)] } });
      expect((await call(client, 'coord_list_todos', { stauts: ['pending'] })).value['error']).toMatchObject({
        code: 'INVALID_INPUT',
        message: 'invalid arguments for coord_list_todos: stauts: unknown argument',
        hint: 'did you mean status (not stauts)?',
      });
      const wrongType = await call(client, 'coord_create_todo', { task: 'x', repo: 'api', estimated_hours: 'three' });
      expect(wrongType).toMatchObject({ ok: false, value: { error: { code: 'INVALID_INPUT', message: expect.stringContaining('estimated_hours: ') } } });
      // Nothing was written by the refused call.
      expect((await call(client, 'coord_list_todos', { text: 'x' })).value['total']).toBe(0);
    } finally {
      await client.close();
    }
  });

  it('takes one value where a list is expected, on every tool, and names a bad value as it was given', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      expect((await call(client, 'coord_list_dependencies', { consumer: 'api', status: 'unsatisfied' })).value['total']).toBe(1);
      expect((await call(client, 'coord_list_plans', { status: 'active', repo: 'web' })).value['total']).toBe(0);
      expect((await call(client, 'coord_search', { query: 'API', kind: 'todo' })).ok).toBe(true);
      const bad = await call(client, 'coord_list_todos', { priority: 'urgent' });
      expect((bad.value['error'] as { message: string }).message).toMatch(/^invalid arguments for coord_list_todos: priority: /);
    } finally {
      await client.close();
    }
  });

  it('answers an unknown tool or resource with a protocol error, once prefixed', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      await expect(client.callTool({ name: 'coord_no_such_tool', arguments: {} })).rejects.toMatchObject({ code: -32602, message: 'MCP error -32602: unknown tool coord_no_such_tool; list the tools with tools/list' });
      await expect(client.readResource({ uri: 'concord://nothing/1' })).rejects.toMatchObject({ code: -32602, message: expect.stringMatching(/^MCP error -32602: unknown resource concord:\/\/nothing\/1; resources are /) });
      await expect(client.readResource({ uri: 'concord://todo/NOPE' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('TODO_NOT_FOUND') });
    } finally {
      await client.close();
    }
  });
});
