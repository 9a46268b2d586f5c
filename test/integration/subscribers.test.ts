// A failing subscriber (search, hook outbox) never loses or rolls back the change, and catches up later.
import { describe, expect, it } from 'vitest';
import { claimDueDeliveries } from '../../src/app/hook-deliveries.js';
import { listDeliveries } from '../../src/app/hooks-admin.js';
import { search } from '../../src/app/search.js';
import { createTodo, updateTodo } from '../../src/app/todos.js';
import { drainHooks } from '../../src/hooks/drain.js';
import { hookBed } from '../helpers/hooks.js';

const LOG_HOOK = `hooks:
  - name: log
    events: [todo:*]
    command: echo "$CONCORD_EVENT_TYPE $CONCORD_ENTITY_ID" >> seen.log
`;

describe('subscribers', () => {
  it('a failing outbox leaves the change written, warns, and its deliveries are queued on the next drain', async () => {
    const bed = hookBed(LOG_HOOK);
    bed.ws.db.exec("CREATE TEMP TRIGGER outbox_fails BEFORE INSERT ON hook_outbox BEGIN SELECT RAISE(ABORT, 'disk says no'); END;");
    const write = await updateTodo(bed.ws, 'TODO-2', { priority: 'high' });
    expect(write.changed).toBe(true);
    expect(bed.ws.index.record('todos', 'TODO-2')!.record['priority']).toBe('high');
    expect(bed.ws.events.list({ entity: 'TODO-2' })).toHaveLength(1);
    expect(bed.warnings).toEqual([expect.stringMatching(/^the hook outbox could not be updated \(disk says no\); it catches up/)]);
    expect(listDeliveries(bed.ws).deliveries).toEqual([]);
    bed.ws.db.exec('DROP TRIGGER outbox_fails');
    expect(await drainHooks(bed.ws)).toMatchObject({ delivered: 1 });
  });

  it('a failing search index leaves the change written and is rebuilt on the next search', async () => {
    const bed = hookBed('');
    await search(bed.ws, { query: 'anything' }); // built
    bed.ws.db.exec("CREATE TEMP TRIGGER search_fails BEFORE INSERT ON search_docs BEGIN SELECT RAISE(ABORT, 'fts is unwell'); END;");
    const t = await createTodo(bed.ws, { task: 'Rotate the signing keys', repo: 'api' });
    expect(bed.ws.index.record('todos', t.todo.id)).toBeDefined();
    expect(bed.warnings.some((w) => w.startsWith('the search index could not be updated (fts is unwell)'))).toBe(true);
    bed.ws.db.exec('DROP TRIGGER search_fails');
    expect((await search(bed.ws, { query: 'signing keys', kind: 'todo' })).results.map((r) => r.id)).toEqual([t.todo.id]);
  });

  it('a search whose events fell behind reads the missed ones from the history on the next write', async () => {
    const bed = hookBed('');
    await search(bed.ws, { query: 'anything' }); // built
    bed.ws.db.exec("CREATE TEMP TRIGGER events_fail BEFORE INSERT ON search_docs WHEN NEW.kind = 'event' BEGIN SELECT RAISE(ABORT, 'fts is unwell'); END;");
    await updateTodo(bed.ws, 'TODO-2', { priority: 'high' });
    const missed = bed.ws.events.lastSeq();
    expect(bed.ws.search.eventsUpto).toBeLessThan(missed);
    bed.ws.db.exec('DROP TRIGGER events_fail');
    await updateTodo(bed.ws, 'TODO-2', { priority: 'low' });
    expect(bed.ws.search.eventsUpto).toBe(bed.ws.events.lastSeq());
    const indexed = bed.ws.db.prepare("SELECT ref FROM search_docs WHERE kind = 'event'").pluck().all();
    expect(indexed).toEqual(expect.arrayContaining([String(missed), String(bed.ws.events.lastSeq())]));
  });

  it('a deliverer that died mid-attempt leaves a lease; once it expires the delivery is taken up again', async () => {
    const bed = hookBed(LOG_HOOK);
    await updateTodo(bed.ws, 'TODO-2', { priority: 'high' });
    const [claim] = await claimDueDeliveries(bed.ws, 10); // ...and the process dies here
    expect(claim).toMatchObject({ attempt: 1 });
    expect((await drainHooks(bed.ws)).attempted).toBe(0); // still leased
    bed.advance(5 + 30 + 1); // the hook's timeout, the margin, a second
    expect(await drainHooks(bed.ws)).toMatchObject({ delivered: 1, outcomes: [expect.objectContaining({ attempt: 2 })] });
  });
});
