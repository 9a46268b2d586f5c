// Loading the snapshot: from the index when ecosystem.yaml is unchanged, else by re-reading only what changed.
import path from 'node:path';
import { setFlagsFromString } from 'node:v8';
import { eventsForChange } from '../core/diff.js';
import type { AnyDomainEvent, Surface } from '../core/events.js';
import { buildGraph, type Graph } from '../core/graph/graph.js';
import { ConcordError } from '../core/errors.js';
import { emptySnapshot, type Snapshot, toIssueRow, toTodoRow } from '../core/model.js';
import type { Dependency, Issue, Plan, Repo, Role, Todo } from '../core/model.js';
import { KIND_OF_SECTION, SECTION_NAMES, type SectionName } from '../core/sections.js';
import { checkoutOf, committedText } from '../store/checkout.js';
import { refuseConflicted } from '../store/conflicts.js';
import { fingerprintOf, fingerprintOfFile, readEcosystemFile, type FileSnapshot } from '../store/file.js';
import { scanLayout } from '../store/scan.js';
import { hasEscapedBytes } from '../store/text-codec.js';
import type { ItemEntry, ReadOutcome } from '../store/read.js';
import type { DiagnosticSummary, IndexedItem } from '../state/index-store.js';
import { withStateTransaction } from '../state/lock.js';
import { findEdit, keepLayout } from './file-layout.js';
import { rememberStamp, stampOf, statOf, unchanged } from './file-stamp.js';
import { READER_VERSION } from '../core/version.js';
import type { LoadedSnapshot, WorkspaceCore as Workspace } from './workspace-core.js';

/** Who made a change found in the file rather than made through Concord (a hand edit, a git pull). */
export const EXTERNAL_ACTOR = '(external edit)';


/**
 * The snapshot of the current ecosystem.yaml. Parses nothing (and loads no YAML parser) when the index is
 * current, and decodes nothing until `.snapshot` or `.graph` is read: a read of a few records asks the
 * index for them (see `subgraph`). When the file's stat is the one the index verified, not even the file
 * is read.
 */
export async function loadSnapshot(ws: Workspace): Promise<LoadedSnapshot> {
  await untilIndexed(ws);
  const stat = statOf(ws.file);
  // A long-lived process (server, MCP) keeps the last snapshot while the file's stat is unchanged.
  if (stat && ws.cache?.stat !== undefined && unchanged(ws.cache.stat, stat)) return ws.cache;
  const header = ws.index.header();
  if (stat && header?.reader === READER_VERSION && header.file_stat && unchanged(header.file_stat, stat)) {
    const summary = ws.index.summary(header.fingerprint, READER_VERSION);
    if (summary) return (ws.cache = new IndexedSnapshot(ws, header.fingerprint, summary, header.file_stat));
  }
  // Only the fingerprint: the text is decoded (and the file read again, under the lock) if it must be indexed.
  const file = { fingerprint: fingerprintOfFile(ws.file) };
  // The stat was taken before the read, so a change in between makes the next stat differ: safe.
  const stamp = stat ? stampOf(stat) : undefined;
  if (ws.cache?.fingerprint === file.fingerprint) {
    if (stamp) ws.cache.stat = stamp;
    return ws.cache;
  }
  const summary = ws.index.summary(file.fingerprint, READER_VERSION);
  if (summary) {
    if (stamp) rememberStamp(ws, file.fingerprint, stamp);
    return (ws.cache = new IndexedSnapshot(ws, file.fingerprint, summary, stamp));
  }
  return withStateTransaction(ws.db, ws.lockTimeoutMs, ws.file, () => {
    const fresh = statOf(ws.file);
    return indexLocked(ws, readEcosystemFile(ws.file), fresh ? stampOf(fresh) : undefined);
  });
}

/** First indexes being built in the background (by a server's worker thread, app/index-worker.ts), by file. */
const building = new Map<string, { done: Promise<void>; since: number; bytes: number }>();

/** Surfaces whose callers have a timeout of their own (an MCP client's, an HTTP client's): they wait `index_wait_ms` at most. */
const BOUNDED: ReadonlySet<Surface> = new Set(['mcp', 'http']);

/** Says that `file` is being indexed in the background until `done` settles (how it ended is the next read's to find out). */
export function indexingInBackground(file: string, done: Promise<unknown>, bytes: number): void {
  const entry = { done: done.then(() => undefined, () => undefined), since: Date.now(), bytes };
  building.set(file, entry);
  void entry.done.then(() => {
    if (building.get(file) === entry) building.delete(file);
  });
}

/**
 * Waits for a background index of the file, if one is being built: reads and writes then start from it
 * instead of indexing the file a second time. A caller with a timeout of its own waits `index_wait_ms`
 * at most, then gets INDEX_BUILDING (retry) rather than passing its timeout; others wait until it is done.
 */
export async function untilIndexed(ws: Workspace): Promise<void> {
  const b = building.get(ws.file);
  if (!b) return;
  if (!BOUNDED.has(ws.surface)) return b.done;
  let timer: NodeJS.Timeout | undefined;
  const done = await Promise.race([b.done.then(() => true), new Promise<false>((resolve) => (timer = setTimeout(() => resolve(false), ws.settings.index_wait_ms)))]);
  clearTimeout(timer);
  if (done) return;
  const seconds = Math.round((Date.now() - b.since) / 1000);
  throw new ConcordError('INDEX_BUILDING', `the first index of ${ws.file} (${(b.bytes / 1e6).toFixed(1)} MB) is being built (for ${seconds} s); nothing was read or changed`, {
    hint: 'retry in a few seconds: later calls read the index',
    data: { retry_after_seconds: 2, building_for_seconds: seconds },
  });
}

/** A snapshot in the index (or just read), decoded on first use of `snapshot`; its graph built on first use of `graph`. */
class IndexedSnapshot implements LoadedSnapshot {
  #snapshot: Snapshot | undefined;
  #graph: Graph | undefined;
  constructor(
    private readonly ws: Workspace,
    public fingerprint: string,
    public summary: DiagnosticSummary,
    public stat: string | undefined,
    snapshot?: Snapshot,
  ) {
    this.#snapshot = snapshot;
  }

  /** Whether the graph is in memory: until then a question about a few records asks the index. */
  get decoded(): boolean {
    return this.#graph !== undefined;
  }

  get snapshot(): Snapshot {
    if (this.#snapshot) return this.#snapshot;
    let snapshot = this.ws.index.snapshot(this.fingerprint);
    if (!snapshot) {
      // Another process indexed a newer file since this one was checked: serve that one (a read sees the
      // ecosystem as of some moment while it runs).
      const header = this.ws.index.header();
      snapshot = header ? this.ws.index.snapshot(header.fingerprint) : undefined;
      if (!header || !snapshot) throw new ConcordError('CONCURRENT_EDIT', `the index of ${this.ws.file} was removed while it was read`, { hint: 'run the command again' });
      this.fingerprint = header.fingerprint;
      this.summary = this.ws.index.summary(header.fingerprint, header.reader) ?? this.summary;
      this.stat = undefined;
    }
    return (this.#snapshot = snapshot);
  }

  get graph(): Graph {
    return (this.#graph ??= buildGraph(this.snapshot));
  }
}

/** The snapshot the index holds for `fingerprint` (the current one), decoded on first use. */
export function indexedSnapshot(ws: Workspace, fingerprint: string, summary: DiagnosticSummary, stamp?: string): LoadedSnapshot {
  return (ws.cache = new IndexedSnapshot(ws, fingerprint, summary, stamp));
}

/** A snapshot just read or re-indexed: its graph is built when a query needs the whole of it. */
function remember(ws: Workspace, fingerprint: string, snapshot: Snapshot, summary: DiagnosticSummary, stat?: string): LoadedSnapshot {
  return (ws.cache = new IndexedSnapshot(ws, fingerprint, summary, stat, snapshot));
}

export function snapshotFromItems(items: readonly ItemEntry[] | readonly IndexedItem[], meta: Snapshot['meta']): Snapshot {
  const s = emptySnapshot();
  s.meta = meta;
  for (const item of items) {
    if (item.record === undefined || item.duplicate) continue;
    const r = item.record;
    switch (item.section) {
      case 'repos':
        s.repos.push(r as Repo);
        break;
      case 'roles':
        s.roles.push(r as Role);
        break;
      case 'issues':
        s.issues.push(toIssueRow(r as Issue));
        break;
      case 'plans':
        s.plans.push(r as Plan);
        break;
      case 'todos':
        s.todos.push(toTodoRow(r as Todo));
        break;
      case 'dependencies':
        s.dependencies.push(r as Dependency);
        break;
    }
  }
  return s;
}

export function summarize(items: readonly { diagnostics: { severity: string }[]; duplicate?: boolean }[], fileLevel: readonly { severity: string }[] = []): DiagnosticSummary {
  let errors = 0;
  let warnings = 0;
  for (const d of [...fileLevel, ...items.flatMap((i) => i.diagnostics)]) {
    if (d.severity === 'error') errors++;
    else warnings++;
  }
  errors += items.filter((i) => i.duplicate).length;
  return { errors, warnings };
}

/** The YAML-dependent parts of the store, loaded on first use: a read served by the index never needs them. */
export type YamlStore = typeof import('../store/edit.js') & typeof import('../store/parse.js') & typeof import('../store/read.js');
let yamlStore: Promise<YamlStore> | undefined;
export function loadYamlStore(): Promise<YamlStore> {
  yamlStore ??= Promise.all([import('../store/edit.js'), import('../store/parse.js'), import('../store/read.js')]).then(([a, b, c]) => ({ ...a, ...b, ...c }));
  return yamlStore;
}

export function toIndexed(item: ItemEntry, store: YamlStore): IndexedItem {
  // Most records have no diagnostics: their empty list is taken as it is, not copied twice (11,000 at 10,000 todos).
  const diagnostics = item.diagnostics.length ? store.toCached(item).diagnostics : item.diagnostics;
  return { section: item.section, ordinal: item.ordinal, id: item.id, hash: item.hash, record: item.record, extra: item.extra, diagnostics, duplicate: Boolean(item.duplicate) };
}

/** Reads the file with the index as a cache of unchanged records (loads the YAML parser on first use). */
export async function readWithIndex(ws: Workspace, file: FileSnapshot): Promise<{ read: ReadOutcome; previous: IndexedItem[]; reused: boolean }> {
  const { readEcosystemText } = await loadYamlStore();
  const previous = ws.index.items();
  // Records read as part of a whole document may depend on anchors elsewhere: only chunk reads are reusable,
  // and only those of this reader.
  const header = ws.index.header();
  const reusable = header !== undefined && header.mode !== 'full' && header.reader === READER_VERSION;
  const byHash = reusable ? new Map(previous.map((i) => [i.hash, i])) : new Map<string, IndexedItem>();
  const read = readEcosystemText(file.text, file.path, (hash) => byHash.get(hash));
  return { read, previous, reused: reusable };
}

/**
 * Re-indexes the file (inside the write lock) and records what changed since the last index as events
 * from an external edit, so the history has no holes when someone edits the file by hand or pulls.
 */
export async function indexLocked(ws: Workspace, file: FileSnapshot, stamp?: string): Promise<LoadedSnapshot> {
  // A long-lived process (a server, a run of writes) keeps the snapshot of its last write: not decoded again.
  const header = ws.cache?.fingerprint === file.fingerprint ? ws.index.header() : undefined;
  if (ws.cache && header?.fingerprint === file.fingerprint && header.reader === READER_VERSION) return ws.cache;
  // Indexed already (by another process, or this one before): nothing decoded until asked.
  const indexed = ws.index.summary(file.fingerprint, READER_VERSION);
  if (indexed) return indexedSnapshot(ws, file.fingerprint, indexed);
  // Both sides of a conflict are in the text: indexing it would record half the records as deleted.
  refuseConflicted(file.path, file.text);
  const hadIndex = ws.index.header() !== undefined;
  // Only a large file read without an index takes long enough (seconds at 10,000 todos) to say so.
  const slow = !hadIndex && file.text.length > SLOW_INDEX_BYTES;
  if (slow) ws.progress(`indexing ${path.basename(file.path)} (${(file.text.length / 1e6).toFixed(1)} MB): the first read; later reads use the index`);
  try {
    return (hadIndex ? await reindexInPlace(ws, file, stamp) : undefined) ?? (await reindex(ws, file, hadIndex, stamp));
  } finally {
    if (slow) ws.progress(undefined);
  }
}

const SLOW_INDEX_BYTES = 500_000;

async function reindex(ws: Workspace, file: FileSnapshot, hadIndex: boolean, stamp: string | undefined): Promise<LoadedSnapshot> {
  if (!hadIndex && oneCommand && ws.surface === 'cli' && file.text.length > SLOW_INDEX_BYTES) tuneV8ForOneCommand();
  const { read, previous, reused } = await readWithIndex(ws, file);
  const snapshot = snapshotFromItems(read.items, read.meta);
  const fileLevel = read.diagnostics.filter((d) => d.section === undefined);
  const summary = summarize(read.items, fileLevel);
  if (hadIndex) ws.events.append(externalChanges(await changedSince(ws, file, previous, read.items), read.items, ws.now()));
  ws.index.setCheckout(checkoutOf(file.path));
  const store = await loadYamlStore();
  // Made one at a time as the rows are inserted: a first index never holds every IndexedItem at once.
  const items = carryLastValid(previous, read.items, (item) => toIndexed(item, store));
  ws.index.replace({ fingerprint: file.fingerprint, file: file.path, mode: read.mode, indexed_at: ws.now(), reader: READER_VERSION, file_stat: stamp ?? null }, snapshot, summary, items, reused ? previous : undefined);
  ws.index.setNote('skeleton', read.mode === 'chunked' && read.layout.chunked && !hasEscapedBytes(file.text) ? store.skeletonHash(file.text, read.layout) : undefined);
  keepLayout(ws, file.fingerprint, file.text, read.mode === 'chunked' ? read.layout : undefined);
  return remember(ws, file.fingerprint, snapshot, summary, stamp);
}

let oneCommand = false;
/**
 * Says that this process runs one command and ends (the `concord` command's `main`), so that a first index may
 * tune V8's heap for it. A program that uses Concord as a library, or the tests, keep their own heap settings.
 */
export function runsOneCommand(): void {
  oneCommand = true;
}

/** Says that the command this process runs serves until stopped (`worker`, `hooks run`, `mcp`, `serve`): no heap tuning. */
export function runsUntilStopped(): void {
  oneCommand = false;
}

/**
 * Tunes V8 (its heap, and what TurboFan does) for the rest of this process (a command, which ends with its answer) before a first index,
 * which keeps every record it reads until they are inserted:
 * - the young generation grows no further: V8 doubles it each time as much survived as it holds, up to
 *   2 x 16 MB, ~21 MiB more resident memory at 10,000 todos (fresh-clone `status` 130 -> 109 MiB), for ~5%
 *   more CPU in scavenges (88 instead of 28);
 * - the old generation may grow by a quarter of what was live at the last full collection, not up to 4 times it:
 *   at 50,000 todos it reached 160 MB, 90 of them the read's garbage (237 -> 203 MiB with a half; 4 full
 *   collections instead of 2, ~2% more CPU); a quarter: the answer after the index (status) no longer grows the
 *   heap to 130 MB over the read's records, garbage by then (197 -> 182-185 MiB at 50,000, ~3-5% more CPU;
 *   93-97 -> 92-95 MiB at 10,000, the same CPU).
 * Both are read at each collection (`--max-semi-space-size` is fixed once the heap is set up). And TurboFan
 * inlines nothing: each optimizing job's graph (the record reader's and zod's functions with their callees in
 * them) took several MB of its background thread's malloc arena, kept by glibc after the job (4 threads, ~14 MiB
 * at 10,000 todos), for code that runs a second: fresh-clone `status` 98-101 -> 93-97 MiB and ~1,000 -> ~850 ms
 * CPU at 10,000 todos, ~2.9 -> ~2.8 s at 50,000 (`--no-concurrent-recompilation` cannot be set once V8 runs,
 * and no TurboFan at all costs 50% more CPU at 50,000). Never in a
 * command that serves until stopped (`runsUntilStopped`), whose heap lives on after the index: a server's reads
 * also run on mcp and http views of the workspace, and its first index of a large file in a worker thread
 * (which shares the flags with the thread that answers requests, but not `runsOneCommand`).
 */
function tuneV8ForOneCommand(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--heap-growing-percent=25');
  setFlagsFromString('--no-turbo-inlining');
}

/** Past this many changed records a re-read takes the whole file (with the index as its cache) instead. */
const IN_PLACE_LIMIT = 200;

/**
 * The re-read after an edit of records in place (a hand edit of a few, none added or removed, ids and the
 * text outside the records as they were): only the changed records are parsed and only their rows
 * rewritten, with the answers of a whole re-read (the same rows, problems, events). Undefined for any other
 * edit, which `reindex` reads whole.
 */
async function reindexInPlace(ws: Workspace, file: FileSnapshot, stamp: string | undefined): Promise<LoadedSnapshot | undefined> {
  const header = ws.index.header();
  const skeleton = ws.index.note('skeleton');
  if (!header || header.mode !== 'chunked' || header.reader !== READER_VERSION || !skeleton || hasEscapedBytes(file.text)) return undefined;
  // What `changedSince` measures against: the last index, unless git checked out something else since.
  const was = ws.index.checkout();
  const checkout = checkoutOf(file.path);
  if (was !== undefined && checkout !== undefined && was !== checkout) return undefined;
  const summary = ws.index.summary(header.fingerprint, READER_VERSION);
  if (!summary) return undefined;
  // The records that may have changed: found through the layout the index keeps (file-layout.ts), else by
  // scanning the text and hashing every record.
  const found = findEdit(ws, header.fingerprint, file.text);
  const layout = found?.layout ?? scanLayout(file.text);
  const changed: { section: SectionName; ordinal: number; start: number; text: string; hash: string }[] = [];
  // Records `from`..`to` of a section against the hashes the index has of them; false past the limit.
  const compare = (section: SectionName, from: number, to: number, hashAt: (ordinal: number) => string | undefined): boolean => {
    const chunks = layout.sections[section]!.chunks;
    for (let ordinal = from; ordinal <= to; ordinal++) {
      const c = chunks[ordinal]!;
      const text = file.text.slice(c.start, c.end);
      const hash = fingerprintOf(text);
      if (hash === hashAt(ordinal)) continue;
      if (changed.length >= IN_PLACE_LIMIT) return false;
      changed.push({ section, ordinal, start: c.start, text, hash });
    }
    return true;
  };
  if (found) {
    // A record the index does not have counts as changed, and is refused below.
    if (!compare(found.section, found.from, found.to, (ordinal) => ws.index.itemAt(found.section, ordinal)?.hash)) return undefined;
  } else {
    if (!layout.chunked) return undefined;
    const hashes = ws.index.sectionHashes();
    if (!hashes || [...hashes.keys()].some((section) => !layout.sections[section])) return undefined;
    for (const section of SECTION_NAMES) {
      const chunks = layout.sections[section]?.chunks ?? [];
      const mine = hashes.get(section) ?? [];
      if (mine.length !== chunks.length) return undefined;
      if (chunks.length && !compare(section, 0, chunks.length - 1, (ordinal) => mine[ordinal])) return undefined;
    }
  }
  const yaml = await loadYamlStore();
  if (yaml.skeletonHash(file.text, layout) !== skeleton) return undefined;
  const updates: { previous: IndexedItem; item: IndexedItem }[] = [];
  for (const c of changed) {
    const previous = ws.index.itemAt(c.section, c.ordinal);
    // A record that was invalid or repeated an id: its standing may move others'.
    if (!previous?.record || previous.duplicate || previous.id === undefined) return undefined;
    // Lines counted from the record's first line, as the index keeps them (the file's lines are not counted).
    const read = yaml.readRecordChunk(c.section, c.text, c.start, 1);
    // Still valid, with the same id (and a plan the same milestones): no other record's standing changes.
    if (read.record === undefined || read.id !== previous.id) return undefined;
    if (c.section === 'plans' && JSON.stringify(milestoneIds(read.record)) !== JSON.stringify(milestoneIds(previous.record))) return undefined;
    updates.push({ previous, item: { section: c.section, ordinal: c.ordinal, id: read.id, hash: c.hash, record: read.record, extra: read.extra, diagnostics: read.diagnostics, duplicate: false } });
  }
  const before = summarize(updates.map((u) => u.previous));
  const after = summarize(updates.map((u) => u.item));
  const next = { errors: summary.errors - before.errors + after.errors, warnings: summary.warnings - before.warnings + after.warnings };
  const meta = { at: ws.now(), actor: EXTERNAL_ACTOR, surface: 'file' as const };
  ws.events.append(updates.flatMap((u) => eventsForChange(KIND_OF_SECTION[u.item.section], u.previous.record, u.item.record, meta)));
  ws.index.setCheckout(checkout);
  ws.index.patch({ fingerprint: file.fingerprint, file: file.path, mode: 'chunked', indexed_at: ws.now(), reader: READER_VERSION, file_stat: stamp ?? null }, undefined, next, { removed: [], upserted: updates.map((u) => u.item) });
  keepLayout(ws, file.fingerprint, file.text, layout, found ? { kept: found.kept, layout: found.before, origins: found.origins } : undefined);
  return indexedSnapshot(ws, file.fingerprint, next, stamp);
}

const milestoneIds = (plan: Record<string, unknown>) => ((plan['milestones'] as { id?: unknown }[] | undefined) ?? []).map((m) => m.id);

/**
 * What the file's changes are measured against: the last index, unless git checked out another branch or
 * commit since. Then the records as committed there: the checkout itself is nobody's work (switching back
 * and forth must not report the other branch's records as deleted and created again), while edits made on
 * top of it still are. Outside git, or when the file is not committed there, nothing is reported.
 */
async function changedSince(ws: Workspace, file: FileSnapshot, previous: readonly IndexedItem[], current: readonly ItemEntry[]): Promise<readonly Baseline[]> {
  const was = ws.index.checkout();
  const now = checkoutOf(file.path);
  if (was === undefined || now === undefined || was === now) return previous;
  const committed = committedText(file.path);
  if (committed === undefined) return [];
  const { readEcosystemText } = await loadYamlStore();
  const byHash = new Map(previous.map((i) => [i.hash, i]));
  // A record unchanged since the last index was not edited, whatever the commit holds (a write made through
  // Concord after a checkout that left the file as it was).
  const unchanged = new Set(current.filter((i) => byHash.has(i.hash)).map(keyOf));
  const indexed = new Map(previous.map((i) => [keyOf(i), i]));
  const baseline = new Map<string, Baseline>(readEcosystemText(committed, file.path, (hash) => byHash.get(hash)).items.map((i) => [keyOf(i), i]));
  for (const key of unchanged) {
    const last = indexed.get(key);
    if (last) baseline.set(key, last);
  }
  return [...baseline.values()];
}

type Baseline = Pick<IndexedItem, 'section' | 'id' | 'hash' | 'record' | 'lastValid'> & { duplicate?: boolean | undefined };

const keyOf = (i: { section: SectionName; id: string | undefined }) => `${i.section}\u0000${i.id}`;

/** The read's records as index rows; one that an edit broke keeps its last valid version in the index, for the history. */
function* carryLastValid(previous: readonly IndexedItem[], entries: readonly ItemEntry[], toItem: (entry: ItemEntry) => IndexedItem): Generator<IndexedItem> {
  const old = new Map(previous.filter((i) => !i.duplicate && i.id !== undefined).map((i) => [keyOf(i), i]));
  for (const entry of entries) {
    const item = toItem(entry);
    if (item.record === undefined && !item.duplicate && item.id !== undefined) {
      const prev = old.get(keyOf(item));
      const lastValid = prev?.record ?? prev?.lastValid;
      if (lastValid) item.lastValid = lastValid;
    }
    yield item;
  }
}

/**
 * Events for what changed in the file since the last index. A record that is still in the file but no
 * longer valid is not "deleted" (lint reports it); once it is fixed, the change is against its last
 * valid version.
 */
function externalChanges(previous: readonly Baseline[], current: readonly ItemEntry[], at: string): AnyDomainEvent[] {
  const known = <T extends { duplicate?: boolean; id?: string | undefined }>(list: readonly T[]) => list.filter((i) => !i.duplicate && i.id !== undefined);
  const before = new Map(known(previous).map((i) => [keyOf(i), i]));
  const after = new Map(known(current).map((i) => [keyOf(i), i]));
  const meta = { at, actor: EXTERNAL_ACTOR, surface: 'file' as const };
  const events: AnyDomainEvent[] = [];
  for (const [k, item] of after) {
    if (item.record === undefined) continue;
    const old = before.get(k);
    if (old && old.hash === item.hash) continue;
    events.push(...eventsForChange(KIND_OF_SECTION[item.section], old?.record ?? old?.lastValid, item.record, meta));
  }
  for (const [k, item] of before) {
    const last = item.record ?? item.lastValid;
    if (!after.has(k) && last) events.push(...eventsForChange(KIND_OF_SECTION[item.section], last, undefined, meta));
  }
  return events;
}

