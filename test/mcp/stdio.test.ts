// `concord mcp` as a process: the protocol framed on stdin/stdout (nothing else on stdout), the tool set
// chosen with --tools, writes reaching the file.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('concord mcp (stdio)', () => {
  it('serves tools and prompts over stdin/stdout, and its writes reach the file', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await stdioClient(file, { CONCORD_ACTOR: '' }, 'stdio-agent');
    try {
      expect(client.getServerVersion()?.name).toBe('concord');
      expect((await client.listTools()).tools.length).toBeGreaterThan(30);
      expect((await client.listPrompts()).prompts.map((p) => p.name)).toEqual(['start_work', 'report_progress', 'hand_over']);
      const ready = await call(client, 'coord_ready_todos', { repo: 'lib' });
      expect((ready.value['items'] as { id: string }[]).map((t) => t.id)).toEqual(['TODO-5']);
      const note = await call(client, 'coord_add_note', { id: 'TODO-5', text: 'Sent over stdio' });
      expect(note.value).toMatchObject({ note: { author: 'stdio-agent', text: 'Sent over stdio' } });
      expect(fs.readFileSync(file, 'utf8')).toContain('Sent over stdio');
      const bad = await client.callTool({ name: 'coord_get_todo', arguments: { id: 7 } });
      expect(bad.isError).toBe(true);
    } finally {
      await client.close();
    }
  });

  it('serves the core tool set with --tools core', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await stdioClient(file, {}, 'core-agent', ['--tools', 'core']);
    try {
      const names = (await client.listTools()).tools.map((t) => t.name);
      expect(names).toContain('coord_claim_todo');
      expect(names).not.toContain('coord_dep_graph');
    } finally {
      await client.close();
    }
  });
});
