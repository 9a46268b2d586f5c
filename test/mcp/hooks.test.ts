// Long-running servers deliver hooks while they run: a change made over stdio MCP reaches a shell hook
// (`concord serve` does the same: serve-background.test.ts).
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { eventually } from '../helpers/hooks.js';
import { call, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('hooks from long-running servers', () => {
  it('concord mcp (stdio) delivers a change made through it while it keeps serving', async () => {
    const { dir, file } = ecosystemDir(SMALL);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'hooks:\n  - name: log\n    events: [todo:updated, todo:checkpointed]\n    command: echo "$CONCORD_EVENT_TYPE $CONCORD_ENTITY_ID $CONCORD_EVENT_SURFACE" >> seen.log\n');
    const seen = () => (fs.existsSync(path.join(dir, 'seen.log')) ? fs.readFileSync(path.join(dir, 'seen.log'), 'utf8') : '');
    const client = await stdioClient(file);
    try {
      expect((await call(client, 'coord_save_checkpoint', { todo: 'TODO-3', phase: 'design', progress: 0.2 })).ok).toBe(true);
      expect(await eventually(() => seen().includes('todo:checkpointed TODO-3 mcp'), 15_000)).toBe(true);
      expect((await call(client, 'coord_update_todo', { id: 'TODO-2', priority: 'high' })).ok).toBe(true);
      expect(await eventually(() => seen().includes('todo:updated TODO-2 mcp'), 15_000)).toBe(true);
    } finally {
      await client.close();
    }
  });
});
