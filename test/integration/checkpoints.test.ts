// Checkpoints: saved per todo in the state DB, restored latest or by id, pruned to the retention limit.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listCheckpoints, restoreCheckpoint, saveCheckpoint } from '../../src/app/checkpoints.js';
import { getHistory } from '../../src/app/history.js';
import type { ConcordError } from '../../src/core/errors.js';
import { SMALL } from '../helpers/fixtures.js';
import { workspaceWith } from '../helpers/workspace.js';

const fail = (p: Promise<unknown>) => p.then(() => { throw new Error('expected a refusal'); }, (e: ConcordError) => e);

describe('checkpoints', () => {
  it('saves, restores the latest or one by id, and lists newest first', async () => {
    const { ws } = workspaceWith(SMALL);
    const a = await saveCheckpoint(ws, { todo: 'TODO-2', phase: 'planning', progress: 0.1, state: { files: ['a.ts'] } });
    const b = await saveCheckpoint(ws, { todo: 'TODO-2', phase: 'implementation', progress: 0.75, state: { files: ['a.ts', 'b.ts'], step: 3 }, note: 'tests next' });
    await saveCheckpoint(ws, { todo: 'TODO-3', phase: 'review', progress: 1 });
    expect(await restoreCheckpoint(ws, { todo: 'TODO-2' })).toMatchObject({ id: b.checkpoint.id, phase: 'implementation', progress: 0.75, note: 'tests next', actor: 'tester', surface: 'cli', state: { files: ['a.ts', 'b.ts'], step: 3 } });
    expect(await restoreCheckpoint(ws, { id: a.checkpoint.id })).toMatchObject({ phase: 'planning', state: { files: ['a.ts'] } });
    expect((await restoreCheckpoint(ws, { todo: 'TODO-3' })).state).toEqual({});
    expect((await listCheckpoints(ws, { todo: 'TODO-2' })).checkpoints.map((c) => c.phase)).toEqual(['implementation', 'planning']);
    expect((await listCheckpoints(ws)).checkpoints).toHaveLength(3);
    const event = (await getHistory(ws, { type: 'todo:checkpointed', id: 'TODO-2' })).events[0]!;
    expect(event).toMatchObject({ data: { checkpoint: b.checkpoint.id, phase: 'implementation', progress: 0.75 }, subject: { repos: ['web'] }, summary: `checkpoint ${b.checkpoint.id}: phase implementation, 75%` });
  });

  it('keeps the newest ones per todo up to the retention limit', async () => {
    const { dir } = workspaceWith(SMALL);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'checkpoints:\n  retention: 3\n');
    const { Workspace } = await import('../../src/app/workspace.js');
    const limited = new Workspace({ cwd: dir, actor: 'tester', env: {} });
    const saved = [];
    for (let i = 1; i <= 5; i++) saved.push(await saveCheckpoint(limited, { todo: 'TODO-4', phase: `step ${i}`, progress: i / 5 }));
    await saveCheckpoint(limited, { todo: 'TODO-5', phase: 'other', progress: 0 });
    expect(saved.map((s) => s.pruned)).toEqual([0, 0, 0, 1, 1]);
    expect((await listCheckpoints(limited, { todo: 'TODO-4' })).checkpoints.map((c) => c.phase)).toEqual(['step 5', 'step 4', 'step 3']);
    expect((await fail(restoreCheckpoint(limited, { id: saved[0]!.checkpoint.id }))).code).toBe('CHECKPOINT_NOT_FOUND');
    limited.close();
  });

  it('refuses bad input with the fix and saves nothing', async () => {
    const { ws, dir } = workspaceWith(SMALL);
    expect(await fail(saveCheckpoint(ws, { todo: 'TODO-2', phase: 'x', progress: 75 }))).toMatchObject({ code: 'INVALID_INPUT', message: expect.stringContaining('progress is between 0 and 1 (0.75 for 75%)') });
    expect(await fail(saveCheckpoint(ws, { todo: 'TODO-22', phase: 'x', progress: 0.5 }))).toMatchObject({ code: 'TODO_NOT_FOUND', hint: 'did you mean TODO-2?' });
    expect((await fail(saveCheckpoint(ws, { todo: 'TODO-2', phase: ' ', progress: 0.5 }))).code).toBe('INVALID_INPUT');
    expect(await fail(restoreCheckpoint(ws, { todo: 'TODO-2' }))).toMatchObject({ code: 'CHECKPOINT_NOT_FOUND', hint: ['save one with ', { op: 'checkpoint.save', args: { todo: 'TODO-2', phase: 'P', progress: 0.5 } }] });
    expect((await fail(restoreCheckpoint(ws, { todo: 'TODO-99' }))).code).toBe('TODO_NOT_FOUND');
    expect((await fail(restoreCheckpoint(ws, {}))).message).toContain('give a todo (for its latest checkpoint) or a checkpoint id');
    const saved = await saveCheckpoint(ws, { todo: 'TODO-2', phase: 'x', progress: 0.5 });
    expect((await fail(restoreCheckpoint(ws, { todo: 'TODO-3', id: saved.checkpoint.id }))).message).toBe(`checkpoint ${saved.checkpoint.id} belongs to TODO-2, not TODO-3`);
    fs.writeFileSync(path.join(dir, 'concord.yaml'), 'checkpoints:\n  max_state_bytes: 1024\n');
    const { Workspace } = await import('../../src/app/workspace.js');
    const small = new Workspace({ cwd: dir, actor: 'tester', env: {} });
    expect((await fail(saveCheckpoint(small, { todo: 'TODO-2', phase: 'x', progress: 0.5, state: { blob: 'x'.repeat(2000) } }))).message).toMatch(/more than the 1024 allowed/);
    expect((await listCheckpoints(small)).checkpoints).toHaveLength(1);
    expect((await getHistory(small, { type: 'todo:checkpointed' })).events).toHaveLength(1);
    small.close();
  });
});
