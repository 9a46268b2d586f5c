// Ids this clone has issued: a generated id is never issued twice, whatever branch the file is on.
import type { Statement } from 'better-sqlite3';
import type { StateDb } from './db.js';

export class IssuedIds {
  private hasStatement: Statement<[string]> | undefined;

  constructor(private readonly db: StateDb) {}

  /** Prepared once: a write that issues many ids (an import) asks this for each candidate. */
  has(id: string): boolean {
    this.hasStatement ??= this.db.prepare('SELECT 1 FROM issued_ids WHERE id = ?');
    return this.hasStatement.get(id) !== undefined;
  }

  /** Every id issued here, for a write that asks about many candidates (an import). */
  all(): Set<string> {
    return new Set(this.db.prepare('SELECT id FROM issued_ids').pluck().all() as string[]);
  }

  /** Call inside the write lock, with the write that introduces the ids. */
  record(ids: readonly string[], at: string): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO issued_ids (id, issued_at) VALUES (?, ?)');
    for (const id of ids) insert.run(id, at);
  }
}
