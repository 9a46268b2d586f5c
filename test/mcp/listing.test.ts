// tools/list: what it declares of each tool, what it costs an agent (every client sends it to its model
// on every turn), and the core set for clients that pay for every listed tool.
import { describe, expect, it } from 'vitest';
import { CORE_TOOLS } from '../../src/mcp/tool-sets.js';
import { SMALL } from '../helpers/fixtures.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

/** The budget's measure (bytes / 4, as `npm run bench` reports it). */
const tokens = (value: unknown) => Math.round(Buffer.byteLength(JSON.stringify(value)) / 4);

describe('tools/list', () => {
  it('declares input and output schemas, annotations and a description of each tool', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const { tools } = await client.listTools();
      for (const t of tools) {
        expect(t.inputSchema.type, t.name).toBe('object');
        expect(t.outputSchema?.type, t.name).toBe('object');
        expect(Object.keys(t.outputSchema?.properties ?? {}).length, t.name).toBeGreaterThan(0);
        expect(typeof t.annotations?.readOnlyHint, t.name).toBe('boolean');
        expect(t.description!.length, t.name).toBeGreaterThan(20);
      }
      const byName = new Map(tools.map((t) => [t.name, t]));
      expect(byName.get('coord_list_todos')!.annotations).toEqual({ readOnlyHint: true, openWorldHint: false });
      // Defaults of the spec are left out: a create is not idempotent, an update is destructive.
      expect(byName.get('coord_create_todo')!.annotations).toEqual({ readOnlyHint: false, destructiveHint: false, openWorldHint: false });
      expect(byName.get('coord_update_todo')!.annotations).toEqual({ readOnlyHint: false, idempotentHint: true, openWorldHint: false });
      expect(byName.get('coord_create_todo')!.inputSchema.required).toEqual(['task', 'repo']);
      // A result as the names of its fields; a list of strings as a list (the argument's name says of what).
      expect(byName.get('coord_list_todos')!.outputSchema).toEqual({ type: 'object', properties: { items: {}, total: {}, next_cursor: {} } });
      expect(byName.get('coord_list_todos')!.inputSchema.properties!['label']).toEqual({ type: 'array' });
      expect(byName.get('coord_list_todos')!.inputSchema.properties!['status']).toEqual({ type: 'array', items: { type: 'string', enum: ['pending', 'in_progress', 'blocked', 'completed', 'cancelled'] } });
    } finally {
      await client.close();
    }
  });

  it('costs under 8,000 tokens for every tool, and the core set well under half of that', async () => {
    const { file } = ecosystemDir(SMALL);
    const full = await memoryClient(file);
    const core = await memoryClient(file, { tools: 'core' });
    try {
      const all = await full.listTools();
      const some = await core.listTools();
      expect(all.tools.length).toBeGreaterThan(30);
      expect(tokens(all)).toBeLessThan(8_000);
      expect(some.tools.map((t) => t.name).sort()).toEqual([...CORE_TOOLS].sort());
      expect(tokens(some)).toBeLessThan(3_500);
    } finally {
      await full.close();
      await core.close();
    }
  });

  it('serves only the core tools in a core session, and answers the rest as unknown', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file, { tools: 'core' });
    try {
      expect((await call(client, 'coord_ready_todos')).value['items']).toHaveLength(2);
      await expect(client.callTool({ name: 'coord_get_trends', arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('unknown tool coord_get_trends') });
    } finally {
      await client.close();
    }
  });
});
