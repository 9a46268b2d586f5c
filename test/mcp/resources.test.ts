// MCP resources: the ecosystem summary and each record by URI, read through a real SDK client.
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('MCP resources', () => {
  it('serves the ecosystem summary and each record as resources', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const { resources } = await client.listResources();
      expect(resources.map((r) => r.uri)).toEqual(['concord://ecosystem']);
      const { resourceTemplates } = await client.listResourceTemplates();
      expect(resourceTemplates.map((t) => t.uriTemplate)).toEqual(['concord://todo/{id}', 'concord://issue/{id}', 'concord://plan/{id}', 'concord://dependency/{id}', 'concord://repo/{name}']);
      const read = async (uri: string) => JSON.parse(((await client.readResource({ uri })).contents[0] as { text: string }).text);
      expect((await read('concord://ecosystem')).counts.repos).toBe(3);
      expect((await read('concord://todo/TODO-2')).todo.task).toBe('Call the API from the web app');
      expect((await read('concord://repo/backend')).repo.name).toBe('api');
      expect(await read('concord://dependency/DEP-2')).toMatchObject({ consumer: 'api', provider: 'lib' });
    } finally {
      await client.close();
    }
  });
});
