// Keeps the search documents in step with the index (records, notes) and the history (events).
import { documentForEvent, documentsForRecord } from '../core/search-documents.js';
import type { SectionName } from '../core/sections.js';
import type { StoredEvent } from '../state/event-store.js';
import type { HashedRecord, IndexChange } from '../state/index-store.js';
import { withStateTransaction } from '../state/lock.js';
import { loadSnapshot } from './snapshot.js';
import type { LoadedSnapshot, WorkspaceCore as Workspace } from './workspace-core.js';

export const SEARCHED_SECTIONS: readonly SectionName[] = ['issues', 'plans', 'todos', 'dependencies'];
const searched = new Set<SectionName>(SEARCHED_SECTIONS);
const key = (section: string, id: string) => `${section}\u0000${id}`;

/**
 * After an index update: re-index the touched records, or (after a re-read, or when the search was not in
 * step with the previous index) every record whose text hash changed. A search never built stays unbuilt.
 */
export function syncSearchItems(ws: Workspace, change: IndexChange): void {
  const inStep = change.keys && ws.search.itemsFingerprint === change.previousFingerprint;
  if (inStep) {
    const keys = change.keys!.filter((k) => searched.has(k.section));
    const found = new Map(ws.index.served(keys).map((r) => [key(r.section, r.id), r]));
    for (const k of keys) {
      const r = found.get(key(k.section, k.id));
      if (r) ws.search.putItem(r.section, r.id, r.hash, documentsForRecord(r.section, r.record));
      else ws.search.removeItem(k.section, k.id);
    }
  } else if (ws.search.isEmpty()) {
    // Never built: the first search builds it, so that the first read of a large file does not pay for it.
    ws.search.itemsFingerprint = undefined;
    return;
  } else {
    syncAllItems(ws);
  }
  ws.search.itemsFingerprint = change.header.fingerprint;
}

function syncAllItems(ws: Workspace): void {
  const indexed = ws.search.itemHashes();
  const current = ws.index.servedHashes(SEARCHED_SECTIONS);
  const changed = current.filter((r) => indexed.get(key(r.section, r.id)) !== r.hash);
  const live = new Set(current.map((r) => key(r.section, r.id)));
  for (const k of indexed.keys()) {
    if (live.has(k)) continue;
    const [section, id] = k.split('\u0000') as [SectionName, string];
    ws.search.removeItem(section, id);
  }
  if (!changed.length) return;
  const wanted = new Set(changed.map((r) => key(r.section, r.id)));
  const put = (r: HashedRecord) => ws.search.putItem(r.section, r.id, r.hash, documentsForRecord(r.section, r.record));
  if (changed.length <= 200) ws.index.served(changed).forEach(put);
  // The first search of a large file: a page of records at a time (all of them decoded at once were the
  // peak of its memory), each page put before the next is read.
  else for (const page of ws.index.servedPages()) for (const r of page) if (wanted.has(key(r.section, r.id))) put(r);
}

/** Indexes the events after the high-water mark: `appended` (the events just appended) if they follow on from it. */
export function syncSearchEvents(ws: Workspace, appended: readonly StoredEvent[] = []): void {
  for (const batch of ws.events.after(ws.search.eventsUpto, appended)) {
    ws.search.addEvents(batch.map(documentForEvent));
    ws.search.eventsUpto = batch[batch.length - 1]!.seq;
  }
}

export function markSearchStale(ws: Workspace): void {
  ws.search.itemsFingerprint = undefined;
}

/** Brings the search in step before a query: re-reads the file if it changed, then catches up. */
export async function ensureSearchInStep(ws: Workspace): Promise<LoadedSnapshot> {
  const loaded = await loadSnapshot(ws);
  if (ws.search.itemsFingerprint === loaded.fingerprint && ws.search.eventsUpto >= ws.events.lastSeq()) return loaded;
  await withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    if (ws.search.itemsFingerprint !== loaded.fingerprint) {
      syncAllItems(ws);
      ws.search.itemsFingerprint = loaded.fingerprint;
    }
    syncSearchEvents(ws);
  });
  return loaded;
}
