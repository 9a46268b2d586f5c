// Ids this clone has issued: a generated id is never issued twice, whatever branch the file is on.
import type { StateDb } from './db.js';

export class IssuedIds {
  constructor(private readonly db: StateDb) {}

  has(id: string): boolean {
    return this.db.prepare('SELECT 1 FROM issued_ids WHERE id = ?').get(id) !== undefined;
  }

  /** Call inside the write lock, with the write that introduces the ids. */
  record(ids: readonly string[], at: string): void {
    const insert = this.db.prepare('INSERT OR IGNORE INTO issued_ids (id, issued_at) VALUES (?, ?)');
    for (const id of ids) insert.run(id, at);
  }
}
