// The documented tools and the served tools are the same list, so a documented tool can never be missing.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SMALL } from '../helpers/fixtures.js';
import { memoryClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';
import { MANIFEST } from './manifest.js';

const documented = () =>
  [...fs.readFileSync(path.resolve(import.meta.dirname, '../../docs/mcp.md'), 'utf8').matchAll(/^\| `(coord_[a-z_]+)` \|/gm)].map((m) => m[1]!).sort();

describe('docs/mcp.md', () => {
  it('documents exactly the tools the server lists', async () => {
    const { file } = ecosystemDir(SMALL);
    const client = await memoryClient(file);
    try {
      const served = (await client.listTools()).tools.map((t) => t.name).sort();
      expect(documented()).toEqual(served);
    } finally {
      await client.close();
    }
  });

  it('has every documented tool exercised by the behaviour manifest', () => {
    expect([...new Set(MANIFEST.map((s) => s.tool))].sort()).toEqual(documented());
  });

  it('names at least the tools the seed documented', () => {
    const seed = ['coord_list_issues', 'coord_get_issue', 'coord_create_issue', 'coord_update_issue', 'coord_close_issue', 'coord_list_todos', 'coord_get_todo', 'coord_create_todo', 'coord_update_todo', 'coord_complete_todo', 'coord_get_blocking_issues', 'coord_get_repo_status', 'coord_list_plans', 'coord_get_plan', 'coord_create_plan', 'coord_update_plan', 'coord_list_dependencies', 'coord_get_ecosystem_status', 'coord_ready_todos', 'coord_claim_todo', 'coord_heartbeat', 'coord_release_todo', 'coord_add_note', 'coord_dep_graph'];
    expect(documented()).toEqual(expect.arrayContaining(seed));
  });
});
