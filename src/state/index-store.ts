// The query index in the state database: the snapshot of the last indexed file, a row per record (with the
// fields lists filter on) and the blocker edges, so a read can take only the records it needs.
import type { Diagnostic } from '../core/diagnostics.js';
import type { Snapshot } from '../core/model.js';
import type { SectionName } from '../core/sections.js';
import type { Statement } from 'better-sqlite3';
import type { StateDb } from './db.js';
import { decodeRows, encodeRow } from './snapshot-codec.js';

/** How many problems the file had when it was indexed (lint re-reads the file for their positions). */
export interface DiagnosticSummary {
  errors: number;
  warnings: number;
}

export interface IndexHeader {
  fingerprint: string;
  file: string;
  mode: 'chunked' | 'full';
  indexed_at: string;
  /** READER_VERSION of the Concord that read the file. */
  reader: string;
  /** The file's stat when its fingerprint was last verified (see `recordStat`), if it was. */
  file_stat?: string | null;
}

/** The fields of todos and issues that lists filter on by equality, kept as columns. */
export const QUERY_COLUMNS = ['status', 'priority', 'repo', 'assignee', 'plan', 'milestone', 'issue'] as const;
export type QueryColumn = (typeof QUERY_COLUMNS)[number];

/** A served record as the index holds it. */
export interface ServedRecord {
  section: SectionName;
  ordinal: number;
  id: string;
  record: Record<string, unknown>;
}

/** One blocker edge in the graph's order (see `links`). */
export interface Link {
  blocked: string;
  blocker: string;
  /** Where the edge comes in the graph's order: todos before issues, then file order, then list order. */
  order: [number, number, number];
}

export interface IndexedItem {
  section: SectionName;
  ordinal: number;
  id: string | undefined;
  hash: string;
  record: Record<string, unknown> | undefined;
  extra: Record<string, unknown> | undefined;
  /** Lines relative to the record's first line. */
  diagnostics: Diagnostic[];
  duplicate: boolean;
  /** For a record that is in the file but invalid: its last valid version, if the index saw one. */
  lastValid?: Record<string, unknown> | undefined;
}

interface ItemRow {
  section: string;
  ordinal: number;
  id: string | null;
  hash: string;
  record: string | null;
  extra: string | null;
  diagnostics: string;
  duplicate: number;
  last_valid?: string | null;
}

/** Rows read from the same text by the same reader, in the same place, with the same standing. */
function sameRow(a: IndexedItem, b: IndexedItem): boolean {
  if (a.hash !== b.hash || a.id !== b.id || a.duplicate !== b.duplicate) return false;
  // Most records have neither: compare the text only when there is something to compare.
  const same = (x: unknown, y: unknown) => (x === undefined && y === undefined) || JSON.stringify(x) === JSON.stringify(y);
  return same(a.lastValid, b.lastValid) && (a.diagnostics.length === 0 && b.diagnostics.length === 0 ? true : same(a.diagnostics, b.diagnostics));
}

const ITEM_COLUMNS = 'section, ordinal, id, hash, record, extra, diagnostics, duplicate, last_valid';

const parse = <T>(s: string | null): T | undefined => (s === null ? undefined : (JSON.parse(s) as T));

function fromRow(r: ItemRow): IndexedItem {
  return {
    section: r.section as SectionName,
    ordinal: r.ordinal,
    id: r.id ?? undefined,
    hash: r.hash,
    record: parse(r.record),
    extra: parse(r.extra),
    diagnostics: JSON.parse(r.diagnostics) as Diagnostic[],
    duplicate: r.duplicate === 1,
    ...(r.last_valid ? { lastValid: JSON.parse(r.last_valid) as Record<string, unknown> } : {}),
  };
}

/**
 * What an index update touched: the records with these keys, or (no `keys`) possibly anything. Subscribers
 * run inside the same transaction and keep derived tables (the search index) in step.
 */
export interface IndexChange {
  header: IndexHeader;
  /** The fingerprint the index was for before this change. */
  previousFingerprint: string | undefined;
  keys?: { section: SectionName; id: string }[];
}
export type IndexSubscriber = (change: IndexChange) => void;

export class IndexStore {
  private readonly subscribers: IndexSubscriber[] = [];
  private positionStatement: Statement<[string, string]> | undefined;

  constructor(private readonly db: StateDb) {}

  subscribe(fn: IndexSubscriber): void {
    this.subscribers.push(fn);
  }

  private notify(change: IndexChange): void {
    for (const fn of this.subscribers) fn(change);
  }

  header(): IndexHeader | undefined {
    return this.db.prepare('SELECT fingerprint, file, mode, indexed_at, reader, file_stat FROM index_state WHERE id = 1').get() as IndexHeader | undefined;
  }

  /**
   * Remembers the file's stat for the fingerprint just verified by reading the file, unless the index moved
   * on meanwhile (another process indexed a newer file).
   */
  recordStat(fingerprint: string, stat: string): void {
    this.db.prepare('UPDATE index_state SET file_stat = ? WHERE id = 1 AND fingerprint = ?').run(stat, fingerprint);
  }

  /** The file's diagnostics as of indexing, when the index is for `fingerprint` and was built by `reader`. */
  summary(fingerprint: string, reader: string): DiagnosticSummary | undefined {
    const json = this.db.prepare('SELECT diagnostics FROM index_state WHERE id = 1 AND fingerprint = ? AND reader = ?').pluck().get(fingerprint, reader) as string | undefined;
    return json === undefined ? undefined : (JSON.parse(json) as DiagnosticSummary);
  }

  /** The snapshot, when the index is for `fingerprint` (decodes every row of it: use the lookups below for a few). */
  snapshot(fingerprint: string): Snapshot | undefined {
    return this.db.transaction(() => {
      const meta = this.db.prepare('SELECT snapshot FROM index_state WHERE id = 1 AND fingerprint = ?').pluck().get(fingerprint) as string | undefined;
      return meta === undefined ? undefined : this.assemble(meta);
    })();
  }

  /** The snapshot and the file's diagnostics (as of indexing), when the index is for `fingerprint` and was built by `reader`. */
  load(fingerprint: string, reader: string): { header: IndexHeader; snapshot: Snapshot; summary: DiagnosticSummary } | undefined {
    return this.db.transaction(() => {
      const row = this.db.prepare('SELECT fingerprint, file, mode, indexed_at, reader, snapshot, diagnostics FROM index_state WHERE id = 1 AND fingerprint = ? AND reader = ?').get(fingerprint, reader) as
        | (IndexHeader & { snapshot: string; diagnostics: string })
        | undefined;
      if (!row) return undefined;
      const { snapshot, diagnostics, ...header } = row;
      return { header, snapshot: this.assemble(snapshot), summary: JSON.parse(diagnostics) as DiagnosticSummary };
    })();
  }

  /**
   * The snapshot from the rows (call in a transaction, with the header read in it), in file order, parsed
   * ROWS_PER_PARSE rows at a time: one JSON.parse of a section's whole concatenation kept its text and every
   * parsed row array alive at once beside the rows made of them (~20 MiB more at the peak at 10,000 todos).
   */
  private assemble(metaJson: string): Snapshot {
    const s: Snapshot = { meta: (JSON.parse(metaJson) as { meta: Snapshot['meta'] }).meta, repos: [], roles: [], issues: [], plans: [], todos: [], dependencies: [] };
    const rows = this.db.prepare('SELECT section, coalesce(row, record) FROM index_items WHERE duplicate = 0 AND record IS NOT NULL ORDER BY section, ordinal').raw().iterate() as IterableIterator<[SectionName, string]>;
    let section: SectionName | undefined;
    let batch: string[] = [];
    const flush = () => {
      if (section === undefined || batch.length === 0) return;
      const list = s[section] as unknown[];
      for (const row of decodeRows<unknown>(section, `[${batch.join(',')}]`)) list.push(row);
      batch = [];
    };
    for (const [at, json] of rows) {
      if (at !== section || batch.length === ROWS_PER_PARSE) {
        flush();
        section = at;
      }
      batch.push(json);
    }
    flush();
    return s;
  }

  /** The served record with this id, with unknown fields, from the index. */
  record(section: SectionName, id: string): { record: Record<string, unknown>; extra: Record<string, unknown> | undefined } | undefined {
    const row = this.db.prepare('SELECT record, extra FROM index_items WHERE section = ? AND id = ? AND duplicate = 0 AND record IS NOT NULL ORDER BY ordinal LIMIT 1').get(section, id) as
      | { record: string; extra: string | null }
      | undefined;
    return row ? { record: JSON.parse(row.record) as Record<string, unknown>, extra: parse(row.extra) } : undefined;
  }

  /** Position of a record in the file as last indexed. */
  position(section: SectionName, id: string): { ordinal: number; hash: string } | undefined {
    // Prepared once: a write that issues many ids asks this for each candidate (an import of 10,000 tasks).
    this.positionStatement ??= this.db.prepare('SELECT ordinal, hash FROM index_items WHERE section = ? AND id = ? AND duplicate = 0 ORDER BY ordinal LIMIT 1');
    return this.positionStatement.get(section, id) as
      | { ordinal: number; hash: string }
      | undefined;
  }

  /** The index row of the record with this id (served or not). */
  item(section: SectionName, id: string): IndexedItem | undefined {
    const row = this.db.prepare(`SELECT ${ITEM_COLUMNS} FROM index_items WHERE section = ? AND id = ? ORDER BY duplicate, ordinal LIMIT 1`).get(section, id) as ItemRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** Records of `section` that are not served: invalid ones (no record) and repeated ids. */
  unserved(section: SectionName): IndexedItem[] {
    return (this.db.prepare(`SELECT ${ITEM_COLUMNS} FROM index_items WHERE section = ? AND (record IS NULL OR duplicate = 1) ORDER BY ordinal`).all(section) as ItemRow[]).map(fromRow);
  }

  /** The git checkout (branch, or commit when detached) the file was on when it was last indexed. */
  checkout(): string | undefined {
    return (this.db.prepare("SELECT value FROM meta WHERE key = 'index_checkout'").pluck().get() as string | undefined) ?? undefined;
  }

  setCheckout(checkout: string | undefined): void {
    if (checkout === undefined) this.db.prepare("DELETE FROM meta WHERE key = 'index_checkout'").run();
    else this.db.prepare("INSERT INTO meta (key, value) VALUES ('index_checkout', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(checkout);
  }

  items(): IndexedItem[] {
    return (this.db.prepare(`SELECT ${ITEM_COLUMNS} FROM index_items ORDER BY section, ordinal`).all() as ItemRow[]).map(fromRow);
  }

  /**
   * Replaces the whole index. Call inside the write lock. With `previous` (the rows as they are, read by
   * this same reader), only rows that differ are rewritten, and subscribers hear which records changed:
   * after a hand edit of one record in 10,000, a few rows are written instead of all of them.
   */
  replace(header: IndexHeader, snapshot: Snapshot, summary: DiagnosticSummary, items: Iterable<IndexedItem>, previous?: readonly IndexedItem[]): void {
    const previousFingerprint = this.header()?.fingerprint;
    const insert = this.insertStatement();
    if (!previous) {
      this.db.prepare('DELETE FROM index_links').run();
      this.db.prepare('DELETE FROM index_labels').run();
      this.db.prepare('DELETE FROM index_items').run();
      // Bulk-load practice: the tables' indexes are made once the rows are in (a sort each) instead of
      // being kept up to date at every insert; made again from their own definitions (the migrations'),
      // inside this transaction, so no reader ever sees the tables without them.
      const indexes = this.db.prepare("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name IN ('index_items', 'index_links', 'index_labels') AND sql IS NOT NULL").all() as { name: string; sql: string }[];
      for (const i of indexes) this.db.exec(`DROP INDEX ${i.name}`);
      for (const item of items) insert.run(item);
      for (const i of indexes) this.db.exec(i.sql);
      this.writeHeader(header, JSON.stringify({ meta: snapshot.meta }), summary);
      this.notify({ header, previousFingerprint });
      return;
    }
    const slot = (i: IndexedItem) => `${i.section}\u0000${i.ordinal}`;
    const old = new Map(previous.map((i) => [slot(i), i]));
    const del = this.db.prepare('DELETE FROM index_items WHERE section = ? AND ordinal = ?');
    const keys: { section: SectionName; id: string }[] = [];
    const touched = (i: IndexedItem) => i.id !== undefined && keys.push({ section: i.section, id: i.id });
    for (const item of items) {
      const was = old.get(slot(item));
      old.delete(slot(item));
      if (was && sameRow(was, item)) continue;
      if (was) {
        del.run(was.section, was.ordinal);
        touched(was);
      }
      insert.run(item);
      touched(item);
    }
    for (const gone of old.values()) {
      del.run(gone.section, gone.ordinal);
      touched(gone);
    }
    this.writeHeader(header, JSON.stringify({ meta: snapshot.meta }), summary);
    this.notify({ header, previousFingerprint, keys });
  }

  /**
   * Updates the index after a write: rows of changed records, removed and added ones, and the snapshot's
   * metadata (`meta` undefined: as it was).
   */
  patch(header: IndexHeader, meta: Snapshot['meta'] | undefined, summary: DiagnosticSummary, changes: { removed: { section: SectionName; ordinal: number }[]; upserted: IndexedItem[] }): void {
    const previousFingerprint = this.header()?.fingerprint;
    const del = this.db.prepare('DELETE FROM index_items WHERE section = ? AND ordinal = ?');
    const idAt = this.db.prepare('SELECT id FROM index_items WHERE section = ? AND ordinal = ?').pluck();
    const keys = changes.removed.flatMap((r) => {
      const id = idAt.get(r.section, r.ordinal) as string | null | undefined;
      return id ? [{ section: r.section, id }] : [];
    });
    const shiftOrdinals = this.db.prepare('UPDATE index_items SET ordinal = ordinal - 1 WHERE section = ? AND ordinal > ?');
    for (const r of [...changes.removed].sort((a, b) => b.ordinal - a.ordinal)) {
      del.run(r.section, r.ordinal);
      shiftOrdinals.run(r.section, r.ordinal);
    }
    const insert = this.insertStatement();
    for (const item of changes.upserted) {
      del.run(item.section, item.ordinal);
      insert.run(item);
      if (item.id) keys.push({ section: item.section, id: item.id });
    }
    const metaJson = meta === undefined ? ((this.db.prepare('SELECT snapshot FROM index_state WHERE id = 1').pluck().get() as string | undefined) ?? JSON.stringify({ meta: {} })) : JSON.stringify({ meta });
    this.writeHeader(header, metaJson, summary);
    this.notify({ header, previousFingerprint, keys });
  }

  /** The served records of `section` with these ids, in file order. */
  servedByIds(section: SectionName, ids: Iterable<string>): ServedRecord[] {
    const list = [...new Set(ids)];
    const out: ServedRecord[] = [];
    // Bound the number of parameters of one statement (SQLite allows 32,766).
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      out.push(...this.servedRows(section, `id IN (${part.map(() => '?').join(', ')}) ${BY_ID_ORDER}`, part));
    }
    return out.sort((a, b) => a.ordinal - b.ordinal);
  }

  /**
   * The served records of `section` whose query columns hold one of the given values and, with `labels`, that
   * are listed under one of those labels (exactly), in file order.
   */
  servedWhere(section: SectionName, where: Partial<Record<QueryColumn, readonly string[]>>, labels?: readonly string[]): ServedRecord[] {
    const { clauses, params } = whereOf(where, labels);
    return this.servedRows(section, clauses.length ? clauses.join(' AND ') : '1', params);
  }

  /**
   * The keys of the records `servedWhere` would give: their ordinal, id and these top-level `fields` as the
   * record holds them (absent: not set), in file order, or with `order` sorted by one of those fields (or the
   * id) as SQLite compares them, rows without it last, then by id. A list sorts and windows these, then reads
   * only its page's records (`servedAt`), instead of decoding every matching record. SQLite compares text by
   * its bytes, not as the list's sort does: `order` is a guess the caller checks (see `inTodoOrder`).
   */
  servedKeys(
    section: SectionName,
    where: Partial<Record<QueryColumn, readonly string[]>>,
    labels: readonly string[] | undefined,
    fields: readonly string[],
    order?: KeyOrder,
  ): (Record<string, unknown> & { ordinal: number; id: string })[] {
    const { clauses, params } = whereOf(where, labels);
    // A query column holds the field when it is a string, which the schema makes every one of them (and reading
    // it costs no parse of the record).
    const column = (f: string) => (QUERY_COLUMNS as readonly string[]).includes(f);
    const pickParams: (string | number)[] = [];
    const pick = (f: string) => {
      if (f === 'id' || column(f)) return f;
      pickParams.push(`$.${f}`);
      return 'json_extract(record, ?)';
    };
    const picks = fields.map((f) => `, ${pick(f)}`).join('');
    let by = where.repo?.length ? '+ordinal' : 'ordinal';
    let sortKey = '';
    if (order) {
      const ranks = Object.entries(order.ranks ?? {});
      const key = pick(order.field);
      // The sort key as a last column (not read), so that ORDER BY names it twice with its parameters bound once.
      sortKey = `, ${ranks.length ? `CASE ${key} ${ranks.map(() => 'WHEN ? THEN ?').join(' ')} END` : key} AS sort_key`;
      pickParams.push(...ranks.flat());
      by = `sort_key IS NULL, sort_key${order.desc ? ' DESC' : ''}, id, ordinal`;
    }
    const rows = this.db
      // `+`: a repo's rows found by index_items_repo and sorted, not the whole section read in file order.
      .prepare(`SELECT ordinal, id${picks}${sortKey} FROM index_items WHERE section = ? AND ${SERVED} AND ${clauses.length ? clauses.join(' AND ') : '1'} ORDER BY ${by}`)
      .raw()
      .all(...pickParams, section, ...params) as [number, string, ...unknown[]][];
    return rows.map((r) => {
      const key: Record<string, unknown> & { ordinal: number; id: string } = { ordinal: r[0], id: r[1] };
      fields.forEach((f, i) => r[2 + i] !== null && (key[f] = r[2 + i]));
      return key;
    });
  }

  /** The served records of `section` at these ordinals, in the order given. */
  servedAt(section: SectionName, ordinals: readonly number[]): ServedRecord[] {
    const at = new Map<number, ServedRecord>();
    for (let i = 0; i < ordinals.length; i += 500) {
      const part = ordinals.slice(i, i + 500);
      for (const r of this.servedRows(section, `ordinal IN (${part.map(() => '?').join(', ')})`, part)) at.set(r.ordinal, r);
    }
    return ordinals.flatMap((o) => at.get(o) ?? []);
  }

  /** A window of the served records of `section` in file order, and how many there are. */
  servedWindow(section: SectionName, offset: number, limit: number | undefined): { rows: ServedRecord[]; total: number } {
    const total = this.db.prepare(`SELECT count(*) FROM index_items WHERE section = ? AND ${SERVED}`).pluck().get(section) as number;
    const rows = this.servedRows(section, '1 ORDER BY ordinal LIMIT ? OFFSET ?', [limit ?? -1, offset]);
    return { rows, total };
  }

  /** The ids of the served records of `section`, in file order (for "did you mean" suggestions). */
  servedIds(section: SectionName): string[] {
    return this.db.prepare(`SELECT id FROM index_items WHERE section = ? AND ${SERVED} ORDER BY ordinal`).pluck().all(section) as string[];
  }

  private servedRows(section: SectionName, where: string, params: readonly (string | number)[]): ServedRecord[] {
    const order = where.includes('ORDER BY') ? '' : ' ORDER BY ordinal';
    const rows = this.db.prepare(`SELECT ordinal, id, record FROM index_items WHERE section = ? AND ${SERVED} AND ${where}${order}`).all(section, ...params) as { ordinal: number; id: string; record: string }[];
    return rows.map((r) => ({ section, ordinal: r.ordinal, id: r.id, record: JSON.parse(r.record) as Record<string, unknown> }));
  }

  /**
   * The blocker edges that end at `blocked` ids (`to: 'blocked'`) or start at `blocker` ids, in the order
   * buildGraph adds them: by the owner record (todos before issues, then file order), then its lists.
   */
  links(ids: Iterable<string>, by: 'blocked' | 'blocker'): Link[] {
    const list = [...new Set(ids)];
    const out: Link[] = [];
    for (let i = 0; i < list.length; i += 500) {
      const part = list.slice(i, i + 500);
      const rows = this.db
        .prepare(
          `SELECT l.blocked, l.blocker, i.section, i.ordinal, l.pos FROM index_links l JOIN index_items i ON i.rowid = l.owner WHERE l.${by} IN (${part.map(() => '?').join(', ')})`,
        )
        .all(...part) as { blocked: string; blocker: string; section: string; ordinal: number; pos: number }[];
      for (const r of rows) out.push({ blocked: r.blocked, blocker: r.blocker, order: [r.section === 'todos' ? 0 : 1, r.ordinal, r.pos] });
    }
    return out.sort((a, b) => a.order[0] - b.order[0] || a.order[1] - b.order[1] || a.order[2] - b.order[2]);
  }

  /**
   * Snapshot rows (as `snapshot` decodes them) of the served records of `section`: those with these ids, or
   * (no ids) all of them; the first record of each id, in file order.
   */
  snapshotRows<T>(section: SectionName, ids?: Iterable<string>): Map<string, T> {
    const out = new Map<string, T>();
    const take = (where: string, params: readonly string[]) => {
      const rows = this.db.prepare(`SELECT id, coalesce(row, record) FROM index_items WHERE section = ? AND ${SERVED} AND ${where} ${ids === undefined ? 'ORDER BY ordinal' : BY_ID_ORDER}`).raw().all(section, ...params) as [string, string][];
      if (rows.length === 0) return;
      const decoded = decodeRows<T>(section, `[${rows.map((r) => r[1]).join(',')}]`);
      rows.forEach(([id], i) => out.has(id) || out.set(id, decoded[i]!));
    };
    if (ids === undefined) take('1', []);
    else {
      const list = [...new Set(ids)];
      for (let i = 0; i < list.length; i += 500) {
        const part = list.slice(i, i + 500);
        take(`id IN (${part.map(() => '?').join(', ')})`, part);
      }
    }
    return out;
  }

  /**
   * Every blocker edge as [blocked, blocker, owner section, owner ordinal], in the order buildGraph adds
   * them (todos before issues, then file order, then list order).
   */
  allLinks(): [string, string, SectionName, number][] {
    return this.db
      .prepare("SELECT l.blocked, l.blocker, i.section, i.ordinal FROM index_links l JOIN index_items i ON i.rowid = l.owner ORDER BY i.section <> 'todos', i.ordinal, l.pos")
      .raw()
      .all() as [string, string, SectionName, number][];
  }

  /**
   * Whether `id` lies on a blocker cycle (a path of blocker -> blocked edges from it back to it), over the
   * index's links without those of the records at `replaced` (section and ordinal), plus the edges `extra`
   * ([blocked, blocker]): the graph a write will leave, without loading it.
   */
  onCycle(id: string, replaced: readonly { section: SectionName; ordinal: number }[], extra: readonly (readonly [string, string])[]): boolean {
    const owners = replaced.length
      ? (this.db.prepare(`SELECT rowid FROM index_items WHERE ${replaced.map(() => '(section = ? AND ordinal = ?)').join(' OR ')}`).pluck().all(...replaced.flatMap((r) => [r.section, r.ordinal])) as number[])
      : [];
    const mine = owners.length ? `AND l.owner NOT IN (${owners.map(() => '?').join(', ')})` : '';
    // A cycle through `id` ends with an edge into it: without one (most records a write touches) the search,
    // which runs through everything `id` blocks, is not needed.
    if (!extra.some(([blocked]) => blocked === id) && this.db.prepare(`SELECT 1 FROM index_links l WHERE l.blocked = ? ${mine} LIMIT 1`).pluck().get(id, ...owners) === undefined) return false;
    const values = extra.length ? `VALUES ${extra.map(() => '(?, ?)').join(', ')}` : 'SELECT NULL, NULL WHERE 0';
    const sql = `WITH RECURSIVE extra(blocked, blocker) AS (${values}),
      reach(id) AS (
        SELECT l.blocked FROM index_links l WHERE l.blocker = ? ${mine}
        UNION SELECT e.blocked FROM extra e WHERE e.blocker = ?
        UNION SELECT l.blocked FROM reach r JOIN index_links l ON l.blocker = r.id ${mine}
        UNION SELECT e.blocked FROM reach r JOIN extra e ON e.blocker = r.id
      )
      SELECT 1 FROM reach WHERE id = ? LIMIT 1`;
    const params = [...extra.flat(), id, ...owners, id, ...owners, id];
    return this.db.prepare(sql).pluck().get(...params) !== undefined;
  }

  /**
   * The text hashes of every section's rows in file order (what a re-read compares; no record is decoded),
   * or undefined when a section's ordinals are not 0..n-1.
   */
  sectionHashes(): Map<SectionName, string[]> | undefined {
    // Both read index_items_position alone, which holds the hash (not every row's record): at 50,000 todos
    // 75 -> 30 ms CPU, on every re-read after a hand edit.
    const counts = this.db.prepare('SELECT section, count(*), max(ordinal) FROM index_items GROUP BY section').raw().all() as [SectionName, number, number][];
    const hashes = this.db.prepare('SELECT hash FROM index_items WHERE section = ? ORDER BY ordinal').pluck();
    const out = new Map<SectionName, string[]>();
    for (const [section, n, max] of counts) {
      if (max !== n - 1) return undefined;
      out.set(section, hashes.all(section) as string[]);
    }
    return out;
  }

  /** The index row at this place. */
  itemAt(section: SectionName, ordinal: number): IndexedItem | undefined {
    const row = this.db.prepare(`SELECT ${ITEM_COLUMNS} FROM index_items WHERE section = ? AND ordinal = ?`).get(section, ordinal) as ItemRow | undefined;
    return row ? fromRow(row) : undefined;
  }

  /** A value kept beside the index (e.g. the hash of the file outside its records), if any. */
  note(key: string): string | undefined {
    return (this.db.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(`index_${key}`) as string | undefined) ?? undefined;
  }

  setNote(key: string, value: string | undefined): void {
    if (value === undefined) this.db.prepare('DELETE FROM meta WHERE key = ?').run(`index_${key}`);
    else this.db.prepare('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(`index_${key}`, value);
  }

  /** A kept answer to the question `key` about the file with `fingerprint` (JSON), if there is one. */
  answer(key: string, fingerprint: string): string | undefined {
    return this.db.prepare('SELECT value FROM index_answers WHERE key = ? AND fingerprint = ?').pluck().get(key, fingerprint) as string | undefined;
  }

  /** Keeps an answer; answers about other versions of the file go (they can never be asked again). */
  keepAnswer(key: string, fingerprint: string, value: string): void {
    this.db.transaction(() => {
      this.db.prepare('DELETE FROM index_answers WHERE fingerprint != ?').run(fingerprint);
      this.db.prepare('INSERT INTO index_answers (key, fingerprint, value) VALUES (?, ?, ?) ON CONFLICT(key) DO UPDATE SET fingerprint = excluded.fingerprint, value = excluded.value').run(key, fingerprint, value);
    })();
  }

  /** Section, id and text hash of every served record of these sections. */
  servedHashes(sections: readonly SectionName[]): { section: SectionName; id: string; hash: string }[] {
    return this.db
      .prepare(`SELECT section, id, hash FROM index_items WHERE ${SERVED} AND section IN (${sections.map(() => '?').join(', ')})`)
      .all(...sections) as { section: SectionName; id: string; hash: string }[];
  }

  /** The served (valid, first of their id) records with these keys, or all of them. */
  served(keys?: readonly { section: SectionName; id: string }[]): HashedRecord[] {
    const sql = `SELECT section, id, hash, record FROM index_items WHERE ${SERVED}`;
    if (!keys) return (this.db.prepare(sql).all() as ServedRow[]).map(servedRecord);
    const one = this.db.prepare(`${sql} AND section = ? AND id = ? ORDER BY ordinal LIMIT 1`);
    return keys.flatMap((k) => (one.get(k.section, k.id) as ServedRow | undefined) ?? []).map(servedRecord);
  }

  /**
   * Every served record, `size` at a time in table order: a caller that uses each page and lets it go (the
   * search building its documents) never holds every record decoded at once.
   */
  *servedPages(size = 500): Generator<HashedRecord[]> {
    const page = this.db.prepare(`SELECT rowid, section, id, hash, record FROM index_items WHERE rowid > ? AND ${SERVED} ORDER BY rowid LIMIT ?`);
    for (let after = 0; ; ) {
      const rows = page.all(after, size) as (ServedRow & { rowid: number })[];
      if (!rows.length) return;
      after = rows[rows.length - 1]!.rowid;
      yield rows.map(servedRecord);
    }
  }

  /** Inserts rows with their query columns and, for served todos and issues, their blocker edges and labels. */
  private insertStatement(): { run: (item: IndexedItem) => void } {
    // Positional parameters: binding by name costs more, and a first index inserts tens of thousands of rows.
    const row = this.db.prepare(
      `INSERT INTO index_items (section, ordinal, id, hash, record, extra, diagnostics, duplicate, last_valid, row, ${QUERY_COLUMNS.join(', ')})
       VALUES (${Array.from({ length: ROW_PARAMS }, () => '?').join(', ')})`,
    );
    const link = this.db.prepare('INSERT INTO index_links (owner, pos, blocked, blocker) VALUES (?, ?, ?, ?)');
    const label = this.db.prepare('INSERT OR IGNORE INTO index_labels (label, owner) VALUES (?, ?)');
    // One array of parameters, filled again for each row and bound as a list (no spread, no array per row).
    const params: (string | number | null)[] = new Array(ROW_PARAMS);
    return {
      run: (item) => {
        const owner = row.run(toParams(item, params)).lastInsertRowid;
        const edges = edgesOf(item);
        for (let pos = 0; pos < edges.length; pos++) link.run(owner, pos, edges[pos]![0], edges[pos]![1]);
        for (const l of labelsOf(item)) label.run(l, owner);
      },
    };
  }

  /** The header, with the snapshot's metadata (its rows are the items'). */
  private writeHeader(header: IndexHeader, metaJson: string, summary: DiagnosticSummary): void {
    this.db
      .prepare(
        `INSERT INTO index_state (id, fingerprint, file, mode, snapshot, diagnostics, indexed_at, reader, file_stat) VALUES (1, @fingerprint, @file, @mode, @snapshot, @diagnostics, @indexed_at, @reader, @file_stat)
         ON CONFLICT(id) DO UPDATE SET fingerprint = excluded.fingerprint, file = excluded.file, mode = excluded.mode, snapshot = excluded.snapshot, diagnostics = excluded.diagnostics, indexed_at = excluded.indexed_at, reader = excluded.reader, file_stat = excluded.file_stat`,
      )
      .run({ fingerprint: header.fingerprint, file: header.file, mode: header.mode, indexed_at: header.indexed_at, reader: header.reader, file_stat: header.file_stat ?? null, snapshot: metaJson, diagnostics: JSON.stringify(summary) });
  }
}

/** The clauses on query columns (each one of the given values) and, with `labels`, on the labels the record is listed under. */
function whereOf(where: Partial<Record<QueryColumn, readonly string[]>>, labels: readonly string[] | undefined): { clauses: string[]; params: string[] } {
  const clauses: string[] = [];
  const params: string[] = [];
  for (const column of QUERY_COLUMNS) {
    const values = where[column];
    if (!values?.length) continue;
    clauses.push(`${column} IN (${values.map(() => '?').join(', ')})`);
    params.push(...values);
  }
  if (labels?.length) {
    clauses.push(`rowid IN (SELECT owner FROM index_labels WHERE label IN (${labels.map(() => '?').join(', ')}))`);
    params.push(...labels);
  }
  return { clauses, params };
}

/** The order `servedKeys` sorts keys in: by one of its fields (or the id), text compared by SQLite; `ranks` maps values to numbers first. */
export interface KeyOrder {
  field: string;
  desc: boolean;
  ranks?: Readonly<Record<string, number>>;
}

/**
 * The order of rows looked up by a list of ids: file order, sorted after the lookup (`+` keeps SQLite from
 * reading the whole section in file order through index_items_position to save that sort, ~13 ms for two
 * ids at 10,000 todos, instead of finding them by index_items_section_id in microseconds).
 */
const BY_ID_ORDER = 'ORDER BY +ordinal';

/** Rows decoded by one JSON.parse when the snapshot is assembled. */
const ROWS_PER_PARSE = 256;

const SERVED = 'duplicate = 0 AND record IS NOT NULL AND id IS NOT NULL';

/** A served record as written (its fields before normalizing), with its text hash. */
export interface HashedRecord {
  section: SectionName;
  id: string;
  hash: string;
  record: Record<string, unknown>;
}
type ServedRow = Omit<HashedRecord, 'record'> & { record: string };
const servedRecord = (r: ServedRow): HashedRecord => ({ section: r.section, id: r.id, hash: r.hash, record: JSON.parse(r.record) as Record<string, unknown> });

/** The blocker edges a served todo or issue adds to the graph, as [blocked, blocker] (as buildGraph adds them). */
function edgesOf(item: IndexedItem): [string, string][] {
  return [...servedList(item, 'blocked_by').map((b): [string, string] => [item.id!, b]), ...servedList(item, 'blocking').map((d): [string, string] => [d, item.id!])];
}

/** The labels a served todo or issue is listed under (each once: `todo list --label` matches them exactly). */
const labelsOf = (item: IndexedItem): string[] => servedList(item, 'labels');

/** The strings of the list `key` of a served todo or issue (the rows the graph is built from); none for any other item. */
function servedList(item: IndexedItem, key: string): string[] {
  if ((item.section !== 'todos' && item.section !== 'issues') || item.record === undefined || item.duplicate || item.id === undefined) return [];
  const list = item.record[key];
  return Array.isArray(list) ? list.filter((x): x is string => typeof x === 'string') : [];
}

/** The row of an item, in the column order of the insert, into `out`; query columns hold string fields of todos and issues. */
function toParams(item: IndexedItem, out: (string | number | null)[]): (string | number | null)[] {
  const r = item.section === 'todos' || item.section === 'issues' ? item.record : undefined;
  out[0] = item.section;
  out[1] = item.ordinal;
  out[2] = item.id ?? null;
  out[3] = item.hash;
  out[4] = item.record === undefined ? null : JSON.stringify(item.record);
  out[5] = item.extra === undefined ? null : JSON.stringify(item.extra);
  out[6] = item.diagnostics.length ? JSON.stringify(item.diagnostics) : '[]';
  out[7] = item.duplicate ? 1 : 0;
  out[8] = item.lastValid === undefined ? null : JSON.stringify(item.lastValid);
  out[9] = item.record === undefined ? null : encodeRow(item.section, item.record);
  for (let i = 0; i < QUERY_COLUMNS.length; i++) {
    const v = r?.[QUERY_COLUMNS[i]!];
    out[10 + i] = typeof v === 'string' ? v : null;
  }
  return out;
}

/** Parameters of a row's insert: its ten columns, then the query columns. */
const ROW_PARAMS = 10 + QUERY_COLUMNS.length;
