import type Database from "better-sqlite3";

/**
 * Writes the full-text entries of the memories listed in `memories_unindexed` (migration 9)
 * and empties the list: one statement, so one FTS5 segment for all of them. The two steps
 * are one savepoint (or transaction), undone together if either fails.
 */
export function memoryIndexer(db: Database.Database): () => void {
  // The list drives the join (CROSS JOIN keeps that order): a lookup by id per listed memory, never a scan of all.
  const index = db.prepare(`INSERT INTO memories_fts (rowid, key, content)
                            SELECT m.id, m.key, m.content FROM memories_unindexed u CROSS JOIN memories m ON m.id = u.id`);
  const clear = db.prepare("DELETE FROM memories_unindexed");
  const step = db.transaction(() => {
    index.run();
    clear.run();
  });
  return () => step();
}
