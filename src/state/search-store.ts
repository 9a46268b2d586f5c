// The full-text search tables: FTS5 documents with what each hit shows, kept in step by app/search-sync.
import type { SearchDocument, SearchKind } from '../core/search-documents.js';
import type { SectionName } from '../core/sections.js';
import type { Statement } from 'better-sqlite3';
import type { StateDb } from './db.js';

export interface SearchHit {
  kind: SearchKind;
  id: string;
  label: string;
  repos: string[];
  at: string | null;
  ref: string | null;
  snippet: string;
  /** bm25 with title weighted 4×; lower is better. */
  rank: number;
}

export interface SearchQuery {
  match: string;
  kinds?: readonly SearchKind[];
  repo?: string;
  limit: number;
  /** Markers around matched words in the snippet. */
  open: string;
  close: string;
}

/** Events rank below records and notes that match as well: they repeat the words of their subject. */
const EVENT_WEIGHT = 0.6;

export class SearchStore {
  private readonly statements = new Map<string, Statement>();

  constructor(private readonly db: StateDb) {}

  /** Prepared once per connection: re-indexing thousands of records runs these thousands of times. */
  private sql(text: string): Statement {
    let s = this.statements.get(text);
    if (!s) this.statements.set(text, (s = this.db.prepare(text)));
    return s;
  }

  private meta(key: string): string | undefined {
    return (this.sql('SELECT value FROM meta WHERE key = ?').pluck().get(key) as string | undefined) ?? undefined;
  }
  private setMeta(key: string, value: string): void {
    this.sql('INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  /** The index fingerprint the record documents were last brought in step with. */
  get itemsFingerprint(): string | undefined {
    return this.meta('search_fingerprint');
  }
  set itemsFingerprint(v: string | undefined) {
    this.setMeta('search_fingerprint', v ?? '');
  }
  /** Events up to this sequence number are indexed. */
  get eventsUpto(): number {
    return Number(this.meta('search_events_upto') ?? 0);
  }
  set eventsUpto(seq: number) {
    this.setMeta('search_events_upto', String(seq));
  }

  itemHashes(): Map<string, string> {
    const rows = this.db.prepare('SELECT section, id, hash FROM search_items').all() as { section: string; id: string; hash: string }[];
    return new Map(rows.map((r) => [`${r.section}\u0000${r.id}`, r.hash]));
  }

  /** Removes the documents of a record (and its notes or milestones). */
  removeItem(section: SectionName, id: string): void {
    const source = `${section}:${id}`;
    const rowids = this.sql('SELECT rowid FROM search_docs WHERE source = ?').pluck().all(source) as number[];
    const delFts = this.sql('DELETE FROM search_fts WHERE rowid = CAST(? AS INTEGER)');
    for (const r of rowids) delFts.run(r);
    this.sql('DELETE FROM search_docs WHERE source = ?').run(source);
    this.sql('DELETE FROM search_items WHERE section = ? AND id = ?').run(section, id);
  }

  /** Replaces the documents of a record. */
  putItem(section: SectionName, id: string, hash: string, docs: readonly SearchDocument[]): void {
    this.removeItem(section, id);
    this.insert(`${section}:${id}`, docs);
    this.sql('INSERT INTO search_items (section, id, hash) VALUES (?, ?, ?)').run(section, id, hash);
  }

  addEvents(docs: readonly SearchDocument[]): void {
    this.insert('event', docs);
  }

  private insert(source: string, docs: readonly SearchDocument[]): void {
    const fts = this.sql('INSERT INTO search_fts (title, body) VALUES (?, ?)');
    const meta = this.sql('INSERT INTO search_docs (rowid, source, kind, entity_id, label, repos, at, ref) VALUES (?, ?, ?, ?, ?, ?, ?, ?)');
    for (const d of docs) {
      const rowid = Number(fts.run(d.title, d.body).lastInsertRowid);
      meta.run(rowid, source, d.kind, d.id, d.label, JSON.stringify(d.repos), d.at ?? null, d.ref ?? null);
    }
  }

  /** True when no record has been indexed yet (a new database, or one from before search existed). */
  isEmpty(): boolean {
    return this.sql('SELECT 1 FROM search_items LIMIT 1').get() === undefined;
  }

  /** Drops every document (the next sync rebuilds them). */
  clear(): void {
    this.db.exec("DELETE FROM search_fts; DELETE FROM search_docs; DELETE FROM search_items; DELETE FROM meta WHERE key IN ('search_fingerprint', 'search_events_upto');");
  }

  /**
   * Best hits first. Ranks are computed for every match, snippets only for the hits returned (a snippet
   * costs a re-tokenization of its document).
   */
  search(q: SearchQuery): { hits: SearchHit[]; total: number } {
    const where: string[] = ['search_fts MATCH ?'];
    const params: unknown[] = [q.match];
    if (q.kinds?.length) {
      where.push(`d.kind IN (${q.kinds.map(() => '?').join(', ')})`);
      params.push(...q.kinds);
    }
    if (q.repo) {
      where.push('EXISTS (SELECT 1 FROM json_each(d.repos) WHERE value = ?)');
      params.push(q.repo);
    }
    const from = `FROM search_fts JOIN search_docs d ON d.rowid = search_fts.rowid WHERE ${where.join(' AND ')}`;
    const ranked = this.db
      .prepare(`SELECT search_fts.rowid AS rowid, bm25(search_fts, 4.0, 1.0) * (CASE d.kind WHEN 'event' THEN ${EVENT_WEIGHT} ELSE 1.0 END) AS rank ${from} ORDER BY rank LIMIT ?`)
      .all(...params, q.limit) as { rowid: number; rank: number }[];
    // Counting every match costs as much again as ranking them: only when there are more than shown, and from
    // the full-text index alone when nothing filters on the documents (each has its row in search_docs).
    const count = where.length === 1 ? 'SELECT COUNT(*) FROM search_fts WHERE search_fts MATCH ?' : `SELECT COUNT(*) ${from}`;
    const total = ranked.length < q.limit ? ranked.length : ((this.db.prepare(count).pluck().get(...params) as number) ?? 0);
    // The CAST matters: FTS5 ignores a rowid constraint bound as a REAL (how JavaScript numbers bind).
    const snippet = this.db.prepare("SELECT snippet(search_fts, -1, ?, ?, '…', 16) FROM search_fts WHERE search_fts MATCH ? AND rowid = CAST(? AS INTEGER)").pluck();
    const doc = this.db.prepare('SELECT kind, entity_id AS id, label, repos, at, ref FROM search_docs WHERE rowid = ?');
    const hits = ranked.map((r) => {
      const row = doc.get(r.rowid) as Omit<SearchHit, 'rank' | 'repos' | 'snippet'> & { repos: string };
      return { ...row, repos: JSON.parse(row.repos) as string[], snippet: snippet.get(q.open, q.close, q.match, r.rowid) as string, rank: r.rank };
    });
    return { hits, total };
  }
}
