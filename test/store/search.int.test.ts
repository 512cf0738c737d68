import Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { refreshSecrets } from "../../src/redact/index.js";
import { LATEST_VERSION, migrate, migrations } from "../../src/store/migrations.js";
import { searchSql } from "../../src/store/search-sql.js";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { freshFiles } from "./helpers.js";

const freshFile = freshFiles("search");

/** Every token the full-text index holds. */
function indexedTokens(store: SqliteStore): string[] {
  store.db.exec("CREATE VIRTUAL TABLE IF NOT EXISTS temp.memory_terms USING fts5vocab(main, memories_fts, row)");
  return (store.db.prepare("SELECT term FROM temp.memory_terms").all() as { term: string }[]).map((r) => r.term);
}

/** What SQLite's plan for a search does, one line a step. */
function plan(store: SqliteStore, shape: { words: boolean; tags: boolean; module: boolean }): string[] {
  const rows = store.db.prepare(`EXPLAIN QUERY PLAN ${searchSql(shape)}`).all({ match: '"x"', tags: "[]", module: "module:x" }) as { detail: string }[];
  return rows.map((r) => r.detail);
}

describe("memory search in SQLite (issue 14)", () => {
  it("migration 3 indexes the memories a version-2 store already holds, redacting any written before redaction", () => {
    const file = freshFile();
    const old = new Database(file);
    migrate(old, migrations.filter((m) => m.version <= 2));
    expect(old.pragma("user_version", { simple: true })).toBe(2);
    const insert = old.prepare("INSERT INTO memories (key, content, tags, run_id, created_at, updated_at) VALUES (?, ?, ?, NULL, ?, ?)");
    insert.run("decision/amounts", "Ledger amounts use Decimal for precision.", '["module:ledger","layer:core"]', 1, 1);
    insert.run("note/journal", "Journal entries balance.", '["module:journal"]', 2, 2);
    // Written raw, as a store from before redaction could hold it.
    insert.run("leak", "the key ghp_Ab3dEf7hAb3dEf7hAb3dEf7hAb3dEf7hAb3d was printed", "[]", 3, 3);
    old.close();

    const store = openSqliteStore(file);
    try {
      expect(store.db.pragma("user_version", { simple: true })).toBe(LATEST_VERSION);
      expect(store.searchMemories({ query: "decimal", limit: 5 }).map((m) => m.key)).toEqual(["decision/amounts"]);
      expect(store.searchMemories({ module: "journal", limit: 5 }).map((m) => m.key)).toEqual(["note/journal"]);
      expect(store.searchMemories({ tags: ["layer:core"], limit: 5 }).map((m) => m.key)).toEqual(["decision/amounts"]);
      expect(store.readMemory("decision/amounts")).toStrictEqual({ key: "decision/amounts", content: "Ledger amounts use Decimal for precision.", tags: ["module:ledger", "layer:core"], createdAt: 1, updatedAt: 1 });
      expect(store.readMemory("leak")!.content).toBe("the key [REDACTED:github-token] was printed");
      expect(indexedTokens(store).filter((t) => t.startsWith("ghp"))).toEqual([]);
      // The memory stays writable through its key after the table's rebuild.
      store.writeMemory({ key: "note/journal", content: "Journal entries balance; totals are cached.", at: 4 });
      expect(store.searchMemories({ query: "cached", module: "journal", limit: 5 }).map((m) => m.key)).toEqual(["note/journal"]);
    } finally {
      store.close();
    }
  });

  it("the index holds no secret a memory was written with, and a search for one finds nothing", () => {
    const name = "ORCHESTRATE_TEST_SEARCH_TOKEN";
    process.env[name] = "zebra-quokka-walrus-1234";
    refreshSecrets();
    const store = openSqliteStore(freshFile());
    try {
      store.writeMemory({ key: "k", content: "login with zebra-quokka-walrus-1234 and AKIAQ2W3E4R5T6Y7U2W3 then ledger", at: 1 });
      const tokens = indexedTokens(store);
      expect(tokens).toContain("ledger");
      expect(tokens).toContain("redacted");
      for (const secret of ["zebra", "quokka", "walrus", "akiaq2w3e4r5t6y7u2w3"]) expect(tokens).not.toContain(secret);
      expect(store.searchMemories({ query: "quokka", limit: 5 })).toEqual([]);
      expect(store.searchMemories({ query: "ledger", limit: 5 })).toHaveLength(1);
    } finally {
      store.close();
      delete process.env[name];
      refreshSecrets();
    }
  });

  it("every search reads through an index: tags by memory_tags, words by the FTS index, never a scan of all memories", () => {
    const store = openSqliteStore(freshFile());
    try {
      for (const words of [false, true]) {
        for (const tags of [false, true]) {
          for (const module of [false, true]) {
            const steps = plan(store, { words, tags, module });
            const scans = steps.filter((s) => s.startsWith("SCAN "));
            // The FTS match, a tag list's json_each, or (no filter, no words) the newest by updated_at, read until the limit.
            const allowed = scans.filter((s) => /^SCAN memories_fts VIRTUAL TABLE INDEX \d+:M/.test(s) || /^SCAN (json_each|wanted) VIRTUAL TABLE/.test(s) || (!words && !tags && !module && s === "SCAN m USING INDEX memories_by_updated"));
            expect(scans, `${JSON.stringify({ words, tags, module })}: ${steps.join(" | ")}`).toEqual(allowed);
            // Without words the rows come from memory_tags by tag; with words each match is checked by its (memory, tag) key.
            if (!words && (tags || module)) expect(steps.some((s) => /^SEARCH (own|tagged) USING PRIMARY KEY \(tag=\?\)/.test(s))).toBe(true);
            if (words && (tags || module)) expect(steps.some((s) => /^SEARCH memory_tags EXISTS USING PRIMARY KEY \(tag=\? AND memory_id=\?\)/.test(s))).toBe(true);
            // No temporary B-tree kept for a LIMIT: only the sorter's ORDER BY.
            expect(searchSql({ words, tags, module })).not.toMatch(/LIMIT/i);
          }
        }
      }
    } finally {
      store.close();
    }
  });

  it("after 5,000 memories, finds a module's memory from the first run by module and by words", () => {
    const store = openSqliteStore(freshFile());
    try {
      store.batch(() => {
        store.writeMemory({ key: "run/r0/portfolio", content: "portfolio (core) done. Summary: positions valued with Decimal, never float.", tags: ["module:portfolio", "layer:core", "run:r0"], at: 1 });
        for (let i = 1; i < 5_000; i++) {
          const module = `m${i % 1_000}`;
          store.writeMemory({ key: `run/r${Math.floor(i / 1_000) + 1}/${module}`, content: `${module} (core) done. Summary: implemented ${module} with tests.`, tags: [`module:${module}`, "layer:core", `run:r${Math.floor(i / 1_000) + 1}`], at: 1 + i });
        }
      });
      expect(store.searchMemories({ limit: 1_000_000 })).toHaveLength(5_000);
      expect(store.searchMemories({ module: "portfolio", limit: 5 }).map((m) => m.key)).toEqual(["run/r0/portfolio"]);
      expect(store.searchMemories({ query: "positions valued", limit: 5 }).map((m) => m.key)).toEqual(["run/r0/portfolio"]);
      expect(store.searchMemories({ query: "float portfolio", tags: ["layer:core"], limit: 5 }).map((m) => m.key)).toEqual(["run/r0/portfolio"]);
      // A common word matches thousands; the limit still holds and the first run's memory ranks first.
      expect(store.searchMemories({ query: "portfolio implemented", limit: 3 })[0]!.key).toBe("run/r0/portfolio");
    } finally {
      store.close();
    }
  });
});
