// The write pipeline: file lock, plan, splice, re-read what changed, check invariants, compare-and-swap, index.
import { eventsForChange } from '../core/diff.js';
import type { AnyDomainEvent } from '../core/events.js';
import { BugError, ConcordError } from '../core/errors.js';
import { buildGraph, type Graph, kindOf } from '../core/graph/graph.js';
import { generateId } from '../core/ids.js';
import { type TouchedRecord, validateChange } from '../core/invariants.js';
import type { Issue, Snapshot, Todo } from '../core/model.js';
import { toIssueRow, toTodoRow } from '../core/model.js';
import type { MutationContext, MutationPlan, RecordChange } from '../core/mutations/change.js';
import { normalizeRecord } from '../core/normalize.js';
import { KIND_OF_SECTION, SECTION_NAMES, SECTION_OF_KIND, SECTIONS, type SectionName } from '../core/sections.js';
import { READER_VERSION } from '../core/version.js';
import type { EditSource } from '../store/edit.js';
import type { FileStyle } from '../store/render.js';
import fs from 'node:fs';
import { concurrentEdit, fingerprintOf, fingerprintOfBytes, readEcosystemFile, removeStaleTempFiles, replaceIfUnchanged, restoreDisplaced, splicedBytes, stageFile, type FileSnapshot, type TextSplice } from '../store/file.js';
import { type Layout, recordCount, recordSpan, type Relayout, scanLayout } from '../store/scan.js';
import { keepLayout, keptLayout, type KeptLayout } from './file-layout.js';
import { splicedText } from '../store/spliced-text.js';
import { encodeText } from '../store/text-codec.js';
import type { IndexedItem } from '../state/index-store.js';
import { withFileLock, withStateTransaction } from '../state/lock.js';
import { cycleTest, indexGraph } from './index-graph.js';
import { invalidRecord } from './invalid-records.js';
import { indexedSnapshot, indexLocked, untilIndexed, loadYamlStore, readWithIndex, summarize, toIndexed, type YamlStore } from './snapshot.js';
import type { LoadedSnapshot, Workspace } from './workspace.js';

export interface WriteResult {
  /** False when the write would not change anything (nothing was written). */
  changed: boolean;
  /** What the caller should know that did not stop the write (printed as warnings by the CLI). */
  warnings?: string[];
  /** The record the caller asked about, as it is now (undefined if it was deleted). */
  record: Record<string, unknown> | undefined;
  target: MutationPlan['target'];
  events: AnyDomainEvent[];
}

/** A write re-planned this many times because the file kept changing under it is refused (CONCURRENT_EDIT). */
const MAX_ATTEMPTS = 5;

export interface MutateHooks {
  /** Runs under the file lock before planning (e.g. the claim check): throwing refuses the write. */
  guard?: () => void;
  /**
   * Runs in the state transaction that commits the write, before the file is replaced, with the target
   * record as it will be (e.g. granting or releasing a lease). Throwing writes nothing; the events it
   * returns are recorded after the write's own.
   */
  commit?: (record: Record<string, unknown> | undefined, changed: boolean) => AnyDomainEvent[] | void;
  /** Plan, splice, re-read and check the invariants, then stop: nothing is written (`--dry-run`). */
  dryRun?: boolean;
}

/**
 * Runs a planned write under the file's write lock. The planner sees the current state; nothing is written
 * unless the whole change is valid. If ecosystem.yaml changes on disk while the write is made (an editor or
 * git, which do not take Concord's lock), the edit is kept and the write is planned again from the new content.
 */
export async function mutate(ws: Workspace, plan: (ctx: MutationContext) => MutationPlan, hooks: MutateHooks = {}): Promise<WriteResult> {
  const store = await loadYamlStore();
  await untilIndexed(ws);
  return withFileLock(ws.file, ws.lockTimeoutMs, async () => {
    for (let attempt = 1; ; attempt++) {
      try {
        hooks.guard?.();
        return await mutateLocked(ws, plan, store, hooks);
      } catch (e) {
        if (e instanceof ConcordError && e.code === 'CONCURRENT_EDIT' && attempt < MAX_ATTEMPTS) continue;
        throw e;
      }
    }
  });
}

const inState = <T>(ws: Workspace, fn: () => T | Promise<T>) => withStateTransaction(ws.db, ws.lockTimeoutMs, ws.stateFile, fn);

interface Touched extends TouchedRecord {
  /** Position in its section after the write. */
  ordinal: number;
  item: IndexedItem | undefined;
  previous: IndexedItem | undefined;
}

type Planned =
  | { kind: 'none'; planned: MutationPlan }
  | { kind: 'write'; planned: MutationPlan; newText: string; read: (start: number, end: number) => string; splices: TextSplice[] | undefined; skeleton: string | undefined; layout: NewLayout; source: 'chunked' | 'full'; touched: Touched[]; snapshot: Snapshot | undefined; graph: Graph; issuedNow: Set<string> };

/** The layout of the new text, kept for the next command (file-layout.ts), and what it was worked out from. */
type NewLayout = { layout: Layout | undefined; from?: { kept: KeptLayout; layout: Layout; origins: Relayout['origins'] }; style?: FileStyle };

async function mutateLocked(ws: Workspace, plan: (ctx: MutationContext) => MutationPlan, store: YamlStore, hooks: MutateHooks): Promise<WriteResult> {
  removeStaleTempFiles(ws.file);
  const file = readEcosystemFile(ws.file, { keepBytes: true });
  const now = ws.now();
  const actor = ws.actor();
  // Indexed first (what a hand edit changed is recorded even if the write is refused), then planned, spliced
  // and checked in one state transaction: every record the planner and the checks read from the index is of
  // the version the file's text was indexed as.
  const base = await inState(ws, () => indexLocked(ws, file));
  const p = await inState(ws, async (): Promise<Planned> => {
    if (ws.index.header()?.fingerprint !== file.fingerprint) throw concurrentEdit(file.path, 'it was indexed again');
    // A graph in memory (a server's) is used as it is; otherwise the index answers what the write asks about.
    const lazy = base.decoded === false;
    const before = lazy ? indexGraph(ws, () => base.graph) : base.graph;
    const issuedNow = new Set<string>();
    // A candidate id on a record of the file that is not served (invalid, or a repeat) is taken too: asked of
    // the index one candidate at a time, and for a write that issues many (an import) from a list of those.
    // So is an id this clone issued before (issued_ids), asked the same way.
    const unserved = new Map<SectionName, Set<string>>();
    let issued: Set<string> | undefined;
    let asked = 0;
    const taken = (section: SectionName, id: string) => {
      if (++asked <= 32) return ws.index.position(section, id) !== undefined || ws.issued.has(id);
      let ids = unserved.get(section);
      if (!ids) unserved.set(section, (ids = new Set(ws.index.unserved(section).flatMap((i) => (i.id ? [i.id] : [])))));
      return ids.has(id) || (issued ??= ws.issued.all()).has(id);
    };
    const ctx: MutationContext = {
      graph: before,
      now,
      actor,
      newId: (kind) => {
        const id = generateId(kind, (candidate) => issuedNow.has(candidate) || kindOf(before, candidate) !== undefined || taken(SECTION_OF_KIND[kind], candidate), ws.random);
        issuedNow.add(id);
        return id;
      },
      todo: (id) => ws.index.record('todos', id)?.record as Todo | undefined,
      issue: (id) => ws.index.record('issues', id)?.record as Issue | undefined,
      invalid: (section, id) => invalidRecord(ws, file.text, section, id),
    };
    const planned = plan(ctx);
    if (planned.changes.length === 0) return { kind: 'none', planned };

    const source = await editSource(ws, file, store);
    const edited = store.applyChanges(file.text, source, planned.changes);
    const newText = edited.text;
    // The new text's characters from its pieces where the edit gives them (store/spliced-text.ts: not made whole).
    const read = edited.read ?? splicedText(newText, []);
    const reread = source.mode === 'chunked' ? rereadChunked(ws, newText, read.slice, source, edited.spliced?.layout, planned.changes, store) : { touched: await rereadFull(ws, file, newText, planned.changes, store), layout: undefined };
    const touched = reread.touched;
    // What a later re-read in place compares against (see snapshot.ts): the text outside the records. Splices
    // of records alone (a layout worked out from them) leave it as it was.
    const plain = !read.hasEscapedBytes();
    const kept = edited.spliced && plain ? ws.index.note('skeleton') : undefined;
    const skeleton = kept ?? (reread.layout && plain ? store.skeletonHash(newText, reread.layout) : undefined);

    const broken = touched.find((t) => t.after === undefined && t.item !== undefined);
    if (broken) {
      const problems = broken.item!.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
      throw new ConcordError('INVALID_INPUT', `${SECTIONS[broken.section].noun} ${broken.id} would be invalid: ${problems.join('; ')}`, { data: { problems } });
    }
    let snapshot: Snapshot | undefined;
    let graph: Graph;
    if (lazy) {
      const overlay = touched.map((t) => ({ section: t.section, id: t.id, after: t.after, servedOrdinal: t.previous?.record !== undefined && !t.previous.duplicate ? t.previous.ordinal : undefined }));
      graph = indexGraph(ws, () => buildGraph(patchSnapshot(base.snapshot, touched)), overlay, before);
      validateChange(graph, touched, { mirrored: planned.mirrored === true, onCycle: cycleTest(ws, overlay) });
    } else {
      snapshot = patchSnapshot(base.snapshot, touched);
      graph = buildGraph(snapshot);
      validateChange(graph, touched, { mirrored: planned.mirrored === true });
    }
    const layout: NewLayout = { layout: reread.layout, ...(source.kept && edited.spliced ? { from: { kept: source.kept, layout: source.layout, origins: edited.spliced.origins } } : {}), ...(edited.fileStyle ? { style: edited.fileStyle } : {}) };
    return { kind: 'write', planned, newText, read: read.slice, splices: edited.splices, skeleton, layout, source: source.mode, touched, snapshot, graph, issuedNow };
  });
  const planned = p.planned;
  if (p.kind === 'none') {
    const whole = ws.index.record(planned.target.section, planned.target.id)?.record;
    if (hooks.commit && !hooks.dryRun) await inState(ws, () => ws.events.append(hooks.commit!(whole, false) ?? []));
    return { changed: false, record: currentRecord(ws, planned.target), target: planned.target, events: [], ...(planned.warnings?.length ? { warnings: planned.warnings } : {}) };
  }
  const { newText, touched, snapshot, graph, issuedNow, skeleton, layout } = p;
  if (hooks.dryRun) {
    const meta = { at: now, actor, surface: ws.surface };
    return { changed: true, record: undefined, target: planned.target, events: touched.flatMap((t) => eventsForChange(KIND_OF_SECTION[t.section], t.before, t.after, meta)) };
  }

  const { temp, fingerprint } = stageText(file, newText, p.splices);
  try {
    const result = await inState(ws, () => commitLocked(ws, { file, newText, read: p.read, skeleton, layout, fingerprint, temp, source: p.source, base, touched, snapshot, graph, issuedNow, target: planned.target, now, actor }, hooks));
    for (const w of planned.warnings ?? []) ws.warn(w);
    return planned.warnings?.length ? { ...result, warnings: planned.warnings } : result;
  } finally {
    fs.rmSync(temp, { force: true });
  }
}

/**
 * Stages the new text beside the file; its bytes go once written and hashed. They are the file's with the
 * splices' bytes put in when that can be worked out (encoding 4 MB of text cost ~4 ms at 10,000 todos).
 */
function stageText(file: FileSnapshot, newText: string, splices: readonly TextSplice[] | undefined): { temp: string; fingerprint: string } {
  const bytes = (splices && splicedBytes(file, splices)) ?? encodeText(newText);
  return { temp: stageFile(file.path, bytes, file.mode), fingerprint: fingerprintOfBytes(bytes) };
}

interface Prepared {
  file: FileSnapshot;
  newText: string;
  /** `newText.slice` without making the text whole (see spliced-text.ts). */
  read: (start: number, end: number) => string;
  /** Of the new content. */
  fingerprint: string;
  skeleton: string | undefined;
  layout: NewLayout;
  /** The new content, staged beside the file. */
  temp: string;
  source: 'chunked' | 'full';
  base: LoadedSnapshot;
  touched: Touched[];
  /** The snapshot after the write, when the one before was in memory (else the index has it). */
  snapshot: Snapshot | undefined;
  graph: Graph;
  issuedNow: Set<string>;
  target: MutationPlan['target'];
  now: string;
  actor: string;
}

/** The commit, in one state transaction: hooks, compare-and-swap of the file, index, ids, events. */
function commitLocked(ws: Workspace, p: Prepared, hooks: MutateHooks): WriteResult {
  const { file, newText, touched, snapshot, graph, issuedNow, base, now, actor } = p;
  // A reader with the same state database may have indexed a hand edit since we read the file.
  if (ws.index.header()?.fingerprint !== file.fingerprint) throw concurrentEdit(file.path, 'it was indexed again');
  const own = touched.find((t) => t.section === p.target.section && t.id === p.target.id);
  const extra = hooks.commit?.(own?.after, true) ?? [];
  const displaced = replaceIfUnchanged(file, p.temp);
  if (displaced && restoreDisplaced(file, newText, displaced, ws.warn)) throw concurrentEdit(file.path, 'an edit reached it while it was replaced; the edit was put back');
  const fingerprint = p.fingerprint;
  const header = { fingerprint, file: file.path, mode: p.source, indexed_at: now, reader: READER_VERSION };
  const previousItems = touched.map((t) => t.previous).filter((x): x is IndexedItem => x !== undefined);
  const summary = {
    errors: base.summary.errors - summarize(previousItems).errors + summarize(touched.flatMap((t) => (t.item ? [t.item] : []))).errors,
    warnings: base.summary.warnings - summarize(previousItems).warnings + summarize(touched.flatMap((t) => (t.item ? [t.item] : []))).warnings,
  };
  ws.index.patch(header, snapshot?.meta, summary, {
    removed: touched.filter((t) => !t.after && t.previous).map((t) => ({ section: t.section, ordinal: t.previous!.ordinal })),
    upserted: touched.flatMap((t) => (t.item ? [t.item] : [])),
  });
  ws.index.setNote('skeleton', p.skeleton);
  keepLayout(ws, fingerprint, newText, p.layout.layout, p.layout.from, p.layout.style, p.read);
  ws.issued.record([...issuedNow], now);
  const meta = { at: now, actor, surface: ws.surface };
  const events = touched.flatMap((t) => eventsForChange(KIND_OF_SECTION[t.section], t.before, t.after, meta));
  ws.events.append([...events, ...extra]);
  if (snapshot) ws.cache = { fingerprint, snapshot, graph, summary };
  else indexedSnapshot(ws, fingerprint, summary);
  return { changed: true, record: currentRecord(ws, p.target), target: p.target, events };
}

function currentRecord(ws: Workspace, target: MutationPlan['target']): Record<string, unknown> | undefined {
  const found = ws.index.record(target.section, target.id)?.record;
  if (!found || !target.path?.length) return found;
  const [list, seg] = target.path;
  const entries = (found[String(list)] as Record<string, unknown>[] | undefined) ?? [];
  return typeof seg === 'object' ? entries.find((m) => m['id'] === seg.id) : undefined;
}

/** Where each record is in the text: from the index (no parsing) when the file is chunked and indexed. */
async function editSource(ws: Workspace, file: FileSnapshot, store: YamlStore): Promise<EditSource & { kept?: KeptLayout }> {
  // The layout the index keeps for this very text (see file-layout.ts), else a scan.
  const known = ws.index.header()?.mode === 'chunked' ? keptLayout(ws, file.fingerprint, file.text) : undefined;
  const layout = known?.layout ?? scanLayout(file.text);
  // A file can scan into chunks and still need the whole-document parse (an alias across records):
  // the index says which way this very text was read.
  if (!layout.chunked || ws.index.header()?.mode === 'full') return store.sourceFromRead((await readWithIndex(ws, file)).read);
  return {
    mode: 'chunked',
    layout,
    ...(known ? { kept: known.kept, ...(known.kept.style ? { fileStyle: known.kept.style } : {}) } : {}),
    span: (section, id) => {
      const pos = ws.index.position(section, id);
      const chunk = pos ? recordSpan(layout.sections[section], pos.ordinal) : undefined;
      if (!pos || !chunk) return undefined;
      if (fingerprintOf(file.text.slice(chunk.start, chunk.end)) !== pos.hash) {
        throw new BugError(`index out of step with ${file.path} for ${id}; nothing was written (do not delete state.db for this: it holds claims and history; edit the file once, e.g. add a blank line, and the index is read again)`);
      }
      return chunk;
    },
  };
}

type Group = { before?: Record<string, unknown>; previous?: IndexedItem; op: 'create' | 'update' | 'delete'; record?: Record<string, unknown> };

function groupChanges(ws: Workspace, changes: readonly RecordChange[]): Map<string, Group & { section: SectionName; id: string }> {
  const groups = new Map<string, Group & { section: SectionName; id: string }>();
  for (const c of changes) {
    const id = c.op === 'create' ? String(c.record[SECTIONS[c.section].idKey]) : c.id;
    const key = `${c.section}\u0000${id}`;
    const existing = groups.get(key);
    if (c.op === 'create') groups.set(key, { section: c.section, id, op: 'create', record: c.record });
    else if (c.op === 'delete') groups.set(key, { ...(existing ?? {}), section: c.section, id, op: 'delete' });
    else if (!existing) groups.set(key, { section: c.section, id, op: 'update' });
  }
  for (const g of groups.values()) {
    if (g.op === 'create') continue;
    const item = ws.index.item(g.section, g.id);
    if (item) {
      g.previous = item;
      // A repaired invalid record changes from its last valid version (as a hand edit would record it).
      const before = item.record ?? item.lastValid;
      if (before) g.before = before;
    }
  }
  return groups;
}

/**
 * The records a write touched, read back from the new text. Only their chunks are parsed; the counts of
 * every section are checked against what the changes imply, so a splice that went wrong is caught here
 * and nothing is written.
 */
function rereadChunked(ws: Workspace, newText: string, read: (start: number, end: number) => string, source: EditSource, spliced: Layout | undefined, changes: readonly RecordChange[], store: YamlStore): { touched: Touched[]; layout: Layout } {
  // The layout worked out from the splices is the one a scan of the new text finds (relayout scans what they put in).
  const layout = spliced ?? scanLayout(newText);
  if (!layout.chunked) throw new BugError(`the edited ecosystem.yaml no longer scans (${layout.reason}); nothing was written`);
  const groups = groupChanges(ws, changes);
  const out: Touched[] = [];
  for (const section of SECTION_NAMES) {
    const old = recordCount(source.layout.sections[section]);
    const mine = [...groups.values()].filter((g) => g.section === section);
    const created = mine.filter((g) => g.op === 'create');
    const deleted = mine.filter((g) => g.op === 'delete').map((g) => g.previous!.ordinal).sort((a, b) => a - b);
    const now = recordCount(layout.sections[section]);
    if (now !== old + created.length - deleted.length) {
      throw new BugError(`after the edit ${section} has ${now} records, expected ${old + created.length - deleted.length}; nothing was written`);
    }
    const shifted = (ordinal: number) => ordinal - deleted.filter((d) => d < ordinal).length;
    let next = old - deleted.length;
    for (const g of mine) {
      if (g.op === 'delete') {
        out.push({ section, id: g.id, before: g.before, after: undefined, ordinal: -1, item: undefined, previous: g.previous });
        continue;
      }
      const ordinal = g.op === 'create' ? next++ : shifted(g.previous!.ordinal);
      const chunk = recordSpan(layout.sections[section], ordinal)!;
      const text = read(chunk.start, chunk.end);
      // Lines counted from the record's first line, as the index keeps them (the file's lines are not counted).
      const parsed = store.parseChunk(text, chunk.start, 1);
      const n = normalizeRecord(SECTIONS[section], parsed.value, parsed.locate);
      const diagnostics = [...parsed.errors, ...n.diagnostics].map((d) => ({ ...d, section }));
      if (n.id !== g.id) throw new BugError(`after the edit, record ${ordinal} of ${section} is ${n.id}, expected ${g.id}; nothing was written`);
      const record = parsed.errors.length ? undefined : n.record;
      const item: IndexedItem = { section, ordinal, id: n.id, hash: fingerprintOf(text), record, extra: n.extra, diagnostics, duplicate: false };
      out.push({ section, id: g.id, before: g.before, after: record, ordinal, item, previous: g.previous });
    }
  }
  return { touched: out, layout };
}

/** The slow path (files read in full): re-read everything and pick out the touched records. */
async function rereadFull(ws: Workspace, file: FileSnapshot, newText: string, changes: readonly RecordChange[], store: YamlStore): Promise<Touched[]> {
  const groups = groupChanges(ws, changes);
  const { read } = await readWithIndex(ws, { ...file, text: newText });
  const out: Touched[] = [];
  for (const g of groups.values()) {
    const entry = read.items.find((i) => i.section === g.section && i.id === g.id && !i.duplicate);
    const item = entry ? toIndexed(entry, store) : undefined;
    out.push({ section: g.section, id: g.id, before: g.before, after: item?.record, ordinal: entry?.ordinal ?? -1, item, previous: g.previous });
  }
  return out;
}

/** The snapshot after the write: the old one with touched records replaced, added or removed. */
function patchSnapshot(base: Snapshot, touched: readonly Touched[]): Snapshot {
  const s: Snapshot = {
    meta: base.meta,
    repos: [...base.repos],
    roles: [...base.roles],
    issues: [...base.issues],
    plans: [...base.plans],
    todos: [...base.todos],
    dependencies: [...base.dependencies],
  };
  // Positions by id, built once per section a write touches: a write of thousands of records (an import)
  // would otherwise search the list once per record.
  const positions = new Map<SectionName, Map<string, number>>();
  const removed = new Map<SectionName, Set<number>>();
  for (const t of touched) {
    const idKey = SECTIONS[t.section].idKey;
    const list = s[t.section] as unknown as Record<string, unknown>[];
    let at = positions.get(t.section);
    if (!at) {
      at = new Map();
      for (let i = 0; i < list.length; i++) if (!at.has(String(list[i]![idKey]))) at.set(String(list[i]![idKey]), i);
      positions.set(t.section, at);
    }
    const i = at.get(t.id);
    const row = t.after === undefined ? undefined : t.section === 'todos' ? toTodoRow(t.after as Todo) : t.section === 'issues' ? toIssueRow(t.after as Issue) : t.after;
    if (i === undefined && row) at.set(t.id, list.push(row as Record<string, unknown>) - 1);
    else if (i !== undefined && row) list[i] = row as Record<string, unknown>;
    else if (i !== undefined) {
      at.delete(t.id);
      removed.set(t.section, (removed.get(t.section) ?? new Set()).add(i));
    }
  }
  for (const [section, gone] of removed) {
    (s as unknown as Record<SectionName, unknown[]>)[section] = (s[section] as unknown[]).filter((_, i) => !gone.has(i));
  }
  return s;
}

