// history, search, trends, checkpoint and hooks through the built CLI, as a user or an agent runs them.
// The commands run in this process (concordInProcess): what they do and print is under test, not the process.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { concordInProcess as concord } from '../helpers/cli.js';
import { SMALL } from '../helpers/fixtures.js';
import { ecosystemDir } from '../helpers/temp.js';

function withHooks(yaml: string) {
  const { dir, file } = ecosystemDir(SMALL);
  fs.writeFileSync(path.join(dir, 'concord.yaml'), yaml);
  return { dir, file };
}

describe('concord checkpoint', () => {
  it('saves a JSON state file, restores it, lists it; the write runs the hooks before the command exits', () => {
    const { dir } = withHooks(`hooks:
  - name: capture
    events: [todo:checkpointed]
    command: cat > checkpointed.json
`);
    fs.writeFileSync(path.join(dir, 'state.json'), JSON.stringify({ branch: 'wire-up', done: ['api'] }));
    const saved = concord(['checkpoint', 'save', '--todo', 'TODO-2', '--phase', 'implementation', '--progress', '75%', '--state', 'state.json', '--note', 'tests next', '--json'], { cwd: dir });
    expect(saved.stderr).toBe('');
    expect(saved.code).toBe(0);
    expect(saved.json()).toMatchObject({ checkpoint: { id: 1, todo: 'TODO-2', phase: 'implementation', progress: 0.75, actor: 'e2e', surface: 'cli' }, pruned: 0 });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'checkpointed.json'), 'utf8'))).toMatchObject({ type: 'todo:checkpointed', entity: { id: 'TODO-2' }, data: { checkpoint: 1, progress: 0.75 } });

    const restored = concord(['checkpoint', 'restore', '--todo', 'TODO-2', '--state-only'], { cwd: dir });
    expect(JSON.parse(restored.stdout)).toEqual({ branch: 'wire-up', done: ['api'] });
    const human = concord(['checkpoint', 'restore', '--todo', 'TODO-2'], { cwd: dir });
    expect(human.stdout).toContain('checkpoint 1 of TODO-2: implementation, 75%');
    expect(human.stdout).toContain('note: tests next');
    expect(concord(['checkpoint', 'list'], { cwd: dir }).stdout).toMatch(/1 +TODO-2 +implementation +75%/);
    expect(concord(['hooks', 'deliveries', '--json'], { cwd: dir }).json()).toEqual({ deliveries: [expect.objectContaining({ hook: 'capture', status: 'delivered', attempts: 1 })] });
  });

  it('exits 0 with the change saved when a hook hangs, reporting the hook on stderr', () => {
    const { dir } = withHooks(`hooks:
  - name: slow
    events: ["*"]
    timeout_ms: 300
    command: sleep 30
`);
    const r = concord(['checkpoint', 'save', '--todo', 'TODO-3', '--phase', 'review', '--progress', '0.5'], { cwd: dir });
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('checkpoint 1 of TODO-3: review, 50%');
    expect(r.stderr).toMatch(/^hook "slow" failed on event 1 \(attempt 1\): timed out after 300 ms; will retry \(concord hooks deliveries\)\n$/);
    expect(concord(['checkpoint', 'restore', '--todo', 'TODO-3', '--json'], { cwd: dir }).json()).toMatchObject({ phase: 'review' });
    expect(concord(['hooks', 'deliveries', '--json'], { cwd: dir }).json()).toEqual({ deliveries: [expect.objectContaining({ status: 'pending', attempts: 1, last_error: 'timed out after 300 ms' })] });
  });

  it('refuses bad input with exit 1 and the fix, saving nothing', () => {
    const { dir } = ecosystemDir(SMALL);
    const r = concord(['checkpoint', 'save', '--todo', 'TODO-2', '--phase', 'x', '--progress', 'most'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('INVALID_INPUT: --progress "most" is not a number');
    fs.writeFileSync(path.join(dir, 'bad.json'), '{ nope');
    expect(concord(['checkpoint', 'save', '--todo', 'TODO-2', '--phase', 'x', '--progress', '0.5', '--state', 'bad.json'], { cwd: dir }).stderr).toMatch(/the state file bad.json is not JSON/);
    expect(concord(['checkpoint', 'save', '--todo', 'TODO-2', '--phase', 'x', '--progress', '0.5', '--state', 'missing.json'], { cwd: dir }).stderr).toContain('cannot read the state file missing.json: ENOENT');
    expect(concord(['checkpoint', 'list', '--json'], { cwd: dir }).json()).toEqual({ checkpoints: [] });
  });
});

describe('concord history, search, trends', () => {
  it('records a hand edit on the next command and finds it', () => {
    const { dir, file } = ecosystemDir(SMALL);
    expect(concord(['status'], { cwd: dir }).code).toBe(0);
    fs.writeFileSync(file, fs.readFileSync(file, 'utf8').replace('task: Write the changelog', 'task: Write the release notes'));
    const h = concord(['history', 'TODO-5', '--json'], { cwd: dir });
    expect(h.code).toBe(0);
    expect(h.json()).toEqual({ events: [expect.objectContaining({ type: 'todo:updated', surface: 'file', actor: '(external edit)', summary: 'task: Write the changelog → Write the release notes' })] });
    expect(concord(['history'], { cwd: dir }).stdout).toMatch(/\(external edit\) +file +todo:updated +TODO-5 +task: Write the changelog → Write the release notes/);
    const s = concord(['search', 'release', 'note', '--json'], { cwd: dir }).json() as { results: { kind: string; id: string; snippet: string }[] };
    expect(s.results.map((r) => `${r.kind} ${r.id}`)).toEqual(['todo TODO-5', 'event TODO-5']);
    expect(s.results[0]!.snippet).toBe('Write the **release** **notes**');
    expect(concord(['search', 'release', '--kind', 'todo'], { cwd: dir }).stdout).toContain('TODO-5  todo  Write the release notes  [lib]\n    Write the **release** notes');
  });

  it('shows trends as JSON and text', () => {
    const { dir } = ecosystemDir(SMALL);
    const t = concord(['trends', '--weeks', '4', '--json'], { cwd: dir });
    expect(t.code).toBe(0);
    const trends = t.json() as { weeks: unknown[]; plans: { id: string; total: number; milestones: { id: string }[] }[] };
    expect(trends.weeks).toHaveLength(4);
    expect(trends.plans.map((p) => [p.id, p.total, p.milestones.map((m) => m.id)])).toEqual([['PLAN-1', 3, ['MILESTONE-1']]]);
    expect(concord(['trends'], { cwd: dir }).stdout).toContain('PLAN-1 Launch (active): 1 of 3 done, 2 remaining (7 h)');
  });

  it('refuses bad queries: exit 1 with the fix, exit 2 for usage', () => {
    const { dir } = ecosystemDir(SMALL);
    const since = concord(['history', '--since', 'whenever'], { cwd: dir });
    expect(since.code).toBe(1);
    expect(since.stderr).toContain('INVALID_INPUT: since: "whenever" is not a time');
    expect(concord(['history', 'TODO-55'], { cwd: dir }).stderr).toMatch(/ITEM_NOT_FOUND: TODO-55 is not an item/);
    expect(concord(['search'], { cwd: dir }).code).toBe(2);
    expect(concord(['trends', '--plan', 'PLAN-9'], { cwd: dir }).stderr).toContain('PLAN_NOT_FOUND: plan PLAN-9 not found');
  });
});

describe('concord hooks', () => {
  it('lists hooks, fires a test event (exit 1 when a hook fails), and replays dead deliveries', () => {
    const { dir } = withHooks(`hook_delivery: { max_attempts: 1 }
hooks:
  - name: ok
    events: [todo:*]
    command: cat > sample.json
  - name: failing
    events: [todo:checkpointed]
    command: echo broken >&2; exit 2
`);
    expect(concord(['hooks', 'list'], { cwd: dir }).stdout).toContain('ok (shell) cat > sample.json');
    const fired = concord(['hooks', 'test', 'todo:created', '--json'], { cwd: dir });
    expect(fired.code).toBe(0);
    expect(fired.json()).toMatchObject({ outcomes: [{ hook: 'ok', ok: true, status: 0 }] });
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'sample.json'), 'utf8'))).toMatchObject({ type: 'todo:created' });
    const failing = concord(['hooks', 'test', 'todo:checkpointed'], { cwd: dir });
    expect(failing.code).toBe(1);
    expect(failing.stdout).toContain('FAILED failing');
    expect(failing.stderr).toContain('HOOK_FAILED: failing did not accept the sample event');

    concord(['checkpoint', 'save', '--todo', 'TODO-2', '--phase', 'x', '--progress', '0.1'], { cwd: dir });
    const dead = concord(['hooks', 'deliveries', '--status', 'dead', '--json'], { cwd: dir }).json() as { deliveries: { id: number; last_error: string }[] };
    expect(dead.deliveries).toEqual([expect.objectContaining({ last_error: 'exited with code 2: broken' })]);
    const replay = concord(['hooks', 'replay', '--json'], { cwd: dir });
    expect(replay.json()).toMatchObject({ replayed: [dead.deliveries[0]!.id], drained: { attempted: 1, dead: 1 } });
    expect(concord(['hooks', 'run', '--json'], { cwd: dir }).json()).toMatchObject({ attempted: 0 });
    expect(concord(['hooks', 'test', 'todo:finished'], { cwd: dir }).stderr).toMatch(/INVALID_INPUT: "todo:finished" is not an event type\n {2}hint: todo events are/);
  });

  it('refuses an invalid hooks section with every problem and its path', () => {
    const { dir } = withHooks(`hooks:
  - name: a
    events: [todo:done]
    command: x
    url: http://127.0.0.1:1/
`);
    const r = concord(['status'], { cwd: dir });
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('INVALID_SETTINGS');
    expect(r.stderr).toContain('hooks.0 (line 2): give exactly one of command (shell) or url (webhook)');
    expect(r.stderr).toContain('hooks.0.events.0 (line 3): "todo:done" matches no event type');
  });
});

describe('hooks after the commands of the CLI', () => {
  it('deliver a `todo update` and a `todo note` before the command exits, and find the note', () => {
    const { dir } = withHooks(`hooks:
  - name: log
    events: [todo:status_changed, todo:note_added]
    command: echo "$CONCORD_EVENT_TYPE $CONCORD_ENTITY_ID $CONCORD_TO" >> seen.log
`);
    expect(concord(['todo', 'update', 'TODO-2', '--status', 'in_progress'], { cwd: dir }).code).toBe(0);
    expect(concord(['todo', 'note', 'TODO-2', 'Waiting for the staging certificate'], { cwd: dir }).code).toBe(0);
    expect(fs.readFileSync(path.join(dir, 'seen.log'), 'utf8')).toBe('todo:status_changed TODO-2 in_progress\ntodo:note_added TODO-2 \n');
    const found = concord(['search', 'certificates', '--kind', 'note', '--json'], { cwd: dir }).json() as { results: { id: string; snippet: string }[] };
    expect(found.results.map((r) => [r.id, r.snippet])).toEqual([['TODO-2', 'Waiting for the staging **certificate** e2e']]);
    // With the drain after writes turned off, the delivery waits in the outbox for `hooks run`.
    const off = concord(['todo', 'complete', 'TODO-2'], { cwd: dir, env: { CONCORD_HOOKS_AFTER_WRITE: '0' } });
    expect(off.code).toBe(0);
    expect(concord(['hooks', 'deliveries', '--status', 'pending', '--json'], { cwd: dir }).json()).toEqual({ deliveries: [expect.objectContaining({ event_type: 'todo:status_changed', attempts: 0 })] });
    expect(concord(['hooks', 'run', '--json'], { cwd: dir }).json()).toMatchObject({ delivered: 1 });
    expect(fs.readFileSync(path.join(dir, 'seen.log'), 'utf8')).toMatch(/todo:status_changed TODO-2 completed\n$/);
  });
});
