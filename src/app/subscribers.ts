// The subscribers every workspace attaches to its index and its history: search, the hook outbox, activities.
//
// They run inside the transaction of the change, each in its own savepoint: one that fails is rolled
// back alone, reported, and caught up later (both keep a high-water mark), so it never loses or rolls
// back the change that triggered it.
import { subjectOf } from '../core/event-subject.js';
import { SECTION_OF_KIND } from '../core/sections.js';
import { enqueueHookDeliveries } from './hook-outbox.js';
import { enqueueActivityEvents } from './scheduling/event-queue.js';
import { markSearchStale, syncSearchEvents, syncSearchItems } from './search-sync.js';
import type { WorkspaceCore as Workspace } from './workspace-core.js';

export function attachSubscribers(ws: Workspace): void {
  // Events made outside the record diff (claims, checkpoints, checks) get their subject from the record.
  ws.events.describe = (entity) => {
    // A milestone's record is its plan's: it has no subject of its own.
    if (entity.kind === 'milestone') return undefined;
    if (entity.kind === 'job' || entity.kind === 'activity' || entity.kind === 'workflow') return { title: entity.id };
    const kind = entity.kind as keyof typeof SECTION_OF_KIND;
    return subjectOf(kind, ws.index.record(SECTION_OF_KIND[kind], entity.id)?.record);
  };
  ws.index.subscribe((change) =>
    contained(ws, 'search index', () => syncSearchItems(ws, change), () => markSearchStale(ws)),
  );
  ws.events.subscribe((events) => {
    contained(ws, 'search index', () => syncSearchEvents(ws, events), () => undefined);
    contained(ws, 'hook outbox', () => enqueueHookDeliveries(ws, events), () => undefined);
    contained(ws, 'activity queue', () => enqueueActivityEvents(ws, events), () => undefined);
  });
}

function contained(ws: Workspace, what: string, fn: () => void, recover: () => void): void {
  try {
    ws.db.transaction(fn)();
  } catch (e) {
    ws.warn(`the ${what} could not be updated (${(e as Error).message}); it catches up on its next use`);
    try {
      recover();
    } catch {
      // The high-water marks make the next use catch up anyway.
    }
  }
}
