// The tools that hints name over MCP exist, and say where: a tool of the default set by its name, one of the
// tool set all with "(tool set all)"; an operation no tool does is named as its HTTP route.
import { describe, expect, it } from 'vitest';
import { hint, op, renderHint } from '../../src/core/hints.js';
import { HINT_TOOLS, MCP_HINTS } from '../../src/mcp/hints.js';
import { TOOLS, toolsOf } from '../../src/mcp/registry.js';

describe('hints over MCP', () => {
  it('name tools that exist, marking those outside the default set', () => {
    const defaults = new Set(TOOLS.map((t) => t.name));
    const all = new Set(toolsOf('all').map((t) => t.name));
    const named = Object.entries(HINT_TOOLS).flatMap(([id, text]) => (text && text.startsWith('coord_') ? [[id, text] as const] : []));
    expect(named.length).toBeGreaterThan(25);
    for (const [id, text] of named) {
      const [, tool, where] = /^(coord_[a-z_]+)( \(tool set all\))?$/.exec(text) ?? [];
      expect(tool, `${id}: ${text}`).toBeDefined();
      expect(all.has(tool!), `${id}: ${tool} is no tool of the set all`).toBe(true);
      expect(where !== undefined, `${id}: ${tool} ${defaults.has(tool!) ? 'is in the default set' : 'is only in the set all'}`).toBe(!defaults.has(tool!));
    }
  });

  it('name an operation no tool does as its route, and a process to start as the shell command', () => {
    expect(renderHint(hint`resume it instead: ${op('run.resume', { id: 'RUN-1' })}`, MCP_HINTS)).toBe('resume it instead: POST /api/runs/RUN-1/resume (over HTTP: no tool does it)');
    expect(renderHint(hint`start ${op('worker')}`, MCP_HINTS)).toBe('start the shell command `concord worker`');
  });
});
