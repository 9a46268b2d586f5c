// The prompts of the agent workflow through a real SDK client: start work, report progress, hand over.
import type { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { call, memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

async function promptText(client: Client, name: string, args: Record<string, string> = {}): Promise<string> {
  const r = await client.getPrompt({ name, arguments: args });
  expect(r.messages).toHaveLength(1);
  expect(r.messages[0]!.role).toBe('user');
  return (r.messages[0]!.content as { text: string }).text;
}

describe('MCP prompts', () => {
  it('lists the workflow prompts with their arguments', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const { prompts } = await client.listPrompts();
      expect(prompts.map((p) => [p.name, (p.arguments ?? []).map((a) => `${a.name}${a.required ? '!' : ''}`)])).toEqual([
        ['start_work', ['todo', 'repo']],
        ['report_progress', ['todo!']],
        ['hand_over', ['todo!']],
      ]);
    } finally {
      await client.close();
    }
  });

  it('start_work offers the ready work, or the todo asked for with its notes and last checkpoint, and the calls to make', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const choose = await promptText(client, 'start_work', { repo: 'lib' });
      expect(choose).toContain('Ready work in lib, best first:\n- TODO-5 [medium] lib: Write the changelog (unblocks 0)\n');
      expect(choose).toContain('coord_claim_todo {"id":"TODO-…","agent":"<your name>"}');
      expect(await promptText(client, 'start_work', { repo: 'web' })).toContain('- TODO-2 [medium] web: Call the API from the web app (unblocks 1)');

      await call(client, 'coord_add_note', { id: 'TODO-5', text: 'Release numbers come from the tags' });
      await call(client, 'coord_save_checkpoint', { todo: 'TODO-5', phase: 'drafting', progress: 0.4, note: 'half the entries' });
      const one = await promptText(client, 'start_work', { todo: 'TODO-5' });
      expect(one).toMatch(/^You are starting work on this todo:\nTODO-5: Write the changelog\nrepo lib, status pending, priority medium\n/);
      expect(one).toContain('note by test-agent');
      expect(one).toContain(': Release numbers come from the tags');
      expect(one).toMatch(/last checkpoint: drafting, 40% \(.+\) — half the entries/);
      expect(one).toContain('coord_claim_todo {"id":"TODO-5","agent":"<your name>"}');
      expect(one).toContain('coord_restore_checkpoint {"todo":"TODO-5"}');
    } finally {
      await client.close();
    }
  });

  it('report_progress and hand_over show the claim and name the calls with the todo filled in', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      await call(client, 'coord_claim_todo', { id: 'TODO-2', agent: 'agent-7' });
      const progress = await promptText(client, 'report_progress', { todo: 'TODO-2' });
      expect(progress).toMatch(/\nclaimed by agent-7 until \d{4}-/);
      expect(progress).toContain('coord_add_note {"id":"TODO-2","text":');
      expect(progress).toContain('coord_heartbeat {"id":"TODO-2","token":"<token>"}');
      const handOver = await promptText(client, 'hand_over', { todo: 'TODO-2' });
      expect(handOver).toMatch(/^Hand over this todo:\nTODO-2: Call the API from the web app\n/);
      expect(handOver).toContain('coord_complete_todo {"id":"TODO-2","claim_token":"<token>"');
      expect(handOver).toContain('coord_release_todo {"id":"TODO-2","token":"<token>"}');
    } finally {
      await client.close();
    }
  });

  it('refuses an unknown prompt, a missing argument and an unknown todo with a protocol error', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      await expect(client.getPrompt({ name: 'start_wrok' })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('unknown prompt start_wrok; prompts are start_work, report_progress, hand_over') });
      await expect(client.getPrompt({ name: 'hand_over', arguments: {} })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('prompt hand_over needs todo') });
      await expect(client.getPrompt({ name: 'hand_over', arguments: { todo: 'TODO-55' } })).rejects.toMatchObject({ code: -32602, message: expect.stringContaining('TODO_NOT_FOUND: todo TODO-55 not found') });
    } finally {
      await client.close();
    }
  });
});
