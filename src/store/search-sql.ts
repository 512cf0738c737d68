import { CONTENT_WEIGHT, KEY_WEIGHT } from "./search.js";

/** Which parts a search has; each shape is one statement, prepared once. */
export interface SearchShape {
  words: boolean;
  tags: boolean;
  module: boolean;
}

export const shapeKey = (s: SearchShape): string => `${+s.words}${+s.tags}${+s.module}`;

/**
 * The SQL of one search shape. Tag and module filters go through `memory_tags`' primary
 * key, words through the FTS index, so SQLite reads the memories they select and no
 * others; with neither, the `updated_at` index hands out the newest. Parameters:
 * @match (an FTS5 query), @tags (a JSON array), @module (a tag), @limit.
 */
export function searchSql(shape: SearchShape): string {
  const filters: string[] = [];
  if (shape.tags) filters.push("m.id IN (SELECT memory_id FROM memory_tags WHERE tag IN (SELECT value FROM json_each(@tags)))");
  if (shape.module) filters.push("m.id IN (SELECT memory_id FROM memory_tags WHERE tag = @module)");
  if (!shape.words) {
    const where = filters.length ? `WHERE ${filters.join(" AND ")}` : "";
    return `SELECT m.* FROM memories m ${where} ORDER BY m.updated_at DESC, m.key LIMIT @limit`;
  }
  // bm25() is smaller for better matches; the join reads a memory by its id per match.
  return `SELECT m.* FROM memories_fts JOIN memories m ON m.id = memories_fts.rowid
          WHERE memories_fts MATCH @match${filters.map((f) => ` AND ${f}`).join("")}
          ORDER BY bm25(memories_fts, ${KEY_WEIGHT}, ${CONTENT_WEIGHT}), m.updated_at DESC, m.key LIMIT @limit`;
}
