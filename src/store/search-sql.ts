import { CONTENT_WEIGHT, KEY_WEIGHT } from "./search.js";

/** Which parts a search has; each shape is one statement, prepared once. */
export interface SearchShape {
  words: boolean;
  tags: boolean;
  module: boolean;
}

export const shapeKey = (s: SearchShape): string => `${+s.words}${+s.tags}${+s.module}`;

/**
 * The columns a search reads, in the order of `MemoryTuple` (src/store/rows.ts): its statements
 * give rows as arrays, which better-sqlite3 makes for a fraction of an object's cost (an object's
 * every column is a property added through V8's API), and every prompt searches.
 */
const MEMORY_COLUMNS = "m.key, m.content, m.tags, m.run_id, m.created_at, m.updated_at";

const MODULE = "EXISTS (SELECT 1 FROM memory_tags WHERE memory_id = m.id AND tag = @module)";
const TAGS = "EXISTS (SELECT 1 FROM memory_tags WHERE memory_id = m.id AND tag IN (SELECT value FROM json_each(@tags)))";

/**
 * The SQL of one search shape, ranked and without a LIMIT: the caller stops reading at
 * its limit. With a LIMIT, SQLite keeps the top rows in a temporary B-tree, whose page
 * cache (temp_store is a file by default) is allocated and freed on every search: a bulk
 * malloc, brk and page faults, 0.3 ms, ten times the search itself. Without it the rows
 * go through the sorter, which reads the same rows.
 *
 * The rows are read from the most selective index first (CROSS JOIN keeps that order): the
 * FTS index for words, else `memory_tags`' primary key for the module or the tags, else
 * the `updated_at` index; the other filters are lookups of one (tag, memory) key per row.
 * Driven by a tag list, a memory carrying two of the tags comes twice: the caller skips
 * repeats. Parameters: @match (an FTS5 query), @tags (a JSON array), @module (a tag).
 */
export function searchSql(shape: SearchShape): string {
  const order = "m.updated_at DESC, m.key";
  if (shape.words) {
    // bm25() is smaller for better matches; the join reads a memory by its id per match.
    const filters = [...(shape.module ? [MODULE] : []), ...(shape.tags ? [TAGS] : [])];
    return `SELECT ${MEMORY_COLUMNS} FROM memories_fts CROSS JOIN memories m ON m.id = memories_fts.rowid
            WHERE memories_fts MATCH @match${filters.map((f) => ` AND ${f}`).join("")}
            ORDER BY bm25(memories_fts, ${KEY_WEIGHT}, ${CONTENT_WEIGHT}), ${order}`;
  }
  if (shape.module) {
    return `SELECT ${MEMORY_COLUMNS} FROM memory_tags own CROSS JOIN memories m ON m.id = own.memory_id
            WHERE own.tag = @module${shape.tags ? ` AND ${TAGS}` : ""} ORDER BY ${order}`;
  }
  if (shape.tags) {
    return `SELECT ${MEMORY_COLUMNS} FROM json_each(@tags) wanted CROSS JOIN memory_tags tagged ON tagged.tag = wanted.value
            CROSS JOIN memories m ON m.id = tagged.memory_id ORDER BY ${order}`;
  }
  return `SELECT ${MEMORY_COLUMNS} FROM memories m ORDER BY ${order}`;
}
