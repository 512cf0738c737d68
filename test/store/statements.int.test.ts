import type Database from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { openSqliteStore, type SqliteStore } from "../../src/store/sqlite.js";
import { prepareStatements, type Statements } from "../../src/store/statements.js";
import { attempt, freshFiles, seed } from "./helpers.js";

const freshFile = freshFiles("statements");

/** The store's connection with `prepare` counted, and refused for SQL matching `refuse`. */
function counting(store: SqliteStore, refuse?: RegExp): { prepared: string[] } {
  const db = store.db;
  const prepare = db.prepare.bind(db);
  const prepared: string[] = [];
  db.prepare = ((source: string) => {
    if (refuse?.test(source)) throw new Error(`refused to prepare: ${source}`);
    prepared.push(source);
    return prepare(source);
  }) as Database.Database["prepare"];
  return { prepared };
}

describe("the SQLite store's statements", () => {
  it("are prepared when first used, once, not all at open", () => {
    const store = openSqliteStore(freshFile());
    const { prepared } = counting(store);
    const s = prepareStatements(store.db);
    // insertEvent only (see EAGER in statements.ts).
    expect(prepared).toHaveLength(1);
    expect(s.getRun).toBe(s.getRun);
    expect(prepared).toHaveLength(2);
    store.close();
  });

  it("all prepare against the current schema (a statement nobody uses at open still has valid SQL)", () => {
    const store = openSqliteStore(freshFile());
    const s = prepareStatements(store.db);
    for (const name of Object.keys(s) as (keyof Statements)[]) expect(() => s[name], name).not.toThrow();
    store.close();
  });

  // A write without a savepoint (GroupedStore.write's `one`) must not fail after its first change:
  // a statement prepared late, and refused, would leave that change in the open group.
  it.each([
    ["startAttempt, its module's count", /^UPDATE modules SET attempts/],
    ["finishAttempt, its module's state", /^UPDATE modules SET state/],
  ])("takes every statement before its first change: %s", (_what, refuse) => {
    const store = openSqliteStore(freshFile(), { group: true });
    seed(store);
    if (refuse.source.includes("state")) store.startAttempt("r1", "a", attempt(110));
    store.flush();
    counting(store, refuse);
    const call = refuse.source.includes("state")
      ? () => store.finishAttempt("r1", "a", 1, { state: "done", filesChanged: [], endedAt: 120 }, "done")
      : () => store.startAttempt("r1", "a", attempt(110));
    expect(call).toThrow(/refused to prepare/);
    store.flush();
    const [a] = store.getAttempts("r1", "a");
    if (refuse.source.includes("state")) expect(a?.state).toBe("running");
    else expect(a).toBeUndefined();
    store.close();
  });

  it("takes writeMemory's statements before its insert", () => {
    const store = openSqliteStore(freshFile(), { group: true });
    counting(store, /memory_tags/);
    expect(() => store.writeMemory({ key: "k", content: "c", tags: ["t"], at: 1 })).toThrow(/refused to prepare/);
    store.flush();
    expect(store.readMemory("k")).toBeUndefined();
    store.close();
  });

  it("read attempts and modules as arrays of named columns (raw rows), made records by position", () => {
    const store = openSqliteStore(freshFile());
    seed(store);
    store.startAttempt("r1", "a", attempt(110));
    store.finishAttempt("r1", "a", 1, { state: "failed", summary: "s", error: "e", filesChanged: ["f.ts"], endedAt: 120, worker: "w1" }, "pending");
    const s = prepareStatements(store.db);
    const [row] = s.getModuleAttempts.all("r1", "a");
    expect(Array.isArray(row)).toBe(true);
    expect(Array.isArray([...s.getRunAttempts.iterate({ runId: "r1" })][0])).toBe(true);
    expect(store.getAttempts("r1")).toEqual(store.getAttempts("r1", "a"));
    expect(Array.isArray(s.getModules.all("r1")[0])).toBe(true);
    expect(store.getModules("r1").map((m) => [m.moduleId, m.layer, m.state, m.reason, m.attempts])).toEqual([["a", "core", "pending", undefined, 1], ["b", "core", "pending", undefined, 0], ["c", "app", "pending", undefined, 0]]);
    expect(store.getModule("r1", "a")).toEqual({ runId: "r1", moduleId: "a", layer: "core", state: "pending", attempts: 1, updatedAt: 120 });
    expect(store.getAttempts("r1", "a")).toEqual([{
      runId: "r1", moduleId: "a", n: 1, kind: "implement", agent: "simulate", state: "failed", promptPath: ".orchestrate/p.md",
      summary: "s", error: "e", filesChanged: ["f.ts"], usage: { inputTokens: 0, outputTokens: 0, costUsd: 0 }, startedAt: 110, endedAt: 120, worker: "w1",
    }]);
    store.close();
  });
});
