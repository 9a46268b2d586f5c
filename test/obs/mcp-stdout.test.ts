// `concord mcp`: stdout is the protocol, so logs never go there, even when concord.yaml asks for stdout.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concord } from '../helpers/cli.js';
import { ecosystemDir } from '../helpers/temp.js';

describe('concord mcp and the log destination', () => {
  it('writes the JSON log lines to stderr and only JSON-RPC to stdout', () => {
    const { dir } = ecosystemDir('repos: []\n');
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'observability:\n  log:\n    destination: stdout\n    level: info\n');
    const initialize = { jsonrpc: '2.0', id: 1, method: 'initialize', params: { protocolVersion: '2025-06-18', capabilities: {}, clientInfo: { name: 't', version: '1' } } };
    const r = concord(['mcp'], { cwd: dir, input: JSON.stringify(initialize) + '\n' });
    expect(r.code, r.stderr).toBe(0);
    const out = r.stdout.trim().split('\n');
    expect(out.length).toBeGreaterThan(0);
    for (const line of out) expect(JSON.parse(line)).toMatchObject({ jsonrpc: '2.0' });
    const logs = r.stderr.trim().split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(logs.map((l) => l['msg'])).toEqual(expect.arrayContaining(['MCP server on stdio', expect.stringContaining('logging to stderr instead')]));
  });
});
