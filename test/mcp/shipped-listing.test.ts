// From the bundle, tools/list is the listing the build computed (dist/concord/tools.json, scripts/bundle.mjs)
// instead of converting every tool's schemas at start: it must be exactly what the sources give.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { SHIPPED_LISTING } from '../../src/mcp/listing.js';
import { TOOL_SETS } from '../../src/mcp/tool-sets.js';
import { SMALL } from '../helpers/fixtures.js';
import { memoryClient, stdioClient } from '../helpers/mcp.js';
import { ecosystemDir } from '../helpers/temp.js';

/** Where `npm run build` writes the bundle's parts (bin/concord.cjs loads them from there). */
const BUNDLE_DIR = path.resolve(import.meta.dirname, '../../dist/concord');

describe('the tool listing the build ships', () => {
  it('is, for every tool set, what the tools give in-process, and what concord mcp lists', async () => {
    const shipped = JSON.parse(fs.readFileSync(path.join(BUNDLE_DIR, SHIPPED_LISTING), 'utf8')) as Record<string, unknown[]>;
    expect(Object.keys(shipped).sort()).toEqual([...TOOL_SETS].sort());
    const { file } = ecosystemDir(SMALL);
    for (const set of TOOL_SETS) {
      const memory = await memoryClient(file, { tools: set });
      const computed = (await memory.listTools()).tools;
      await memory.close();
      expect(computed.length).toBeGreaterThan(10);
      expect(shipped[set]).toEqual(computed);
      const stdio = await stdioClient(file, {}, 'test-agent', ['--tools', set]);
      try {
        expect((await stdio.listTools()).tools).toEqual(computed);
      } finally {
        await stdio.close();
      }
    }
  });
});
