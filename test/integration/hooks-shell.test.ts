// Shell hooks, delivered through the outbox by real child processes: payload, filters, retries, timeouts.
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { listDeliveries, listHooks, replayDeliveries } from '../../src/app/hooks-admin.js';
import { updateTodo } from '../../src/app/todos.js';
import type { ConcordError } from '../../src/core/errors.js';
import { drainHooks } from '../../src/hooks/drain.js';
import { fireTestEvent } from '../../src/hooks/fire-test.js';
import { eventually, hookBed } from '../helpers/hooks.js';

const read = (dir: string, name: string) => fs.readFileSync(path.join(dir, name), 'utf8');

describe('shell hooks', () => {
  it('get the event as JSON on stdin and in CONCORD_* variables, from an outbox row written with the change', async () => {
    const bed = hookBed(`hooks:
  - name: capture
    events: [todo:status_changed]
    command: cat > "event-$CONCORD_EVENT_ID.json"; env | grep ^CONCORD_ | sort > "env-$CONCORD_EVENT_ID.txt"
`);
    const write = await updateTodo(bed.ws, 'TODO-2', { status: 'in_progress' });
    const seq = bed.ws.events.list({ types: ['todo:status_changed'] })[0]!.seq;
    // The delivery was queued in the write's own transaction, before anyone delivered it.
    expect(listDeliveries(bed.ws).deliveries).toEqual([expect.objectContaining({ hook: 'capture', event: seq, event_type: 'todo:status_changed', status: 'pending', attempts: 0 })]);
    expect(write.events.map((e) => e.type).sort()).toEqual(['todo:status_changed', 'todo:updated']);

    const summary = await drainHooks(bed.ws);
    expect(summary).toMatchObject({ attempted: 1, delivered: 1, retrying: 0, dead: 0 });
    const body = JSON.parse(read(bed.dir, `event-${seq}.json`)) as Record<string, unknown>;
    expect(body).toEqual({
      id: seq,
      type: 'todo:status_changed',
      entity: { kind: 'todo', id: 'TODO-2' },
      at: '2026-03-02T09:00:00Z',
      actor: 'tester',
      surface: 'cli',
      subject: { title: 'Call the API from the web app', repos: ['web'], priority: 'medium', plan: 'PLAN-1' },
      data: { from: 'pending', to: 'in_progress' },
      delivery: { id: summary.outcomes[0]!.delivery, hook: 'capture', attempt: 1 },
    });
    const env = read(bed.dir, `env-${seq}.txt`);
    for (const v of ['CONCORD_EVENT_TYPE=todo:status_changed', 'CONCORD_ENTITY_ID=TODO-2', 'CONCORD_REPO=web', 'CONCORD_FROM=pending', 'CONCORD_TO=in_progress', 'CONCORD_SURFACE=hook', `CONCORD_ECOSYSTEM=${bed.file}`, 'CONCORD_ATTEMPT=1', 'CONCORD_HOOK=capture']) {
      expect(env).toContain(v + '\n');
    }
    expect(listDeliveries(bed.ws).deliveries[0]).toMatchObject({ status: 'delivered', attempts: 1, last_status: 0, last_error: null });
  });

  it('subscribe by type glob, repo and priority; events caused by hooks reach only hooks that ask', async () => {
    const bed = hookBed(`hooks:
  - name: api-critical
    events: ["*:updated"]
    filter: { repo: [api], priority: critical }
    command: "true"
  - name: everything
    events: ["*"]
    command: "true"
  - name: loops-ok
    events: ["todo:*"]
    on_hook_events: true
    command: "true"
`);
    await updateTodo(bed.ws, 'TODO-2', { priority: 'high' }); // web, now high
    await updateTodo(bed.ws, 'TODO-3', { estimated_hours: 4 }); // api, critical
    const fromHook = bed.open({ CONCORD_SURFACE: 'hook' });
    await updateTodo(fromHook, 'TODO-4', { priority: 'high' });
    fromHook.close();
    const byHook = (name: string) => listDeliveries(bed.ws, { hook: name }).deliveries.map((d) => d.event);
    const ids = (entity: string) => bed.ws.events.list({ entity }).map((e) => e.seq);
    expect(byHook('api-critical')).toEqual(ids('TODO-3'));
    expect(byHook('everything').sort()).toEqual([...ids('TODO-2'), ...ids('TODO-3')].sort());
    expect(byHook('loops-ok').sort()).toEqual([...ids('TODO-2'), ...ids('TODO-3'), ...ids('TODO-4')].sort());
  });

  it('never roll back the change when they fail; retried with backoff, dead-lettered, replayed', async () => {
    const bed = hookBed(`hook_delivery: { backoff_seconds: 60, max_attempts: 3 }
hooks:
  - name: picky
    events: [todo:updated]
    command: 'test -f ready || { echo "not ready yet" >&2; exit 3; }; cat > delivered.json'
`);
    await updateTodo(bed.ws, 'TODO-2', { priority: 'high' });
    expect(read(bed.dir, 'ecosystem.yaml')).toMatch(/id: TODO-2\n(.*\n)*? {6}priority: high/);

    expect(await drainHooks(bed.ws)).toMatchObject({ attempted: 1, retrying: 1 });
    const [d] = listDeliveries(bed.ws).deliveries;
    expect(d).toMatchObject({ status: 'pending', attempts: 1, max_attempts: 3, last_status: 3, last_error: 'exited with code 3: not ready yet', next_attempt_at: '2026-03-02T09:01:00Z' });
    expect((await drainHooks(bed.ws)).attempted).toBe(0); // not due yet
    bed.advance(60);
    expect(await drainHooks(bed.ws)).toMatchObject({ attempted: 1, retrying: 1 });
    expect(listDeliveries(bed.ws).deliveries[0]!.next_attempt_at).toBe('2026-03-02T09:03:00Z'); // 120 s later
    bed.advance(120);
    expect(await drainHooks(bed.ws)).toMatchObject({ attempted: 1, dead: 1 });
    bed.advance(3600);
    expect((await drainHooks(bed.ws)).attempted).toBe(0);
    expect(listDeliveries(bed.ws, { status: 'dead' }).deliveries).toHaveLength(1);

    fs.writeFileSync(path.join(bed.dir, 'ready'), '');
    expect((await replayDeliveries(bed.ws, {})).replayed).toEqual([d!.id]);
    expect(await drainHooks(bed.ws)).toMatchObject({ delivered: 1 });
    expect(JSON.parse(read(bed.dir, 'delivered.json'))).toMatchObject({ type: 'todo:updated', delivery: { attempt: 1 } });
    expect((await replayDeliveries(bed.ws, {})).replayed).toEqual([]);
  });

  it('are killed at their timeout with everything they started, and the attempt counts', async () => {
    const bed = hookBed(`hooks:
  - name: slow
    events: [todo:updated]
    timeout_ms: 300
    max_attempts: 1
    command: 'sleep 30 & echo $! > sleeper.pid; wait'
`);
    await updateTodo(bed.ws, 'TODO-2', { priority: 'high' });
    expect(await drainHooks(bed.ws)).toMatchObject({ attempted: 1, dead: 1, outcomes: [expect.objectContaining({ error: 'timed out after 300 ms' })] });
    const pid = Number(read(bed.dir, 'sleeper.pid'));
    // Gone, or a zombie waiting for init to reap it: either way it no longer runs.
    const gone = () => {
      try {
        return fs.readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.startsWith('Z');
      } catch {
        return true;
      }
    };
    expect(await eventually(gone)).toBe(true);
  });

  it('are delivered once per attempt when two processes drain at the same time', async () => {
    const bed = hookBed(`hooks:
  - name: count
    events: [todo:updated]
    command: echo "$CONCORD_DELIVERY_ID" >> deliveries.log
`);
    for (const [i, id] of ['TODO-2', 'TODO-3', 'TODO-4', 'TODO-5'].entries()) await updateTodo(bed.ws, id, { estimated_hours: 10 + i });
    const other = bed.open();
    const [a, b] = await Promise.all([drainHooks(bed.ws), drainHooks(other)]);
    other.close();
    expect(a.delivered + b.delivered).toBe(4);
    const lines = read(bed.dir, 'deliveries.log').trim().split('\n').sort();
    expect(lines).toEqual([...new Set(lines)]);
    expect(lines).toHaveLength(4);
  });

  it('catch up on events whose enqueue was missed, but never replay history older than the hook', async () => {
    const bed = hookBed(`hooks:
  - name: log
    events: [todo:updated]
    command: "true"
`);
    await updateTodo(bed.ws, 'TODO-2', { priority: 'high' });
    await updateTodo(bed.ws, 'TODO-3', { priority: 'high', force: true });
    // As if the outbox subscriber had failed for the second write: its row is missing, the mark is behind.
    bed.ws.db.prepare('DELETE FROM hook_outbox WHERE id = (SELECT MAX(id) FROM hook_outbox)').run();
    bed.ws.outbox.enqueuedUpto = bed.ws.events.list({ entity: 'TODO-2' })[0]!.seq;
    expect(await drainHooks(bed.ws)).toMatchObject({ delivered: 2 });
    expect(listDeliveries(bed.ws).deliveries.map((d) => d.event).sort()).toEqual(bed.ws.events.list({ types: ['todo:updated'] }).map((e) => e.seq).sort());
  });

  it('fire a sample with `hooks test`, and say what is wrong with a bad request', async () => {
    const bed = hookBed(`hooks:
  - name: capture
    events: ["todo:*"]
    filter: { repo: somewhere-else }
    command: cat > sample.json
  - name: broken
    events: [issue:created]
    command: exit 1
`);
    const r = await fireTestEvent(bed.ws, { event: 'todo:status_changed' });
    expect(r.outcomes).toEqual([expect.objectContaining({ hook: 'capture', ok: true, status: 0 })]);
    expect(JSON.parse(read(bed.dir, 'sample.json'))).toMatchObject({ id: 0, type: 'todo:status_changed', entity: { kind: 'todo', id: 'TODO-SAMPLE' }, data: { from: 'pending', to: 'in_progress' } });
    expect((await fireTestEvent(bed.ws, { event: 'issue:created' })).outcomes[0]).toMatchObject({ hook: 'broken', ok: false, status: 1, error: 'exited with code 1' });
    const bad = (p: Promise<unknown>) => p.catch((e: ConcordError) => e) as Promise<ConcordError>;
    expect(await bad(fireTestEvent(bed.ws, { event: 'todo:complete' }))).toMatchObject({ code: 'INVALID_INPUT', hint: expect.stringMatching(/^todo events are todo:created, /) });
    expect(await bad(fireTestEvent(bed.ws, { event: 'plan:created' }))).toMatchObject({ code: 'HOOK_NOT_FOUND' });
    expect(await bad(fireTestEvent(bed.ws, { event: 'plan:created', hook: 'captur' }))).toMatchObject({ code: 'HOOK_NOT_FOUND', hint: 'did you mean "capture"?' });
    expect(listHooks(bed.ws).hooks.map((h) => [h.name, h.kind, h.problems])).toEqual([['capture', 'shell', []], ['broken', 'shell', []]]);
    expect(bed.ws.events.lastSeq()).toBe(0); // a test firing is not history
  });
});
