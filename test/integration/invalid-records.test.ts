// A hand-typed invalid record: named as invalid at its line with the nearest value, and repairable with `todo update`.
import fs from 'node:fs';
import { describe, expect, it } from 'vitest';
import { getTodo } from '../../src/app/queries.js';
import { updateTodo } from '../../src/app/todos.js';
import { ConcordError } from '../../src/core/errors.js';
import { workspaceWith } from '../helpers/workspace.js';
import { CLI_HINTS } from '../../src/cli/hints.js';
import { renderHint } from '../../src/core/hints.js';
import { MCP_HINTS } from '../../src/mcp/hints.js';

const TEXT = `repos:
  - name: api
    path: ./api
coordination:
  todos:
    - id: TODO-1
      task: Build it
      repo: api
      status: pending
    - id: TODO-2
      task: Test it
      repo: api
      status: inprogres
      priority: high
`;

async function refusal(work: Promise<unknown>): Promise<ConcordError> {
  const e = await work.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e, 'the call should have been refused').toBeInstanceOf(ConcordError);
  return e as ConcordError;
}

describe('an invalid record typed by hand', () => {
  it('is reported as invalid at the line of the bad field, with the nearest value, not as not found', async () => {
    const { ws } = workspaceWith(TEXT);
    const e = await refusal(getTodo(ws, 'TODO-2'));
    expect(e.code).toBe('INVALID_RECORD');
    expect(e.message).toMatch(/^todo TODO-2 is invalid at line 13: status "inprogres" is not a valid todo status.*\(did you mean "in_progress"\?\)$/);
    expect(renderHint(e.hint, CLI_HINTS)).toBe('fix it with `concord todo update TODO-2 --status <value>`, or by hand in ecosystem.yaml; `concord lint` lists every problem');
    expect(renderHint(e.hint, MCP_HINTS)).toBe('fix it with coord_update_todo with {"id":"TODO-2","status":"<value>"}, or by hand in ecosystem.yaml; coord_lint (tool set all) lists every problem');
    expect(e.data).toMatchObject({ id: 'TODO-2', line: 13, problems: [{ field: 'status' }] });
    ws.close();
  });

  it('is named as invalid when another todo is made to wait on it, and nothing is written', async () => {
    const { ws, file } = workspaceWith(TEXT);
    const e = await refusal(updateTodo(ws, 'TODO-1', { blocked_by: ['TODO-2'] }));
    expect(e.code).toBe('INVALID_RECORD');
    expect(e.message).toMatch(/^TODO-1 blocked_by: todo TODO-2 is invalid at line 13/);
    expect(fs.readFileSync(file, 'utf8')).toBe(TEXT);
    ws.close();
  });

  it('is repaired by `todo update` with the bad field, and refused while the bad field is not given', async () => {
    const { ws, file } = workspaceWith(TEXT);
    const partial = await refusal(updateTodo(ws, 'TODO-2', { priority: 'low' }));
    expect(partial.code).toBe('INVALID_RECORD');
    expect(fs.readFileSync(file, 'utf8')).toBe(TEXT);

    const still = await refusal(updateTodo(ws, 'TODO-2', { status: 'in_progress', add_blocked_by: ['TODO-1'] }));
    expect(still.message).toBe('todo TODO-2 is invalid, so add_blocked_by cannot be changed yet: repair status first');

    const r = await updateTodo(ws, 'TODO-2', { status: 'in_progress' });
    expect(r.todo).toMatchObject({ id: 'TODO-2', status: 'in_progress', priority: 'high' });
    const text = fs.readFileSync(file, 'utf8');
    expect(text).toContain('      status: in_progress\n      priority: high\n');
    expect(text).not.toContain('inprogres');
    expect((await getTodo(ws, 'TODO-2')).todo.status).toBe('in_progress');
    ws.close();
  });

  it('refuses a repair that leaves the record invalid, writing nothing', async () => {
    const { ws, file } = workspaceWith(TEXT);
    const e = await refusal(updateTodo(ws, 'TODO-2', { status: 'completed', repo: 'nowhere' }));
    expect(e.code).toBe('UNKNOWN_REFERENCE');
    expect(fs.readFileSync(file, 'utf8')).toBe(TEXT);
    ws.close();
  });
});
