import type Database from "better-sqlite3";
import { notFound } from "./errors.js";
import { clean } from "./redact.js";
import { ftsQuery, searchLimit, searchTerms } from "./search.js";
import { searchSql, shapeKey, type SearchShape } from "./search-sql.js";
import { toMemory, toTodo, tupleToMemory, type MemoryRow, type MemoryTuple } from "./rows.js";
import type { MemoryRecord, MemorySearch, Store, TodoRecord } from "./types.js";
import { GroupedStore } from "./group-commit.js";

type WriteMemory = Parameters<Store["writeMemory"]>[0];
type TodoInput = Parameters<Store["writeTodos"]>[2];

/**
 * The SQLite store's memories (with their tags and full-text index, src/store/memory-index.ts)
 * and todo lists: what outlives a run, or is an agent's own, beside the run's records (sqlite.ts).
 */
export abstract class SqliteMemories extends GroupedStore {
  /** searchMemories' statements, one per search shape, prepared on first use. */
  private readonly searches = new Map<string, Database.Statement<[Record<string, unknown>], MemoryTuple>>();

  writeMemory(memory: WriteMemory): MemoryRecord {
    const { key, at } = memory;
    const content = clean.text(memory.content);
    const tags = memory.tags === undefined ? null : JSON.stringify(memory.tags);
    const runId = memory.runId ?? null;
    const row = this.write((): MemoryRow | undefined => {
      // The insert is the only change that can fail (see `one`); an existing key is updated instead.
      // Its statements are prepared before it (statements.ts).
      const { insertMemory, updateMemory, tagMemory, unindexMemory } = this.s;
      const added = insertMemory.run({ key, content, tags: tags ?? "[]", runId, at });
      if (added.changes === 0) return this.indexed(updateMemory.get({ key, content, tags, runId, at }));
      const id = Number(added.lastInsertRowid);
      tagMemory.run(id, tags ?? "[]");
      unindexMemory.run(id);
      return this.indexed({ id, key, content, tags: tags ?? "[]", run_id: runId, created_at: at, updated_at: at });
    }, {}, { one: this.group });
    if (!row) throw new Error("unreachable: UPDATE ... RETURNING returned no row for a key stored");
    return toMemory(row);
  }

  readMemory(key: string): MemoryRecord | undefined {
    const row = this.s.readMemory.get(key);
    return row && toMemory(row);
  }

  listMemories(filter: { tags?: string[]; limit?: number } = {}): MemoryRecord[] {
    const tags = filter.tags?.length ? JSON.stringify(filter.tags) : null;
    return this.s.listMemories.all({ tags, limit: filter.limit ?? -1 }).map(toMemory);
  }

  deleteMemory(key: string): boolean {
    return this.write(() => this.indexed(this.s.deleteMemory.run(key).changes > 0), {}, { one: this.group });
  }

  /** After a write to memories: their full-text entries now, or, grouping, when the group commits. */
  protected indexed<T>(result: T): T {
    if (this.group) this.unindexed = true;
    else this.indexMemories();
    return result;
  }

  searchMemories(search: MemorySearch): MemoryRecord[] {
    const limit = searchLimit(search.limit);
    if (limit === 0) return [];
    // Most searches (every prompt's) are by tags alone: no words to find in an absent query.
    const terms = search.query === undefined ? [] : searchTerms(search.query);
    const shape: SearchShape = { words: terms.length > 0, tags: search.tags !== undefined, module: search.module !== undefined };
    // Inside the open group, which wrote the memories: the index step is part of it.
    if (shape.words && this.unindexed) this.indexMemories();
    const key = shapeKey(shape);
    let statement = this.searches.get(key);
    if (!statement) {
      statement = this.db.prepare<[Record<string, unknown>], MemoryTuple>(searchSql(shape)).raw();
      this.searches.set(key, statement);
    }
    const params: Record<string, unknown> = {};
    if (shape.words) params.match = ftsQuery(terms);
    if (shape.tags) params.tags = JSON.stringify(search.tags);
    if (shape.module) params.module = `module:${search.module}`;
    // The statement has no LIMIT (see searchSql): reading stops at the limit, and a memory
    // found through two of the tags comes twice, next to itself, so repeats are skipped.
    const found: MemoryRecord[] = [];
    let last: string | undefined;
    for (const row of statement.iterate(params)) {
      if (row[0] === last) continue;
      last = row[0];
      if (found.push(tupleToMemory(row)) === limit) break;
    }
    return found;
  }

  writeTodos(runId: string, owner: string, todos: TodoInput): void {
    this.write(() => {
      if (!this.s.getRun.get(runId)) throw notFound("run", { runId });
      this.s.deleteTodos.run(runId, owner);
      todos.forEach((t, position) => this.s.insertTodo.run(runId, owner, position, clean.text(t.content), t.status));
    }, { runId });
  }

  readTodos(runId: string, owner?: string): TodoRecord[] {
    const rows = owner === undefined ? this.s.getRunTodos.all(runId) : this.s.getOwnerTodos.all(runId, owner);
    return rows.map(toTodo);
  }
}
