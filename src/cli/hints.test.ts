import { describe, expect, it } from 'vitest';
import { arg, hint, op, renderHint } from '../core/hints.js';
import { MCP_HINTS } from '../mcp/hints.js';
import { CLI_HINTS } from './hints.js';

describe('hints', () => {
  const h = hint`use ${arg('plan', 'PLAN-1')} or pass ${arg('force', true)}; then ${op('checkpoint.save', { todo: 'TODO-4', phase: 'P', estimated_hours: 2, note: 'two words' })}`;

  it('are spelt as options and commands on the command line', () => {
    expect(renderHint(h, CLI_HINTS)).toBe('use --plan PLAN-1 or pass --force; then `concord checkpoint save --todo TODO-4 --phase P --estimate 2 --note "two words"`');
  });

  it('give the record a command works on as its argument, not as an option', () => {
    expect(renderHint(hint`cancel it (${op('todo.update', { id: 'TODO-2', status: 'cancelled' })}) or ${op('repo.update', { repo: 'api' })}`, CLI_HINTS)).toBe('cancel it (`concord todo update TODO-2 --status cancelled`) or `concord repo update api`');
  });

  it('are spelt as arguments and tools for MCP callers', () => {
    expect(renderHint(h, MCP_HINTS)).toBe('use plan: "PLAN-1" or pass force: true; then coord_save_checkpoint with {"todo":"TODO-4","phase":"P","estimated_hours":2,"note":"two words"}');
  });

  it('leave a plain sentence as it is', () => {
    expect(renderHint('did you mean TODO-5?', CLI_HINTS)).toBe('did you mean TODO-5?');
    expect(renderHint(undefined, MCP_HINTS)).toBeUndefined();
  });
});
