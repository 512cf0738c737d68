import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { LATEST_VERSION, migrate, migrations } from "../../src/store/migrations.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import type { ModuleState } from "../../src/store/types.js";
import { attempt, expectStoreError, seed, freshFiles } from "./helpers.js";

const freshFile = freshFiles("journal");

/** The SQL of every statement `store` runs while `fn` does (SAVEPOINTs included), one whitespace-collapsed line each. */
function statementsOf(store: SqliteStore, fn: () => void): string[] {
  const proto = Object.getPrototypeOf(store.db.prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
  const seen: string[] = [];
  const saved = (["run", "get", "all", "iterate"] as const).map((name) => [name, proto[name]!] as const);
  for (const [name, original] of saved) {
    proto[name] = function (this: Database.Statement, ...args: unknown[]) {
      seen.push(this.source.replace(/\s+/g, " ").trim());
      return original.apply(this, args);
    };
  }
  try {
    fn();
  } finally {
    for (const [name, original] of saved) proto[name] = original;
  }
  return seen;
}

/**
 * A savepoint, an upsert (ON CONFLICT DO UPDATE), RETURNING and a trigger on the table each make
 * SQLite copy every page the statement then changes into a journal (16 KB pages): a module's
 * writes use none of them beyond the batch's own savepoint.
 */
const JOURNALED = /^SAVEPOINT|DO UPDATE|RETURNING/i;

describe("SqliteStore: what a module's writes make SQLite journal (issue 14)", () => {
  it("a module's writes run no savepoint, upsert or RETURNING of their own, and only its batches take a savepoint", () => {
    const store = openSqliteStore(freshFile(), { group: true });
    seed(store);
    const outside = statementsOf(store, () => {
      store.startAttempt("r1", "a", attempt(110));
      store.keepAttemptText("r1", "a", 1, { prompt: "the prompt" });
      store.keepAttemptText("r1", "a", 1, { output: "the output" });
      store.setModuleState("r1", "a", "validating", 111);
      store.finishAttempt("r1", "a", 1, { state: "done", summary: "ok", filesChanged: [], endedAt: 112 }, "done");
      store.writeMemory({ key: "run/r1/a", content: "a done", tags: ["module:a", "run:r1"], runId: "r1", at: 113 });
      store.appendEvent("r1", "module:state", { state: "done" }, 113, "a");
    });
    expect(outside.filter((sql) => JOURNALED.test(sql))).toEqual([]);
    const inBatch = statementsOf(store, () => {
      store.batch(() => {
        store.startAttempt("r1", "b", attempt(120));
        store.appendEvent("r1", "attempt:start", {}, 120, "b");
      });
      store.batch(() => {
        store.finishAttempt("r1", "b", 1, { state: "failed", error: "no", endedAt: 121 }, "failed", "failed after attempt 1");
        store.appendEvent("r1", "attempt:end", {}, 121, "b");
      });
    });
    expect(inBatch.filter((sql) => JOURNALED.test(sql))).toEqual(["SAVEPOINT ` _bs3. `", "SAVEPOINT ` _bs3. `"].map((s) => s.replace(/\s+/g, " ")));
    // No trigger on a memory's insert (migration 10): its tags and index entry are the store's statements.
    expect(store.db.prepare("SELECT name FROM sqlite_schema WHERE type = 'trigger' AND tbl_name = 'memories' ORDER BY name").all()).toEqual([{ name: "memories_delete" }, { name: "memories_update" }]);
    store.flush();
    expect(store.getModules("r1").map((m) => [m.moduleId, m.state, m.attempts])).toEqual([["a", "done", 1], ["b", "failed", 1], ["c", "pending", 0]]);
    expect(store.getAttemptText("r1", "a", 1)).toStrictEqual({ prompt: "the prompt", output: "the output" });
    expect(store.searchMemories({ tags: ["module:a"], limit: 5 }).map((m) => m.key)).toEqual(["run/r1/a"]);
    store.close();
  });

  it("a module's writes build no temporary B-tree: the states are checked by comparisons, not by a list SQLite makes a table of (migration 13)", () => {
    const store = openSqliteStore(freshFile(), { group: true });
    seed(store);
    const ran = statementsOf(store, () => {
      store.startAttempt("r1", "a", attempt(110));
      store.setModuleState("r1", "a", "validating", 111);
      store.finishAttempt("r1", "a", 1, { state: "done", summary: "ok", filesChanged: [], endedAt: 112 }, "done");
      store.setModuleState("r1", "b", "blocked", 113, "a dependency failed");
      store.recordMerge({ runId: "r1", moduleId: "a", n: 1, commit: "c0ffee", files: ["a.py"], payload: {}, at: 114 });
      store.finishMerge("r1", "a", 1, "merged", "beef");
    });
    const writes = [...new Set(ran.filter((sql) => /^(INSERT|UPDATE)/.test(sql)))];
    expect(writes.length).toBeGreaterThanOrEqual(6);
    for (const sql of writes) {
      const ops = (store.db.prepare(`EXPLAIN ${sql.replace(/\?/g, "NULL")}`).all() as { opcode: string }[]).map((r) => r.opcode);
      expect(ops, sql).not.toContain("OpenEphemeral");
    }
    // The same states are allowed, and no other.
    expect(() => store.db.prepare("UPDATE modules SET state = 'lost' WHERE module_id = 'c'").run()).toThrow(/CHECK constraint failed/);
    expect(() => store.db.prepare("UPDATE attempts SET state = 'pending' WHERE module_id = 'a'").run()).toThrow(/CHECK constraint failed/);
    expect(() => store.db.prepare("UPDATE merges SET state = 'done' WHERE module_id = 'a'").run()).toThrow(/CHECK constraint failed/);
    store.close();
  });

  it("checks before it changes: a start or an end that fails leaves nothing behind, inside a batch that goes on too", async () => {
    const file = freshFile();
    const store = openSqliteStore(file, { group: true });
    seed(store);
    store.startAttempt("r1", "a", attempt(110));
    store.batch(() => {
      expectStoreError(() => store.startAttempt("r1", "nope", attempt(111)), "STORE_NOT_FOUND");
      // A module state the schema refuses is refused before the attempt ends, not after.
      expect(() => store.finishAttempt("r1", "a", 1, { state: "done", endedAt: 112 }, "finished" as ModuleState)).toThrow(TypeError);
      expectStoreError(() => store.finishAttempt("r1", "a", 2, { state: "done", endedAt: 112 }, "done"), "STORE_NOT_FOUND");
      store.appendEvent("r1", "kept", {}, 113);
    });
    store.close();
    const reopened = openSqliteStore(file);
    expect(reopened.getAttempts("r1").map((a) => [a.moduleId, a.n, a.state])).toEqual([["a", 1, "running"]]);
    expect(reopened.getModules("r1").map((m) => [m.moduleId, m.state, m.attempts])).toEqual([["a", "running", 1], ["b", "pending", 0], ["c", "pending", 0]]);
    expect(reopened.getEvents("r1").map((e) => e.type)).toEqual(["kept"]);
    reopened.close();
  });

  it("migration 10 keeps a version-9 store's events, ids and all, and its memories' tags exact as they change", () => {
    const file = freshFile();
    const old = new Database(file);
    migrate(old, migrations.filter((m) => m.version <= 9));
    old.prepare("INSERT INTO runs (id, request, plan, options, state, created_at, updated_at) VALUES ('r0', 'x', '{}', '{}', 'done', 1, 2)").run();
    const event = old.prepare("INSERT INTO events (run_id, at, type, module_id, data) VALUES ('r0', ?, ?, NULL, ?)");
    for (const [i, type] of ["run:start", "module:state", "run:end"].entries()) event.run(i, type, JSON.stringify({ type, i }));
    const memory = old.prepare("INSERT INTO memories (key, content, tags, run_id, created_at, updated_at) VALUES (?, ?, ?, NULL, 1, 1)");
    memory.run("decision/amounts", "Ledger amounts use Decimal.", '["module:ledger","layer:core"]');
    memory.run("note/journal", "Journal entries balance.", '["module:journal"]');
    // As version 9 commits: the full-text entries written, the list to index empty.
    old.exec("INSERT INTO memories_fts (rowid, key, content) SELECT m.id, m.key, m.content FROM memories_unindexed u JOIN memories m ON m.id = u.id; DELETE FROM memories_unindexed");
    old.close();

    const store = openSqliteStore(file, { group: true });
    expect(store.db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
    expect(store.getEvents("r0").map((e) => [e.id, e.type, e.data])).toEqual([
      [1, "run:start", { type: "run:start", i: 0 }], [2, "module:state", { type: "module:state", i: 1 }], [3, "run:end", { type: "run:end", i: 2 }],
    ]);
    store.appendEvent("r0", "docs", {}, 4);
    expect(store.latestEventId("r0")).toBe(4);
    expect(store.db.prepare("SELECT name FROM sqlite_sequence WHERE name = 'events'").all()).toEqual([]);
    expect(store.db.prepare("SELECT name FROM sqlite_schema WHERE name = 'memory_tags_by_memory'").all()).toEqual([]);

    const byTag = (tag: string) => store.searchMemories({ tags: [tag], limit: 5 }).map((m) => m.key);
    const byWords = (query: string) => store.searchMemories({ query, limit: 5 }).map((m) => m.key);
    expect([byTag("layer:core"), byTag("module:journal"), byWords("decimal")]).toEqual([["decision/amounts"], ["note/journal"], ["decision/amounts"]]);
    // Memories stored by version 9 and one written by version 10, replaced and deleted through version 10's triggers.
    store.writeMemory({ key: "decision/amounts", content: "Ledger amounts use cents.", tags: ["module:ledger"], at: 5 });
    store.writeMemory({ key: "note/new", content: "A new note.", tags: ["module:new", "layer:core"], at: 6 });
    store.writeMemory({ key: "note/new", content: "A newer note.", tags: ["module:newer"], at: 7 });
    store.deleteMemory("note/journal");
    store.flush();
    expect([byTag("layer:core"), byTag("module:ledger"), byTag("module:journal"), byTag("module:new"), byTag("module:newer")]).toEqual([[], ["decision/amounts"], [], [], ["note/new"]]);
    expect([byWords("decimal"), byWords("cents"), byWords("journal"), byWords("newer")]).toEqual([[], ["decision/amounts"], [], ["note/new"]]);
    const tagRows = store.db.prepare("SELECT m.key, t.tag FROM memory_tags t JOIN memories m ON m.id = t.memory_id ORDER BY m.key, t.tag").all();
    expect(tagRows).toEqual([{ key: "decision/amounts", tag: "module:ledger" }, { key: "note/new", tag: "module:newer" }]);
    expect(store.db.prepare("SELECT count(*) AS n FROM memory_tags").get()).toEqual({ n: 2 });
    store.db.prepare("INSERT INTO memories_fts (memories_fts, rank) VALUES ('integrity-check', 1)").run();
    store.close();
  });
});
